/// Reviews calls: judges staff turns only (customer turns are context), adds the
/// call-level checks and scores each call with the phrasebook's scoring policy.
/// Immutable and `Sendable`: review calls concurrently from one instance.
public struct Reviewer: Sendable {
    public let analyzer: Analyzer
    let checker: CallChecker
    public let scoring: ScoringPolicy

    public init(phrasebook: Phrasebook) throws {
        analyzer = try Analyzer(phrasebook: phrasebook, speech: true)
        checker = CallChecker(phrasebook: phrasebook)
        scoring = phrasebook.scoring
    }

    public func review(_ call: Call) -> CallReview {
        var findings: [CallFinding] = []
        for (i, turn) in call.turns.enumerated() where turn.role == .staff {
            for f in analyzer.analyze(turn.text) {
                findings.append(CallFinding(finding: f, turn: i, speaker: turn.speaker, start: turn.start, end: turn.end))
            }
        }
        let missing = checker.missingSteps(in: call, findings: findings.map(\.finding))
        for step in missing {
            let f = Finding(ruleID: "call.missing-\(step)", category: .structure, severity: .warning,
                            message: Self.advice[step] ?? "缺少必要环节：\(step)", match: "", start: 0, end: 0,
                            line: 1, column: 1, step: step)
            findings.append(CallFinding(finding: f, turn: nil, speaker: nil, start: nil, end: nil))
        }
        let score = scoring.score(findings.map(\.finding))
        return CallReview(call: call, findings: findings, missing: missing, score: score)
    }

    static let advice: [String: String] = [
        "greeting": "缺少问候：来有迎声，首句应问候客户（您好，欢迎光临 / 您好，XX银行）。",
        "closing": "缺少道别：走有送声，结束时应道别（请慢走，再见 / 感谢您的来电，再见）。",
        "apology": "客户表达不满，但员工始终没有致歉：先处理心情，再处理事情。",
        "commitment": "问题悬而未决，且没有给出具体时间或下一步（当场不能答复的，应承诺回复时限）。",
        "hold-thanks": "让客户等待后没有致谢（抱歉，让您久等了）。",
    ]
}
