import Foundation
import Huashu

/// Reading texts from files and stdin, with clear messages for bad input.
enum Input {
    /// The whole content of `path` ("-" for stdin) as validated UTF-8.
    static func readText(_ path: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw UserError("\(path): 文件不存在")
            }
            if isDirectory.boolValue { throw UserError("\(path): 是目录，请指定文件") }
            guard let d = FileManager.default.contents(atPath: path) else { throw UserError("\(path): 无法读取文件") }
            data = d
        }
        switch UTF8Validation.validate(data) {
        case .valid(let s): return s
        case .invalid(let offset, let line, let column):
            throw UserError("\(displayName(path)):\(line):\(column): 输入不是有效的 UTF-8（第 \(offset) 字节）")
        }
    }

    static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }
}

/// Reads a stream line by line without holding more than one line in memory.
struct LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    /// Bytes from `start` already known to hold no newline.
    private var scanned = 0
    private(set) var lineNumber = 0

    init(handle: FileHandle) { self.handle = handle }

    /// The next line's bytes without the newline (and a trailing CR), or nil at the end.
    mutating func next() -> ArraySlice<UInt8>? {
        while true {
            if let nl = buffer[(start + scanned)...].firstIndex(of: 0x0A) {
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
            if start > 0 { buffer.removeFirst(start); start = 0 }
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { eof = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
