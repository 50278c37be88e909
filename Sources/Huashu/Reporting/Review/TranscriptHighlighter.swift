/// A turn's text as HTML with its findings marked: each finding's span
/// (Unicode-scalar offsets into the turn text, end exclusive) becomes
/// `<mark class="sev-…" title="message — 建议：suggestion">…</mark>`.
///
/// Overlapping findings split the text at every span edge; a piece covered by
/// several findings is one mark with the most severe class and all their
/// tooltips, one per line. Spans outside the text are clamped; empty spans
/// mark nothing.
enum TranscriptHighlighter {
    static func html(_ text: String, findings: [Finding]) -> String {
        let scalars = Array(text.unicodeScalars)
        let n = scalars.count
        let spans: [(start: Int, end: Int, finding: Finding)] = findings.compactMap { f in
            let s = min(max(0, f.start), n), e = min(max(0, f.end), n)
            return s < e ? (s, e, f) : nil
        }
        guard !spans.isEmpty else { return HTMLEscape.text(text) }
        let cuts = Set([0, n] + spans.flatMap { [$0.start, $0.end] }).sorted()
        var out = ""
        for (a, b) in zip(cuts, cuts.dropFirst()) {
            let piece = HTMLEscape.text(ReviewFormat.string(scalars[a..<b]))
            let covering = spans.filter { $0.start <= a && b <= $0.end }.map(\.finding)
            guard let worst = covering.map(\.severity).max() else { out += piece; continue }
            let tip = covering.map(tooltip).joined(separator: "\n")
            let rules = covering.map(\.ruleID).joined(separator: " ")
            out += "<mark class=\"sev-\(worst.rawValue)\" title=\"\(HTMLEscape.attribute(tip))\" data-rule=\"\(HTMLEscape.attribute(rules))\">\(piece)</mark>"
        }
        return out
    }

    /// `message — 建议：suggestion`, or the message alone without a suggestion.
    static func tooltip(_ f: Finding) -> String {
        guard let s = f.suggestions.first else { return f.message }
        return "\(f.message) — 建议：\(s)"
    }
}
