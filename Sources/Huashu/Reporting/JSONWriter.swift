/// Minimal JSON text building with stable key order, for reports that users
/// diff and stream.
public enum JSON {
    /// A JSON value.
    public indirect enum Value: Sendable, Hashable {
        case null
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(String)
        case array([Value])
        case object([(String, Value)])

        public static func == (a: Value, b: Value) -> Bool { a.text == b.text }
        public func hash(into h: inout Hasher) { h.combine(text) }

        /// Compact JSON text.
        public var text: String {
            var bytes: [UInt8] = []
            write(into: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }

        public func write(to out: inout String) {
            out += text
        }

        /// Appends the compact JSON text as UTF-8 (the fast path for large outputs).
        public func write(into out: inout [UInt8]) {
            switch self {
            case .null: out += "null".utf8
            case .bool(let b): out += (b ? "true" : "false").utf8
            case .int(let i): JSON.appendInt(i, into: &out)
            case .double(let d): out += (d.isFinite ? String(d) : "null").utf8
            case .string(let s): JSON.quote(s, into: &out)
            case .array(let items):
                out.append(UInt8(ascii: "["))
                for (i, v) in items.enumerated() { if i > 0 { out.append(UInt8(ascii: ",")) }; v.write(into: &out) }
                out.append(UInt8(ascii: "]"))
            case .object(let pairs):
                out.append(UInt8(ascii: "{"))
                for (i, (k, v)) in pairs.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    JSON.quote(k, into: &out)
                    out.append(UInt8(ascii: ":"))
                    v.write(into: &out)
                }
                out.append(UInt8(ascii: "}"))
            }
        }
    }

    /// Appends `s` as a JSON string literal in UTF-8, copying runs that need no escape.
    public static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { appendEscaped($0, into: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends UTF-8 `utf8` escaped for the inside of a JSON string literal:
    /// `"` `\\` and control characters escaped (`\n` `\r` `\t`, others as
    /// `\u00xx`), U+2028 and U+2029 as `\u2028`/`\u2029` for JavaScript, and
    /// everything else copied in bulk.
    static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let n = utf8.count
        var run = 0
        var i = 0
        while i < n {
            let b = utf8[i]
            // Everything but controls, quote, backslash and the lead byte of U+2028/9.
            if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0xE2 { i += 1; continue }
            let width: Int
            if b == 0xE2 {
                guard i + 2 < n, utf8[i + 1] == 0x80, utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9 else { i += 1; continue }
                width = 3
            } else {
                width = 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
            appendEscape(b == 0xE2 ? (utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029) : UInt16(b), into: &out)
            i += width
            run = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<n]))
    }

    /// Appends the escape sequence of one character that must be escaped.
    private static func appendEscape(_ c: UInt16, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        switch c {
        case 0x22: out.append(UInt8(ascii: "\""))
        case 0x5C: out.append(UInt8(ascii: "\\"))
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        default:
            out.append(UInt8(ascii: "u"))
            var shift: UInt16 = 16
            while shift > 0 {
                shift -= 4
                let d = UInt8(truncatingIfNeeded: c >> shift) & 0xF
                out.append(d < 10 ? 0x30 + d : 0x57 + d)  // lowercase hex
            }
        }
    }

    /// Appends `i` in decimal, as `String(i)` spells it.
    public static func appendInt(_ i: Int, into out: inout [UInt8]) {
        if i >= 0 && i < 10 { out.append(0x30 + UInt8(i)); return }
        if i < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = i.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes hold the 20 digits of UInt64.max
        withUnsafeMutableBytes(of: &digits) { buffer in
            var k = buffer.count
            repeat {
                k -= 1
                buffer[k] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[k...]))
        }
    }

    /// Appends `s` as a JSON string literal (non-ASCII kept as UTF-8).
    public static func quote(_ s: String, into out: inout String) {
        var bytes: [UInt8] = []
        quote(s, into: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }
}

extension Finding {
    /// The finding as a JSON object, in the field order of the CLI's JSON output.
    public var json: JSON.Value {
        var pairs: [(String, JSON.Value)] = [
            ("rule", .string(ruleID)), ("category", .string(category.rawValue)), ("severity", .string(severity.rawValue)),
            ("start", .int(start)), ("end", .int(end)), ("line", .int(line)), ("column", .int(column)),
            ("match", .string(match)), ("message", .string(message)),
            ("suggestions", .array(suggestions.map { .string($0) })),
        ]
        if let source { pairs.append(("source", .string(source))) }
        if let replacement { pairs.append(("replace", .string(replacement))) }
        if let step { pairs.append(("step", .string(step))) }
        return .object(pairs)
    }
}

extension JSON.Value: Decodable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let i = try? c.decode(Int.self) { self = .int(i); return }
        if let d = try? c.decode(Double.self) { self = .double(d); return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        if let a = try? c.decode([JSON.Value].self) { self = .array(a); return }
        let o = try decoder.container(keyedBy: AnyKey.self)
        self = .object(try o.allKeys.map { ($0.stringValue, try o.decode(JSON.Value.self, forKey: $0)) })
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The member `key` of an object.
    public subscript(key: String) -> JSON.Value? {
        if case .object(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }

    /// The string payload, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}
