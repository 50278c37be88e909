import Foundation
import Huashu

/// Buffered stdout and unbuffered stderr.
///
/// Stdout goes out in chunks of about `chunkSize` bytes; a payload at least that
/// big is written straight from its own storage instead of through the buffer.
enum Output {
    static let chunkSize = 1 << 18
    nonisolated(unsafe) private static var buffer: [UInt8] = []

    static func write(_ s: String) {
        var s = s
        s.withUTF8 { write(bytes: $0) }
    }

    static func write(bytes: UnsafeBufferPointer<UInt8>) {
        if buffer.count + bytes.count < chunkSize {
            buffer.append(contentsOf: bytes)
            return
        }
        flush()
        if bytes.count >= chunkSize { writeAll(bytes) } else { buffer.append(contentsOf: bytes) }
    }

    static func write(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write(bytes: $0) }
    }

    static func line(_ s: String) { write(s); write("\n") }

    /// Lets `body` encode straight into the buffer, then flushes a full buffer.
    /// Call it once per piece (e.g. per finding) to keep large outputs in chunks.
    static func append(_ body: (inout [UInt8]) -> Void) {
        body(&buffer)
        if buffer.count >= chunkSize { flush() }
    }

    /// One JSON value and a newline, encoded straight into the buffer.
    static func json(_ value: JSON.Value) {
        append { out in
            value.write(into: &out)
            out.append(0x0A)
        }
    }

    static func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(1, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            offset += n
        }
    }

    /// Flushes stdout and ends the process with `status` straight away: freeing
    /// a loaded phrasebook object by object would only delay the exit.
    static func exit(_ status: Int32) -> Never {
        flush()
        Foundation.exit(status)
    }

    static func error(_ s: String) {
        flush()
        let text = s.hasSuffix("\n") ? s : s + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Colour only for a terminal, never with NO_COLOR.
    static func useColor(_ mode: ColorMode) -> Bool {
        switch mode {
        case .always: return true
        case .never: return false
        case .auto: return isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }
}

enum ColorMode: String, CaseIterable {
    case auto, always, never
}
