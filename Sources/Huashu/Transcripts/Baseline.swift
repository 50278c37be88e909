import Foundation

/// Findings a reviewer has already accepted, so a re-run shows only what is new.
/// A finding is identified by call id, rule, matched text and its occurrence
/// number among equal ones in the call — not by position, so edits elsewhere in
/// a transcript do not resurrect it.
public struct Baseline: Sendable {
    public private(set) var fingerprints: Set<String>

    public init(fingerprints: Set<String> = []) { self.fingerprints = fingerprints }

    /// Reads a baseline written by `write(to:)` (one fingerprint per line).
    public init(contentsOf path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        fingerprints = Set(text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }

    /// Fingerprints of a review's findings, in order.
    public static func fingerprints(of review: CallReview) -> [String] {
        var seen: [String: Int] = [:]
        return review.findings.map { f in
            let key = "\(review.call.id)\t\(f.finding.ruleID)\t\(f.finding.match)"
            let n = seen[key, default: 0]
            seen[key] = n + 1
            return "\(key)\t\(n)"
        }
    }

    /// The review without accepted findings (missing steps included), rescored.
    public func filter(_ review: CallReview, scoring: ScoringPolicy) -> CallReview {
        guard !fingerprints.isEmpty else { return review }
        var out = review
        let prints = Self.fingerprints(of: review)
        out.findings = zip(review.findings, prints).filter { !fingerprints.contains($0.1) }.map(\.0)
        let keptSteps = Set(out.findings.compactMap { $0.finding.step })
        out.missing = review.missing.filter { keptSteps.contains($0) }
        out.score = scoring.score(out.findings.map(\.finding))
        return out
    }

    public mutating func add(_ review: CallReview) { fingerprints.formUnion(Self.fingerprints(of: review)) }

    public func write(to path: String) throws {
        let body = "# huashu review baseline: call\\trule\\tmatch\\toccurrence\n" + fingerprints.sorted().joined(separator: "\n") + "\n"
        try body.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
