import Foundation

/// Finds the scripted scenarios that best fit a situation described in the
/// teller's own words: term relevance over each scenario's title, keywords and
/// steps, weighted by how rare a term is across scenarios.
public struct ScenarioFinder: Sendable {
    public struct Match: Sendable {
        public let scenario: Scenario
        /// 0…1: the share of the query's weight that the scenario covers.
        public let score: Double
    }

    private struct Indexed: Sendable {
        let scenario: Scenario
        let title: Set<String>
        let keywords: Set<String>
        let foldedKeywords: [String]
        let steps: Set<String>
    }

    private let indexed: [Indexed]
    private let documentFrequency: [String: Int]
    /// Below this score a situation is reported as unknown.
    public static let threshold = 0.2

    public init(scenarios: [Scenario]) {
        var df: [String: Int] = [:]
        indexed = scenarios.map { s in
            let title = Terms.of(s.title)
            let keywords = s.keywords.reduce(into: Set<String>()) { $0.formUnion(Terms.of($1)); $0.insert(NormalizedText($1).folded) }
            let steps = s.steps.reduce(into: Set<String>()) { $0.formUnion(Terms.of($1.text)) }
            for t in title.union(keywords).union(steps) { df[t, default: 0] += 1 }
            return Indexed(scenario: s, title: title, keywords: keywords,
                           foldedKeywords: s.keywords.map { NormalizedText($0).folded }, steps: steps)
        }
        documentFrequency = df
    }

    /// Scenarios ranked by relevance to `situation`, best first.
    public func rank(_ situation: String, limit: Int = 3) -> [Match] {
        let query = Terms.of(situation)
        let folded = NormalizedText(situation).folded
        let n = Double(max(indexed.count, 1))
        func idf(_ t: String) -> Double { log(1 + n / Double(documentFrequency[t] ?? 1)) }
        let total = query.reduce(0.0) { $0 + idf($1) } * 3
        guard total > 0 else { return [] }
        let matches = indexed.map { s -> Match in
            var score = 0.0
            for t in query {
                let w: Double = s.title.contains(t) ? 3 : s.keywords.contains(t) ? 2.5 : s.steps.contains(t) ? 1 : 0
                score += w * idf(t)
            }
            // A whole keyword written in the situation is strong evidence.
            let hits = s.foldedKeywords.filter { $0.count >= 2 && folded.contains($0) }.count
            let relevance = min(1, score / total + 0.15 * Double(hits))
            return Match(scenario: s.scenario, score: relevance)
        }
        return Array(matches.sorted { $0.score > $1.score }.prefix(limit))
    }

    /// Fills `{槽位}` slots in `text` from `values`; unfilled slots stay visible.
    public static func fill(_ text: String, with values: [String: String]) -> String {
        // One pass over the text, so a filled value is never filled again.
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                out += rest[open...]
                rest = ""
                break
            }
            let name = String(rest[rest.index(after: open)..<close])
            out += values[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    /// The slot names used in `text`.
    public static func slots(in text: String) -> [String] {
        var out: [String] = []
        var current: String?
        for ch in text {
            if ch == "{" { current = "" } else if ch == "}", let c = current { if !c.isEmpty, !out.contains(c) { out.append(c) }; current = nil } else if current != nil { current!.append(ch) }
        }
        return out
    }
}
