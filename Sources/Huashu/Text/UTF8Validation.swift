import Foundation

/// Strict UTF-8 decoding that reports where invalid bytes are.
public enum UTF8Validation {
    public enum Result: Sendable {
        case valid(String)
        /// `offset` is the 0-based byte offset of the first invalid byte; `line`
        /// and `column` (1-based, in characters) locate it in the text before it.
        case invalid(offset: Int, line: Int, column: Int)
    }

    /// Whether `bytes` are valid UTF-8, checked without building a string.
    public static func isValid(_ bytes: Span<UInt8>) -> Bool {
        (try? UTF8Span(validating: bytes)) != nil
    }

    public static func validate(_ data: Data) -> Result {
        data.withUnsafeBytes { validate(UnsafeRawBufferPointer($0)) }
    }

    public static func validate<C: Collection>(_ bytes: C) -> Result where C.Element == UInt8 {
        if let s = String(validating: bytes, as: UTF8.self) { return .valid(s) }
        // Find the first invalid byte by decoding scalar by scalar.
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var line = 1, column = 1
        var offset = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                offset += UTF8.width(s)
                if s == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                break loop
            case .error:
                return .invalid(offset: offset, line: line, column: column)
            }
        }
        return .invalid(offset: offset, line: line, column: column)
    }
}
