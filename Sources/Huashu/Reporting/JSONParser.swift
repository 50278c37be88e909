/// A strict JSON (RFC 8259) reader into `JSON.Value`, for the JSON-lines inputs.
/// Foundation's `JSONDecoder` into an untyped value costs more than analysing
/// a short record; this reads the bytes once.
extension JSON {
    public struct ParseError: Error, CustomStringConvertible, Sendable {
        /// Byte offset of the problem.
        public let offset: Int
        public let message: String
        public var description: String { "JSON 第 \(offset) 字节：\(message)" }
    }

    /// Parses one JSON document from UTF-8 `bytes`. With `validUTF8`, the
    /// caller has already checked the bytes are UTF-8, so strings are not checked again.
    public static func parse<C: Collection>(_ bytes: C, validUTF8: Bool = false) throws -> Value where C.Element == UInt8 {
        if let value = try bytes.withContiguousStorageIfAvailable({ try parse(buffer: $0, validUTF8: validUTF8) }) { return value }
        return try Array(bytes).withUnsafeBufferPointer { try parse(buffer: $0, validUTF8: validUTF8) }
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>, validUTF8: Bool) throws -> Value {
        var reader = Reader(bytes: buffer, validUTF8: validUTF8)
        reader.skipSpace()
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.i == buffer.count else { throw reader.error("多余的内容") }
        return value
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let validUTF8: Bool
        var i = 0
        static let maxDepth = 512

        func error(_ message: String) -> ParseError { ParseError(offset: i, message: message) }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        mutating func value(depth: Int) throws -> Value {
            guard depth < Self.maxDepth else { throw error("嵌套过深") }
            guard i < bytes.count else { throw error("意外结束") }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var pairs: [(String, Value)] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("应为字符串键") }
                    let key = try string()
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("应为“:”") }
                    i += 1
                    skipSpace()
                    pairs.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    guard i < bytes.count else { throw error("对象未结束") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
                    throw error("应为“,”或“}”")
                }
            case UInt8(ascii: "["):
                i += 1
                var items: [Value] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard i < bytes.count else { throw error("数组未结束") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                    throw error("应为“,”或“]”")
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default:
                return try number()
            }
        }

        mutating func literal(_ word: String) throws {
            let expected = Array(word.utf8)
            guard i + expected.count <= bytes.count else { throw error("无法识别的值") }
            for k in 0..<expected.count where bytes[i + k] != expected[k] { throw error("无法识别的值") }
            i += expected.count
        }

        mutating func number() throws -> Value {
            let start = i
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            var integral = true
            var digits = 0
            while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1; digits += 1 }
            guard digits > 0 else { i = start; throw error("无法识别的值") }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                integral = false; i += 1
                var fraction = 0
                while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1; fraction += 1 }
                guard fraction > 0 else { throw error("小数点后缺少数字") }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                integral = false; i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                var exponent = 0
                while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1; exponent += 1 }
                guard exponent > 0 else { throw error("指数缺少数字") }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            if integral, let v = Int(text) { return .int(v) }
            guard let d = Double(text) else { throw error("无法识别的数字") }
            return .double(d)
        }

        mutating func string() throws -> String {
            i += 1  // opening quote
            var runStart = i
            // Most strings have no escape: validate and copy them in one step.
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 { i += 1 }
            if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
                i += 1
                guard let s = text(UnsafeBufferPointer(rebasing: bytes[runStart..<i - 1])) else {
                    throw error("字符串不是有效的 UTF-8")
                }
                return s
            }
            var out = [UInt8]()
            while true {
                guard i < bytes.count else { throw error("字符串未结束") }
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    out.append(contentsOf: bytes[runStart..<i])
                    i += 1
                    break
                }
                if b < 0x20 { throw error("字符串中有未转义的控制字符") }
                if b != UInt8(ascii: "\\") { i += 1; continue }
                out.append(contentsOf: bytes[runStart..<i])
                i += 1
                guard i < bytes.count else { throw error("字符串未结束") }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                            throw error("缺少低位代理项")
                        }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("无效的代理项") }
                        scalar = 0x1_0000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw error("孤立的低位代理项")
                    }
                    UTF8.encode(Unicode.Scalar(scalar)!) { out.append($0) }
                default:
                    throw error("无效的转义")
                }
                runStart = i
            }
            guard let s = out.withUnsafeBufferPointer({ text($0) }) else { throw error("字符串不是有效的 UTF-8") }
            return s
        }

        /// A string's UTF-8, checked unless the whole input already was.
        func text(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
            validUTF8 ? String(decoding: utf8, as: UTF8.self) : String(validating: utf8, as: UTF8.self)
        }

        mutating func hex4() throws -> UInt32 {
            guard i + 4 <= bytes.count else { throw error("\\u 后应有4位十六进制数") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[i]
                let d: UInt32
                switch b {
                case 0x30...0x39: d = UInt32(b - 0x30)
                case 0x61...0x66: d = UInt32(b - 0x61 + 10)
                case 0x41...0x46: d = UInt32(b - 0x41 + 10)
                default: throw error("\\u 后应有4位十六进制数")
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }
    }
}
