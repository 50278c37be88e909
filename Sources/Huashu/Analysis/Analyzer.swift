/// Finds banned or blunt phrasing in staff text. Build one per phrasebook and
/// share it: it is immutable and `Sendable`, so many strings can be analysed
/// concurrently.
///
/// ```swift
/// let analyzer = try Analyzer(phrasebook: try Phrasebook.builtIn())
/// for finding in analyzer.analyze("你等一下，这个不归我管。") {
///     print(finding.ruleID, finding.category, finding.match, finding.suggestions.first ?? "")
/// }
/// ```
public struct Analyzer: Sendable {
    public let phrasebook: Phrasebook
    let index: RuleIndex
    let breakers: BreakerPool
    /// Set for speech-recognition text (transcripts): fillers and repeats are skipped.
    public let speech: SpeechCleanup?

    /// An analyzer for `phrasebook`. With `speech: true`, text is cleaned of
    /// speech-recognition fillers and stutters first (see `SpeechCleanup`).
    public init(phrasebook: Phrasebook, speech: Bool = false) throws {
        self.phrasebook = phrasebook
        self.breakers = try BreakerPool()
        self.speech = speech ? SpeechCleanup(phrasebook: phrasebook) : nil
        self.index = RuleIndex(rules: phrasebook.rules)
    }

    /// The findings of `text`, ordered by position.
    public func analyze(_ text: String) -> [Finding] {
        findings(in: normalize(text))
    }

    /// The findings of UTF-8 `bytes`, or nil when they are not valid UTF-8
    /// (checked while folding, so a large file is not validated twice).
    public func analyze(utf8 bytes: [UInt8]) -> [Finding]? {
        guard let normalized = NormalizedText(validatingUTF8: bytes) else { return nil }
        return findings(in: cleanedUp(normalized))
    }

    /// `text` folded as this analyzer matches it (cleaned up in speech mode).
    public func normalize(_ text: String) -> NormalizedText {
        cleanedUp(NormalizedText(text))
    }

    /// Speech-recognition noise removed, in speech mode.
    private func cleanedUp(_ normalized: NormalizedText) -> NormalizedText {
        speech.map { $0.apply(to: normalized) } ?? normalized
    }

    /// Findings for a text that is already folded.
    public func findings(in normalized: NormalizedText) -> [Finding] {
        let matches = self.matches(in: normalized)
        guard !matches.isEmpty else { return [] }
        return matches.map { m in
            let rule = index.rules[m.rule]
            let span = normalized.originalRange(m.range)
            let (line, column) = normalized.original.position(of: span.lowerBound)
            return Finding(ruleID: rule.id, category: rule.category, severity: rule.severity, message: rule.message,
                           source: rule.source, match: normalized.original.text(span), start: span.lowerBound, end: span.upperBound,
                           line: line, column: column, suggestions: rule.suggestions.map(\.text),
                           replacement: rule.replace)
        }
    }

    /// A confirmed match of a rule over folded positions.
    struct Match {
        let rule: Int
        let range: Range<Int>
    }

    /// Scans folded text for candidates, then confirms each against word
    /// boundaries, quotation and the rule's exceptions.
    func matches(in normalized: NormalizedText) -> [Match] {
        let text = normalized.scalars
        let candidates = index.candidates(in: text).sorted {
            $0.start != $1.start ? $0.start < $1.start : $0.entry < $1.entry
        }
        guard !candidates.isEmpty else { return [] }
        var out: [Match] = []
        text.withUnsafeBufferPointer { buffer in
            var confirmation = Confirmation(context: TextContext(text: text, breakerPool: breakers), tables: index.tables, text: buffer)
            /// End of the last confirmed match, per rule, to skip overlapping repeats.
            var lastEnd = [Int](repeating: -1, count: index.rules.count)
            for c in candidates {
                let r = index.entryRule[c.entry]
                if c.start < lastEnd[r] { continue }
                if let end = confirmation.end(checking: index.checks[r], start: c.start, ends: c.ends) {
                    out.append(Match(rule: r, range: c.start..<end))
                    lastEnd[r] = end
                }
            }
        }
        return Self.resolveOverlaps(out, rules: index.rules)
    }

    /// Keeps one match per category for overlapping spans: the more severe, then the longer, then the earlier rule.
    static func resolveOverlaps(_ matches: [Match], rules: [Rule]) -> [Match] {
        let sorted = matches.sorted {
            $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.rule < $1.rule
        }
        var kept: [Match] = []
        for m in sorted {
            let rule = rules[m.rule]
            // Kept matches are in start order: only the last few can reach this one.
            var found: Int?
            var k = kept.count - 1
            while k >= 0, k >= kept.count - 32 {
                if rules[kept[k].rule].category == rule.category && kept[k].range.overlaps(m.range) { found = k; break }
                k -= 1
            }
            if let i = found {
                let other = kept[i]
                let better = (rule.severity, m.range.count) > (rules[other.rule].severity, other.range.count)
                if better { kept[i] = m }
                continue
            }
            kept.append(m)
        }
        return kept.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}
