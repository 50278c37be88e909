/// JSON Lines: one object per call, in input order, for streaming and `jq`:
///
///     {"id":"C001","agent":"张三","channel":"phone","origin":"calls.jsonl:1","score":80.0,
///      "findings":[{…Finding.json…,"turn":2,"speaker":"坐席","start_time":12.5,"end_time":15.0}],
///      "missing":["closing"]}
///
/// `agent` and `channel` are `null` when unknown; `origin` is left out when unknown.
/// `Finding.json` already uses `start`/`end` for the character span in the turn,
/// so the turn's timestamps (seconds) are `start_time`/`end_time`, left out when
/// the source has none. `turn` is the 0-based index into the call's turns, and
/// `turn` and `speaker` are `null` for call-level findings (a missing step).
public struct ReviewJSONLReporter: ReviewReporter {
    public init() {}

    /// One line per call, each ending in `\n`; empty for no calls.
    public func render(_ reviews: [CallReview]) -> String {
        var out = ""
        for r in reviews {
            Self.object(r).write(to: &out)
            out += "\n"
        }
        return out
    }

    /// The same as `render(_:)`: JSON Lines carry no totals.
    public func render(_ reviews: [CallReview], summary: ReviewSummary) -> String {
        render(reviews)
    }

    /// The line for one call, without the newline.
    public func line(_ review: CallReview) -> String {
        Self.object(review).text
    }

    /// One call as a JSON object (shared with `ReviewJSONReporter`).
    public static func object(_ review: CallReview) -> JSON.Value {
        let call = review.call
        var pairs: [(String, JSON.Value)] = [
            ("id", .string(call.id)),
            ("agent", call.agent.map { .string($0) } ?? .null),
            ("channel", call.channel.map { .string($0) } ?? .null),
        ]
        if let origin = call.origin { pairs.append(("origin", .string(origin))) }
        pairs.append(("score", .double(review.score)))
        pairs.append(("findings", .array(review.findings.map { Self.object($0) })))
        pairs.append(("missing", .array(review.missing.map { .string($0) })))
        return .object(pairs)
    }

    /// One finding of a call: `Finding.json` plus where in the call it is.
    public static func object(_ finding: CallFinding) -> JSON.Value {
        guard case .object(var pairs) = finding.finding.json else { return finding.finding.json }
        pairs.append(("turn", finding.turn.map { .int($0) } ?? .null))
        pairs.append(("speaker", finding.speaker.map { .string($0) } ?? .null))
        if let start = finding.start { pairs.append(("start_time", .double(start))) }
        if let end = finding.end { pairs.append(("end_time", .double(end))) }
        return .object(pairs)
    }
}
