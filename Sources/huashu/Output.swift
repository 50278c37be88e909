import Foundation
import Huashu

/// Buffered stdout and unbuffered stderr.
enum Output {
    nonisolated(unsafe) private static var buffer: [UInt8] = []

    static func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count > 1 << 16 { flush() }
    }

    static func line(_ s: String) { write(s); write("\n") }

    /// One JSON value and a newline, encoded straight into the buffer.
    static func json(_ value: JSON.Value) {
        value.write(into: &buffer)
        buffer.append(0x0A)
        if buffer.count > 1 << 16 { flush() }
    }

    static func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { p in
            var offset = 0
            while offset < p.count {
                let n = Foundation.write(1, p.baseAddress! + offset, p.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
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
