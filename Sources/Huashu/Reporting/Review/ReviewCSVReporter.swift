import Foundation

/// CSV for spreadsheets: one row per finding, RFC 4180 (fields quoted when they
/// hold `"`, `,`, CR or LF; quotes doubled; CRLF line ends), header first.
///
/// A call without findings still gets one row, with the finding columns empty,
/// so every call appears. `turn` is the 0-based index into the call's turns
/// (as in the JSON reports) and empty, like `speaker`, for call-level findings;
/// `start`/`end` are the turn's timestamps in seconds; `suggestion` is the best
/// one; `score` is the call's score.
///
/// With `byteOrderMark`, the text starts with U+FEFF so Excel reads it as UTF-8
/// and shows Chinese cleanly. With `guardFormulas` (the default), a text cell
/// that starts with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, so a
/// spreadsheet shows it instead of evaluating it.
public struct ReviewCSVReporter: ReviewReporter {
    public var byteOrderMark: Bool
    public var guardFormulas: Bool

    public static let header = [
        "call_id", "agent", "turn", "speaker", "start", "end", "rule", "category",
        "severity", "match", "message", "suggestion", "score",
    ]

    public init(byteOrderMark: Bool = false, guardFormulas: Bool = true) {
        self.byteOrderMark = byteOrderMark
        self.guardFormulas = guardFormulas
    }

    public func render(_ reviews: [CallReview]) -> String {
        var out = byteOrderMark ? "\u{FEFF}" : ""
        append(Self.header, to: &out)
        for r in reviews {
            let callID = text(r.call.id), agent = text(r.call.agent ?? ""), score = ReviewFormat.number(r.score)
            if r.findings.isEmpty {
                append([callID, agent, "", "", "", "", "", "", "", "", "", "", score], to: &out)
            }
            for cf in r.findings {
                let f = cf.finding
                append([
                    callID, agent,
                    cf.turn.map(String.init) ?? "",
                    text(cf.speaker ?? ""),
                    cf.start.map(ReviewFormat.number) ?? "",
                    cf.end.map(ReviewFormat.number) ?? "",
                    text(f.ruleID), f.category.rawValue, f.severity.rawValue,
                    text(f.match), text(f.message), text(f.suggestions.first ?? ""),
                    score,
                ], to: &out)
            }
        }
        return out
    }

    /// The same as `render(_:)`: the CSV has no totals.
    public func render(_ reviews: [CallReview], summary: ReviewSummary) -> String {
        render(reviews)
    }

    /// The CSV as UTF-8 bytes (starting EF BB BF with `byteOrderMark`).
    public func data(_ reviews: [CallReview]) -> Data {
        Data(render(reviews).utf8)
    }

    private func append(_ row: [String], to out: inout String) {
        for (i, field) in row.enumerated() {
            if i > 0 { out += "," }
            out += Self.quote(field)
        }
        out += "\r\n"
    }

    /// A free-text cell, defused for spreadsheets when `guardFormulas` is on.
    private func text(_ s: String) -> String {
        guard guardFormulas, let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
        return "'" + s
    }

    /// One RFC 4180 field.
    static func quote(_ field: String) -> String {
        guard field.unicodeScalars.contains(where: { $0 == "\"" || $0 == "," || $0 == "\n" || $0 == "\r" }) else { return field }
        var out = String.UnicodeScalarView()
        out.append("\"")
        for u in field.unicodeScalars {
            out.append(u)
            if u == "\"" { out.append("\"") }
        }
        out.append("\"")
        return String(out)
    }
}
