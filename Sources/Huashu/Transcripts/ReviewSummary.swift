/// Totals over a review run: per agent and overall.
public struct ReviewSummary: Sendable {
    public struct Group: Sendable {
        public var calls = 0
        public var totalScore = 0.0
        public var findingsByCategory: [Category: Int] = [:]
        public var missingBySteps: [String: Int] = [:]
        /// (call id, score), lowest first, at most `ReviewSummary.worstCount`.
        public var worst: [(id: String, score: Double)] = []
        public var meanScore: Double { calls == 0 ? 0 : totalScore / Double(calls) }
        public var findings: Int { findingsByCategory.values.reduce(0, +) }

        mutating func add(_ review: CallReview) {
            calls += 1
            totalScore += review.score
            for f in review.findings where f.finding.category != .structure { findingsByCategory[f.finding.category, default: 0] += 1 }
            for m in review.missing { missingBySteps[m, default: 0] += 1 }
            worst.append((review.call.id, review.score))
            worst.sort { $0.score != $1.score ? $0.score < $1.score : $0.id < $1.id }
            if worst.count > ReviewSummary.worstCount { worst.removeLast() }
        }
    }

    public static let worstCount = 5

    /// Calls read and reviewed.
    public var overall = Group()
    /// Keyed by agent ("(未知)" when the source names none).
    public var byAgent: [String: Group] = [:]
    /// Calls (or files) that could not be read or parsed, with the reason.
    public var failed: [(source: String, reason: String)] = []
    /// Calls read but not reviewed (no staff turn), with the reason.
    public var skipped: [(source: String, reason: String)] = []

    public init() {}

    public static let unknownAgent = "(未知)"

    public mutating func add(_ review: CallReview) {
        overall.add(review)
        byAgent[review.call.agent ?? Self.unknownAgent, default: Group()].add(review)
    }
}
