import Foundation
import Huashu

/// Reading texts from files and stdin, with clear messages for bad input.
enum Input {
    /// The whole content of `path` ("-" for stdin) as validated UTF-8.
    static func readText(_ path: String) throws -> String {
        let bytes: FileBytes
        if path == "-" {
            guard let b = FileBytes.read(0) else { throw UserError("\(displayName(path)): 无法读取文件") }
            bytes = b
        } else {
            var info = stat()
            guard stat(path, &info) == 0 else { throw UserError("\(path): 文件不存在") }
            if info.st_mode & S_IFMT == S_IFDIR { throw UserError("\(path): 是目录，请指定文件") }
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw UserError("\(path): 无法读取文件") }
            defer { close(fd) }
            guard let b = FileBytes.read(fd) else { throw UserError("\(path): 无法读取文件") }
            bytes = b
        }
        switch bytes.withBytes({ UTF8Validation.validate($0) }) {
        case .valid(let s): return s
        case .invalid(let offset, let line, let column):
            throw UserError("\(displayName(path)):\(line):\(column): 输入不是有效的 UTF-8（第 \(offset) 字节）")
        }
    }

    static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }
}

/// Everything readable from a file descriptor, read straight into one block
/// (sized up front for regular files) so the text is copied only once more,
/// into its `String`.
final class FileBytes {
    private let storage: UnsafeMutableBufferPointer<UInt8>
    let count: Int

    private init(storage: UnsafeMutableBufferPointer<UInt8>, count: Int) {
        self.storage = storage
        self.count = count
    }

    deinit { storage.deallocate() }

    /// Reads `fd` to its end; nil on a read error.
    static func read(_ fd: Int32) -> FileBytes? {
        var info = stat()
        let size = fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : 0
        // One byte more than the size, so seeing the end needs no bigger block.
        var block = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(size + 1, 1 << 16))
        var count = 0
        while true {
            if count == block.count {
                let bigger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: block.count * 2)
                bigger.baseAddress!.moveInitialize(from: block.baseAddress!, count: count)
                block.deallocate()
                block = bigger
            }
            let n = Foundation.read(fd, block.baseAddress! + count, block.count - count)
            if n > 0 { count += n; continue }
            if n == 0 { return FileBytes(storage: block, count: count) }
            if errno == EINTR { continue }
            block.deallocate()
            return nil
        }
    }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(rebasing: storage[..<count]))
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
