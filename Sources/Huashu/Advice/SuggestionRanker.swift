/// Ranks approved alternatives for a finding: the rule's own suggestions first,
/// in the trainer's order, then approved lines of the same families ranked by
/// how many terms they share with the sentence and the rule's suggestions.
public struct SuggestionRanker: Sendable {
    public struct Ranked: Sendable, Hashable {
        public let text: String
        public let tag: String?
        /// Where it came from: the rule, or an approved line id.
        public let origin: String
        public let score: Double
    }

    private let phrasebook: Phrasebook
    private let lineTerms: [Set<String>]

    public init(phrasebook: Phrasebook) {
        self.phrasebook = phrasebook
        lineTerms = phrasebook.lines.map { Terms.of($0.text) }
    }

    /// Lines tagged with `tag` (a family or a technique).
    public func lines(tagged tag: String) -> [ApprovedLine] {
        phrasebook.lines.filter { $0.tags.contains(tag) }
    }

    public func rank(_ finding: Finding, context: String, limit: Int = 5) -> [Ranked] {
        guard let rule = phrasebook.rules.first(where: { $0.id == finding.ruleID }) else {
            return finding.suggestions.map { Ranked(text: $0, tag: nil, origin: finding.ruleID, score: 1) }
        }
        var out = rule.suggestions.enumerated().map { i, s in
            Ranked(text: s.text, tag: s.tag, origin: s.lineID ?? rule.id, score: 1 - Double(i) * 0.01)
        }
        let tags = Set(rule.suggestions.compactMap(\.tag))
        let want = Terms.of(context).union(rule.suggestions.reduce(into: Set<String>()) { $0.formUnion(Terms.of($1.text)) })
        var seen = Set(out.map(\.text))
        let candidates = phrasebook.lines.enumerated().compactMap { i, line -> Ranked? in
            guard !tags.isDisjoint(with: line.tags), !seen.contains(line.text) else { return nil }
            let overlap = Double(lineTerms[i].intersection(want).count) / Double(max(lineTerms[i].count, 1))
            return Ranked(text: line.text, tag: line.tags.first, origin: line.id, score: 0.5 * overlap)
        }
        for c in candidates.sorted(by: { $0.score > $1.score }) where seen.insert(c.text).inserted { out.append(c) }
        return Array(out.prefix(limit))
    }
}
