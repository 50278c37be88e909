import Foundation

extension TranscriptReader {
    /// A line split into an optional timestamp prefix, an optional speaker label and
    /// the text: `[00:01:02] 坐席：您好`, `00:01 Agent: hi`, `客户:我要…`.
    struct LabelledLine {
        var timestamp: Double?
        /// The label before a full- or half-width colon, trimmed; nil when the line has none.
        var label: String?
        /// After the colon when labelled; otherwise the line without a bracketed timestamp.
        var text: String

        /// Longest label, in characters.
        static let maxLabelLength = 12
        /// Characters that never occur in a label (they mark a sentence, not a speaker).
        static let notInLabel: Set<Character> = [
            "，", "。", "！", "？", "；", "、", ",", ".", "!", "?", ";", "\"", "“", "”", "‘", "’", "…",
            "《", "》", "<", ">", "/", "\\", "=", "#", "*", "：", ":",
        ]

        init(_ line: Substring) {
            var rest = Self.trimmed(line)
            var bracketed = false
            if let (seconds, after) = Self.bracketedTimestamp(rest) {
                timestamp = seconds
                rest = Self.trimmed(after)
                bracketed = true
            } else if let (seconds, after) = Self.bareTimestamp(rest), let (label, text) = Self.label(Self.trimmed(after)) {
                timestamp = seconds
                self.label = label
                self.text = text
                return
            }
            if let (label, text) = Self.label(rest) {
                self.label = label
                self.text = text
            } else {
                self.text = String(bracketed ? rest : Self.trimmed(line))
            }
        }

        /// `坐席：您好` → ("坐席", "您好"), or nil when the line does not start with a label.
        static func label(_ s: Substring) -> (String, String)? {
            guard let colon = s.prefix(maxLabelLength + 1).firstIndex(where: { $0 == "：" || $0 == ":" }) else { return nil }
            let label = trimmed(s[..<colon])
            let after = s[s.index(after: colon)...]
            guard !label.isEmpty, !label.contains(where: { notInLabel.contains($0) }),
                  !label.allSatisfy(\.isNumber) else { return nil }
            // `下午3：30` is a time, `http://` a link.
            if label.last?.isNumber == true, after.first?.isNumber == true { return nil }
            if after.hasPrefix("//") { return nil }
            return (String(label), String(trimmed(after)))
        }

        /// `[00:01:02] rest` → (62, " rest").
        static func bracketedTimestamp(_ s: Substring) -> (Double, Substring)? {
            guard s.first == "[", let close = s.prefix(20).firstIndex(of: "]"),
                  s[..<close].contains(":"),
                  let seconds = Timestamp.seconds(s[s.index(after: s.startIndex)..<close]) else { return nil }
            return (seconds, s[s.index(after: close)...])
        }

        /// `00:01 rest` → (1, " rest"); needs at least one colon.
        static func bareTimestamp(_ s: Substring) -> (Double, Substring)? {
            var end = s.startIndex
            while end < s.endIndex, s[end].isASCII, s[end].isNumber || s[end] == ":" { end = s.index(after: end) }
            if end < s.endIndex, s[end] == "." || s[end] == ",", s.index(after: end) < s.endIndex,
               s[s.index(after: end)].isASCII, s[s.index(after: end)].isNumber {
                end = s.index(after: end)
                while end < s.endIndex, s[end].isASCII, s[end].isNumber { end = s.index(after: end) }
            }
            guard end > s.startIndex, s[..<end].contains(":"), let seconds = Timestamp.seconds(s[..<end]) else { return nil }
            return (seconds, s[end...])
        }

        static func trimmed(_ s: Substring) -> Substring {
            if let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
               !TranscriptReader.isSpace(first), !TranscriptReader.isSpace(last) { return s }
            guard let first = s.firstIndex(where: { !$0.isWhitespace }),
                  let last = s.lastIndex(where: { !$0.isWhitespace }) else { return s[s.endIndex...] }
            return s[first...last]
        }
    }

    /// Clock times in transcripts and subtitles.
    enum Timestamp {
        /// Seconds in `HH:MM:SS.mmm`, `MM:SS`, `H:MM:SS,mmm` (SRT) or a plain number `12.5`.
        static func seconds<S: StringProtocol>(_ text: S) -> Double? {
            let s = TranscriptReader.trim(text)
            guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ":" || $0 == "." || $0 == ",") }) else { return nil }
            let parts = s.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 3, let last = Double(String(parts.last!.map { $0 == "," ? "." : $0 })) else { return nil }
            if parts.count == 1 { return last }
            guard last < 60 else { return nil }
            var total = last
            var scale = 60.0
            for (i, p) in parts.dropLast().reversed().enumerated() {
                guard !p.isEmpty, p.allSatisfy(\.isNumber), let v = Double(p) else { return nil }
                if i == 0, parts.count == 3, v >= 60 { return nil }
                total += v * scale
                scale *= 60
            }
            return total
        }

        /// Seconds from a JSON number or a timestamp string.
        static func seconds(_ value: JSON.Value) -> Double?? {
            switch value {
            case .null: return .some(nil)
            case .int(let i): return .some(Double(i))
            case .double(let d): return .some(d)
            case .string(let s): return s.isEmpty ? .some(nil) : seconds(s).map { .some($0) }
            default: return nil
            }
        }
    }

    /// `s` without leading and trailing white space (including newlines and U+3000).
    static func trim<S: StringProtocol>(_ s: S) -> String {
        if let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
           !isSpace(first), !isSpace(last) { return String(s) }
        guard let first = s.firstIndex(where: { !$0.isWhitespace }),
              let last = s.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(s[first...last])
    }

    /// Unicode white space (as `Character.isWhitespace`), without a property lookup.
    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Joins subtitle pieces: directly between Chinese text, with a space between words.
    static func joinPieces(_ a: String, _ b: String) -> String {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        func wide(_ c: Character?) -> Bool {
            guard let c, let v = c.unicodeScalars.first?.value else { return false }
            return v >= 0x2E80 // CJK, full-width forms and punctuation
        }
        return wide(a.last) || wide(b.first) ? a + b : a + " " + b
    }
}
