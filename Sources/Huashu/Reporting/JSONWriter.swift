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
            var out = ""
            write(to: &out)
            return out
        }

        public func write(to out: inout String) {
            switch self {
            case .null: out += "null"
            case .bool(let b): out += b ? "true" : "false"
            case .int(let i): out += String(i)
            case .double(let d): out += d.isFinite ? String(d) : "null"
            case .string(let s): JSON.quote(s, into: &out)
            case .array(let items):
                out += "["
                for (i, v) in items.enumerated() { if i > 0 { out += "," }; v.write(to: &out) }
                out += "]"
            case .object(let pairs):
                out += "{"
                for (i, (k, v)) in pairs.enumerated() {
                    if i > 0 { out += "," }
                    JSON.quote(k, into: &out); out += ":"; v.write(to: &out)
                }
                out += "}"
            }
        }
    }

    /// Appends `s` as a JSON string literal (non-ASCII kept as UTF-8).
    public static func quote(_ s: String, into out: inout String) {
        out += "\""
        // Fast path: copy runs of characters that need no escape in one append.
        let utf8 = s.utf8
        var needsEscape = false
        var previous: (UInt8, UInt8) = (0, 0)
        for b in utf8 {
            // U+2028 and U+2029 (E2 80 A8/A9) are escaped too, for JavaScript consumers.
            if b < 0x20 || b == 0x22 || b == 0x5C || (previous == (0xE2, 0x80) && (b == 0xA8 || b == 0xA9)) {
                needsEscape = true
                break
            }
            previous = (previous.1, b)
        }
        if !needsEscape {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
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
