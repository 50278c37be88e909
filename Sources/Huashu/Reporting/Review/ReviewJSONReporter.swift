/// One JSON document for a whole run:
///
///     {"calls":[…one ReviewJSONLReporter object per call…],
///      "summary":{"calls":3,"failed":1,"skipped":0,"mean_score":81.7,"findings":5,
///                 "by_category":{"ignorance":2,…},"missing":{"closing":1},
///                 "worst":[{"id":"C002","score":60.0},…],
///                 "by_agent":{"张三":{"calls":2,"mean_score":…,"findings":…,"by_category":{…},"missing":{…},"worst":[…]}},
///                 "failures":[{"source":"bad.json","reason":"…"}],
///                 "skips":[{"source":"c.txt:4","reason":"…"}]}}
///
/// `failed`/`skipped` are counts; the lists behind them are `failures`/`skips`.
/// Categories follow `Category` order and only those with findings appear
/// (`structure` never does: missing steps are counted under `missing`); agents
/// and steps are sorted by name. The document ends with a newline.
public struct ReviewJSONReporter: ReviewReporter {
    public init() {}

    public func render(_ reviews: [CallReview], summary: ReviewSummary) -> String {
        document(reviews, summary: summary).text + "\n"
    }

    /// The document as a value, for callers that embed it.
    public func document(_ reviews: [CallReview], summary: ReviewSummary) -> JSON.Value {
        .object([
            ("calls", .array(reviews.map { ReviewJSONLReporter.object($0) })),
            ("summary", Self.summary(summary)),
        ])
    }

    static func summary(_ s: ReviewSummary) -> JSON.Value {
        func sources(_ list: [(source: String, reason: String)]) -> JSON.Value {
            .array(list.map { .object([("source", .string($0.source)), ("reason", .string($0.reason))]) })
        }
        var pairs: [(String, JSON.Value)] = [
            ("calls", .int(s.overall.calls)),
            ("failed", .int(s.failed.count)),
            ("skipped", .int(s.skipped.count)),
        ]
        pairs += groupPairs(s.overall).filter { $0.0 != "calls" }
        pairs.append(("by_agent", .object(s.byAgent.keys.sorted().map { ($0, .object(groupPairs(s.byAgent[$0]!))) })))
        pairs.append(("failures", sources(s.failed)))
        pairs.append(("skips", sources(s.skipped)))
        return .object(pairs)
    }

    static func groupPairs(_ g: ReviewSummary.Group) -> [(String, JSON.Value)] {
        [
            ("calls", .int(g.calls)),
            ("mean_score", .double(g.meanScore)),
            ("findings", .int(g.findings)),
            ("by_category", .object(g.findingsByCategory.keys.sorted().map { ($0.rawValue, .int(g.findingsByCategory[$0]!)) })),
            ("missing", .object(g.missingBySteps.keys.sorted().map { ($0, .int(g.missingBySteps[$0]!)) })),
            ("worst", .array(g.worst.map { .object([("id", .string($0.id)), ("score", .double($0.score))]) })),
        ]
    }
}
