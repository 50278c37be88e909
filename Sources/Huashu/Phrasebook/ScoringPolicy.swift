/// How a call's score is computed (the phrasebook's `scoring:` section): each
/// call starts at `start`; each staff finding deducts by its category when the
/// book names one, otherwise by its severity; each missing step deducts too.
public struct ScoringPolicy: Sendable {
    public var start: Double = 100
    public var minimum: Double = 0
    public var severity: [Severity: Double] = [.error: 15, .warning: 5, .info: 1]
    public var category: [Category: Double] = [:]
    public var missing: [String: Double] = [:]
    /// Deduction for a missing step the book does not price.
    public var missingDefault: Double = 5

    public init() {}

    public func deduction(for finding: Finding) -> Double {
        if finding.category == .structure, let step = finding.step { return missing[step] ?? missingDefault }
        return category[finding.category] ?? severity[finding.severity] ?? 0
    }

    /// The score of a call with `findings` (structure findings included once per missing step).
    public func score(_ findings: [Finding]) -> Double {
        max(minimum, start - findings.reduce(0) { $0 + deduction(for: $1) })
    }
}

/// The scoring keys one phrasebook file sets.
struct ScoringOverrides: Sendable {
    var start: Double?
    var minimum: Double?
    var severity: [Severity: Double] = [:]
    var category: [Category: Double] = [:]
    var missing: [String: Double] = [:]
}

extension ScoringPolicy {
    mutating func merge(_ o: ScoringOverrides) {
        if let v = o.start { start = v }
        if let v = o.minimum { minimum = v }
        severity.merge(o.severity) { $1 }
        category.merge(o.category) { $1 }
        missing.merge(o.missing) { $1 }
    }
}
