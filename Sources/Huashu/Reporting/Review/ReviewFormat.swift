import Foundation

/// Number, time and label formatting shared by the review reports.
enum ReviewFormat {
    /// A number without a useless `.0`: `85`, `82.5`; others as Swift prints them.
    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }

    /// A score for people: one decimal at most (`85`, `82.5`, `83.3`).
    static func score(_ d: Double) -> String {
        guard d.isFinite else { return "–" }
        return number((d * 10).rounded() / 10)
    }

    /// Seconds as a clock: `0:05`, `12:34`, `1:02:03`.
    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "" }
        let total = max(0, Int(seconds.rounded(.down)))
        let h = total / 3600, m = total / 60 % 60, s = total % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }

    /// `good`, `fair` or `poor`, for colouring a score out of 100.
    static func tone(_ score: Double) -> String {
        score >= 90 ? "good" : score >= 75 ? "fair" : "poor"
    }

    /// The Chinese name of a required call step (`CallChecker.steps`); unknown steps as written.
    static func stepName(_ step: String) -> String {
        switch step {
        case "greeting": "问候"
        case "closing": "道别"
        case "apology": "致歉"
        case "commitment": "答复承诺"
        case "hold-thanks": "等待致谢"
        default: step
        }
    }

    /// The Chinese name of a channel (`phone`, `counter`); others as written.
    static func channelName(_ channel: String) -> String {
        switch channel.lowercased() {
        case "phone": "电话"
        case "counter": "柜台"
        default: channel
        }
    }

    /// The `Unicode.Scalar` slice `[start, end)` of `scalars` as a string.
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars)
        return String(v)
    }
}
