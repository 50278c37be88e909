/// Writes findings as compact JSON bytes, byte for byte what `Finding.json`
/// writes, without building a `JSON.Value` per finding.
///
/// The rule's own text (id, category, severity, message, suggestions, source,
/// replacement) is escaped once per rule and reused while later findings of
/// that rule carry the same text. Use one writer per output run.
public struct FindingJSONWriter: Sendable {
    private var rules: [String: RuleText] = [:]

    public init() {}

    /// Appends `finding` as a JSON object.
    public mutating func write(_ finding: Finding, into out: inout [UInt8]) {
        let text = ruleText(for: finding)
        out.append(contentsOf: text.head)
        JSON.appendInt(finding.start, into: &out)
        out.append(contentsOf: #","end":"#.utf8)
        JSON.appendInt(finding.end, into: &out)
        out.append(contentsOf: #","line":"#.utf8)
        JSON.appendInt(finding.line, into: &out)
        out.append(contentsOf: #","column":"#.utf8)
        JSON.appendInt(finding.column, into: &out)
        out.append(contentsOf: #","match":"#.utf8)
        JSON.quote(finding.match, into: &out)
        out.append(contentsOf: text.tail)
        if let step = finding.step {
            out.append(contentsOf: #","step":"#.utf8)
            JSON.quote(step, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// Appends `findings` as a JSON array.
    public mutating func write(_ findings: [Finding], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, finding) in findings.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            write(finding, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private mutating func ruleText(for finding: Finding) -> RuleText {
        if let cached = rules[finding.ruleID], cached.describes(finding) { return cached }
        let text = RuleText(finding)
        rules[finding.ruleID] = text
        return text
    }
}

/// The encoded fields of a finding that come from its rule, around the
/// per-finding span and match.
private struct RuleText: Sendable {
    let category: Category
    let severity: Severity
    let message: String
    let suggestions: [String]
    let source: String?
    let replacement: String?
    /// `{"rule":…,"category":…,"severity":…,"start":`
    let head: [UInt8]
    /// `,"message":…,"suggestions":[…]` and the optional `source` and `replace`.
    let tail: [UInt8]

    init(_ f: Finding) {
        category = f.category
        severity = f.severity
        message = f.message
        suggestions = f.suggestions
        source = f.source
        replacement = f.replacement
        var head = Array(#"{"rule":"#.utf8)
        JSON.quote(f.ruleID, into: &head)
        head += #","category":"#.utf8
        JSON.quote(f.category.rawValue, into: &head)
        head += #","severity":"#.utf8
        JSON.quote(f.severity.rawValue, into: &head)
        head += #","start":"#.utf8
        self.head = head
        var tail = Array(#","message":"#.utf8)
        JSON.quote(f.message, into: &tail)
        tail += #","suggestions":["#.utf8
        for (i, s) in f.suggestions.enumerated() {
            if i > 0 { tail.append(UInt8(ascii: ",")) }
            JSON.quote(s, into: &tail)
        }
        tail.append(UInt8(ascii: "]"))
        if let source = f.source {
            tail += #","source":"#.utf8
            JSON.quote(source, into: &tail)
        }
        if let replacement = f.replacement {
            tail += #","replace":"#.utf8
            JSON.quote(replacement, into: &tail)
        }
        self.tail = tail
    }

    /// Whether `f` (of the rule this was built from) has the same rule text.
    /// Findings share their rule's strings, so this is usually pointer equality.
    func describes(_ f: Finding) -> Bool {
        f.category == category && f.severity == severity && f.message == message && f.suggestions == suggestions
            && f.source == source && f.replacement == replacement
    }
}
