/// Compiler-style text output: `path:line:col: severity: message [rule-id]`, the
/// line with the match underlined, and the first suggestion.
public struct TextReporter: Sendable {
    public var color: Bool

    public init(color: Bool) { self.color = color }

    /// Renders the findings of one text named `path`.
    public func render(_ findings: [Finding], text: String, path: String) -> String {
        guard !findings.isEmpty else { return "" }
        let lines = text.crlfAwareLines
        var out = ""
        for f in findings {
            let severity = paint("\(f.severity.rawValue)", f.severity == .error ? "31" : f.severity == .warning ? "33" : "36")
            out += "\(bold("\(path):\(f.line):\(f.column):")) \(severity): \(f.message) [\(f.ruleID)]\n"
            if f.line - 1 < lines.count {
                let line = String(lines[f.line - 1])
                let shown = Self.window(line, column: f.column, length: f.end - f.start)
                out += "    \(shown.text)\n"
                out += "    \(String(repeating: " ", count: shown.padding))\(paint(String(repeating: "^", count: max(1, shown.width)), "32"))\n"
            }
            if let s = f.suggestions.first { out += "    建议：\(s)\n" }
            if let source = f.source { out += "    依据：\(source)\n" }
        }
        return out
    }

    /// One-line summary, e.g. "3 个问题（1 个错误，2 个警告）".
    public static func summary(_ findings: [Finding], files: Int) -> String {
        if findings.isEmpty { return "未发现问题（\(files) 个文本）" }
        let counts = Severity.allCases.reversed().compactMap { s -> String? in
            let n = findings.filter { $0.severity == s }.count
            return n == 0 ? nil : "\(n) 个\(s.chineseName)"
        }
        return "\(findings.count) 个问题（\(counts.joined(separator: "，"))），共 \(files) 个文本"
    }

    /// Display width of a scalar: 2 for wide East Asian characters.
    static func width(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x1100 { return 1 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    /// A slice of a long line around the match, with the caret offset and width in columns.
    static func window(_ line: String, column: Int, length: Int) -> (text: String, padding: Int, width: Int) {
        let scalars = Array(line.unicodeScalars)
        let start = max(0, column - 1 - 30)
        let end = min(scalars.count, column - 1 + length + 30)
        var text = String.UnicodeScalarView()
        var padding = 0, width = 0
        if start > 0 { text.append(contentsOf: "…".unicodeScalars); padding += 1 }
        for i in start..<end {
            let s = scalars[i] == "\t" ? " " : scalars[i]
            text.append(s)
            if i < column - 1 { padding += Self.width(s) } else if i < column - 1 + length { width += Self.width(s) }
        }
        if end < scalars.count { text.append(contentsOf: "…".unicodeScalars) }
        return (String(text), padding, width)
    }

    private func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    private func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
}
