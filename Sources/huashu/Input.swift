import Foundation
import Huashu

/// Reading texts from files and stdin, with clear messages for bad input.
enum Input {
    /// The whole content of `path` ("-" for stdin) as validated UTF-8.
    static func readText(_ path: String) throws -> String {
        let bytes = try readBytes(path)
        switch UTF8Validation.validate(bytes) {
        case .valid(let s): return s
        case .invalid: throw invalidUTF8(bytes, path: path)
        }
    }

    /// The whole content of `path` ("-" for stdin), not yet checked to be UTF-8
    /// (`Analyzer.analyze(utf8:)` checks while it folds).
    static func readBytes(_ path: String) throws -> [UInt8] {
        if path == "-" {
            guard let b = FileBytes.read(0) else { throw UserError("\(displayName(path)): 无法读取文件") }
            return b
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw UserError("\(path): 文件不存在") }
        if info.st_mode & S_IFMT == S_IFDIR { throw UserError("\(path): 是目录，请指定文件") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw UserError("\(path): 无法读取文件") }
        defer { close(fd) }
        guard let b = FileBytes.read(fd) else { throw UserError("\(path): 无法读取文件") }
        return b
    }

    /// The message for `bytes` of `path` that are not valid UTF-8: where the first bad byte is.
    static func invalidUTF8(_ bytes: [UInt8], path: String) -> UserError {
        guard case .invalid(let offset, let line, let column) = UTF8Validation.validate(bytes) else {
            return UserError("\(displayName(path)): 输入不是有效的 UTF-8")
        }
        return UserError("\(displayName(path)):\(line):\(column): 输入不是有效的 UTF-8（第 \(offset) 字节）")
    }

    static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }
}

/// Everything readable from a file descriptor, read straight into an array
/// sized up front for regular files.
enum FileBytes {
    /// Reads `fd` to its end; nil on a read error.
    static func read(_ fd: Int32) -> [UInt8]? {
        var info = stat()
        let size = fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : 0
        var bytes: [UInt8] = []
        // One byte more than the size, so seeing the end needs no second block.
        var block = max(size + 1, 1 << 16)
        while true {
            var failed = false, atEnd = false
            let chunk = [UInt8](unsafeUninitializedCapacity: block) { buffer, count in
                HugePages.advise(buffer.baseAddress, bytes: buffer.count)
                while count < buffer.count {
                    let n = Foundation.read(fd, buffer.baseAddress! + count, buffer.count - count)
                    if n > 0 { count += n; continue }
                    if n == 0 { atEnd = true; return }
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
            }
            if failed { return nil }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if atEnd { return bytes }
            block = max(block, bytes.count)
        }
    }
}

/// Reads a stream line by line without holding more than one line in memory
/// beyond the current block.
struct LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    /// Bytes from `start` already known to hold no newline.
    private var scanned = 0
    private(set) var lineNumber = 0
    /// Whether reading stopped on an error (e.g. a directory) rather than at the end.
    private(set) var failed = false
    /// Bytes read from the stream per block.
    static let blockSize = 1 << 20

    init(handle: FileHandle) { self.handle = handle }

    /// The next line's bytes without the newline (and a trailing CR), or nil at the end.
    mutating func next() -> ArraySlice<UInt8>? {
        while true {
            if let nl = newline(from: start + scanned) {
                var line = buffer[start..<nl]
                if line.last == 0x0D { line = line.dropLast() }
                start = nl + 1
                scanned = 0
                lineNumber += 1
                return line
            }
            if eof {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                scanned = 0
                lineNumber += 1
                return line
            }
            scanned = buffer.count - start
            refill()
        }
    }

    private func newline(from i: Int) -> Int? {
        guard i < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { p in
            memchr(p.baseAddress! + i, 0x0A, p.count - i).map { UnsafeRawPointer(p.baseAddress!).distance(to: $0) }
        }
    }

    /// Moves the unfinished line into a new block and fills the rest from the
    /// stream. A new block rather than compacting in place: lines handed out
    /// earlier may still share the old one, which would force a copy.
    private mutating func refill() {
        let pending = buffer.count - start
        let fd = handle.fileDescriptor
        var endOfStream = false
        var error = false
        buffer = buffer.withUnsafeBufferPointer { old in
            [UInt8](unsafeUninitializedCapacity: pending + Self.blockSize) { block, count in
                if pending > 0 { _ = block.initialize(fromContentsOf: old[start...]) }
                count = pending
                while count < block.count {
                    let n = read(fd, block.baseAddress! + count, block.count - count)
                    if n > 0 { count += n; continue }
                    if n < 0 && errno == EINTR { continue }
                    endOfStream = true
                    error = n < 0
                    break
                }
            }
        }
        start = 0
        eof = endOfStream
        failed = error
    }
}
