/// Named cue lists from the phrasebook (`cues:`), matched anywhere in folded
/// text outside quotation marks. Reply-shape and call checks use them, so a bank
/// changes what counts as an apology or a greeting in YAML, not in code.
public struct CueSet: Sendable {
    public let cues: [String: [Pattern]]

    public init(_ cues: [String: [Pattern]]) { self.cues = cues }

    /// Whether the book defines a cue list called `name`.
    public func has(_ name: String) -> Bool { !(cues[name]?.isEmpty ?? true) }

    /// The first match of cue `name` in `text` as a folded range, or nil.
    public func firstMatch(_ name: String, in text: NormalizedText) -> Range<Int>? {
        guard let patterns = cues[name], !patterns.isEmpty else { return nil }
        let scalars = text.scalars
        let matcher = PatternMatcher(text: scalars)
        let firsts = patterns.map(\.firstScalars)
        var quoted: [Range<Int>]?
        for p in 0..<scalars.count {
            for (k, pattern) in patterns.enumerated() {
                if let f = firsts[k], !f.contains(scalars[p]) { continue }
                guard let end = matcher.ends(of: pattern, at: p).filter({ $0 > p }).max() else { continue }
                if quoted == nil { quoted = TextContext.quotedRanges(scalars[...]) }
                if TextContext.contains(quoted!, p) { continue }
                return p..<end
            }
        }
        return nil
    }

    /// Whether cue `name` occurs in `text`.
    public func occurs(_ name: String, in text: NormalizedText) -> Bool { firstMatch(name, in: text) != nil }
}
