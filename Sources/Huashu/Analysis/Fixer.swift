/// Applies the safe direct replacements (`replace:`) of findings to a text.
/// Only matched spans of rules that define a replacement change; everything
/// else is kept byte for byte.
public enum Fixer {
    public struct Edit: Sendable, Hashable {
        public let start: Int
        public let end: Int
        public let original: String
        public let replacement: String
        public let ruleID: String
    }

    /// The edits `findings` allow, without overlaps, in text order.
    public static func edits(for findings: [Finding]) -> [Edit] {
        var out: [Edit] = []
        for f in findings.sorted(by: { $0.start < $1.start }) {
            guard let r = f.replacement, f.end > f.start else { continue }
            if let last = out.last, f.start < last.end { continue }
            out.append(Edit(start: f.start, end: f.end, original: f.match, replacement: r, ruleID: f.ruleID))
        }
        return out
    }

    /// `text` with `edits` applied (offsets in Unicode scalars).
    public static func apply(_ edits: [Edit], to text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var p = 0
        for e in edits {
            out.append(contentsOf: scalars[p..<e.start])
            out.append(contentsOf: e.replacement.unicodeScalars)
            p = e.end
        }
        out.append(contentsOf: scalars[p...])
        return String(out)
    }
}
