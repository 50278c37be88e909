/// Plain-text review output: one block per call, then totals per agent.
public enum ReviewText {
    /// `t02 [agent] 得分 65` then one line per finding and the missing steps.
    public static func call(_ r: CallReview) -> String {
        var out = "\(r.call.id)"
        if let agent = r.call.agent { out += " [\(agent)]" }
        out += " 得分 \(ReviewFormat.number(r.score))"
        if let origin = r.call.origin { out += "  (\(origin))" }
        out += "\n"
        for cf in r.findings where cf.finding.category != .structure {
            let f = cf.finding
            let turn = cf.turn.map { "第\($0 + 1)轮" } ?? ""
            let time = cf.start.map { " @\(ReviewFormat.number($0))s" } ?? ""
            out += "  \(turn) \(cf.speaker ?? "")\(time): \(f.severity.rawValue): “\(f.match)” \(f.message) [\(f.ruleID)]\n"
            if let s = f.suggestions.first { out += "      建议：\(s)\n" }
        }
        if !r.missing.isEmpty {
            out += "  缺少环节：" + r.missing.map { stepName($0) }.joined(separator: "、") + "\n"
        }
        return out
    }

    public static func stepName(_ step: String) -> String {
        switch step {
        case "greeting": "问候(greeting)"
        case "closing": "道别(closing)"
        case "apology": "致歉(apology)"
        case "commitment": "承诺时限(commitment)"
        case "hold-thanks": "等待致谢(hold-thanks)"
        default: step
        }
    }

    /// Totals: calls read, failed and skipped; mean score; per agent and per category.
    public static func summary(_ s: ReviewSummary) -> String {
        var out = "\n== 汇总 ==\n"
        out += "通话 \(s.overall.calls) 通，失败 \(s.failed.count)，跳过 \(s.skipped.count)；平均得分 \(ReviewFormat.score(s.overall.meanScore))\n"
        let cats = s.overall.findingsByCategory.sorted { $0.key < $1.key }
        if !cats.isEmpty { out += "问题按类别：" + cats.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: "，") + "\n" }
        let missing = s.overall.missingBySteps.sorted { $0.key < $1.key }
        if !missing.isEmpty { out += "缺少环节：" + missing.map { "\($0.key) \($0.value)" }.joined(separator: "，") + "\n" }
        if !s.byAgent.isEmpty {
            out += "按坐席：\n"
            for (agent, g) in s.byAgent.sorted(by: { $0.key < $1.key }) {
                out += "  \(agent)：\(g.calls) 通，平均 \(ReviewFormat.score(g.meanScore))，问题 \(g.findings)，最差 "
                out += g.worst.prefix(3).map { "\($0.id)(\(ReviewFormat.number($0.score)))" }.joined(separator: " ") + "\n"
            }
        }
        for f in s.failed { out += "失败：\(f.source)：\(f.reason)\n" }
        for k in s.skipped { out += "跳过：\(k.source)：\(k.reason)\n" }
        return out
    }
}
