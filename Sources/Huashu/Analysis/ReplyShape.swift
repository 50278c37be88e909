/// How a draft measures up to DOMAIN.md's shape of a good complaint reply:
/// apologise, show empathy, take ownership, commit to a concrete time or next
/// step, thank the customer — with apology or empathy before any explanation
/// of the rules.
public struct ReplyShape: Sendable {
    /// The steps of a complaint reply, in their expected order.
    public enum Step: String, CaseIterable, Sendable {
        case apology, empathy, ownership, commitment, thanks

        public var chineseName: String {
            switch self {
            case .apology: "致歉"
            case .empathy: "共情"
            case .ownership: "担当"
            case .commitment: "承诺时限"
            case .thanks: "致谢"
            }
        }

        var advice: String {
            switch self {
            case .apology: "答复缺少致歉：先向客户道歉并表示愿意帮助（如“非常抱歉给您带来不便”）。"
            case .empathy: "答复缺少共情：先处理心情，再处理事情（如“我非常理解您的心情”）。"
            case .ownership: "答复缺少担当：首问负责，说明由您来跟进（如“让我想一想有什么办法能够帮您”）。"
            case .commitment: "答复缺少具体时限或下一步：当场不能答复的，说明何时、如何回复（如“3个工作日内给您回复”）。"
            case .thanks: "答复缺少致谢：感谢客户的反映和理解（如“非常感谢您反映的问题”）。"
            }
        }
    }

    /// Steps found, with the original offset where each first appears.
    public let present: [Step: Int]
    /// Steps the draft leaves out, in order.
    public let missing: [Step]
    /// Original range of an explanation of the rules that comes before any
    /// apology or empathy, if there is one.
    public let explanationBeforeEmpathy: Range<Int>?
    /// The findings (category `structure`, severity `info`, with `step`).
    public let findings: [Finding]

    /// One line for text output, e.g. "答复结构：✓致歉 ✗共情 ✓担当 ✗承诺时限 ✓致谢".
    public var summary: String {
        let marks = Step.allCases.map { (present[$0] != nil ? "✓" : "✗") + $0.chineseName }
        var line = "答复结构：" + marks.joined(separator: " ")
        if explanationBeforeEmpathy != nil { line += "；先解释规定、后致歉/共情" }
        return line
    }
}

/// Judges drafts as complaint replies using the phrasebook's cue lists
/// (`apology`, `empathy`, `ownership`, `commitment`, `thanks`, `explanation`).
public struct ReplyShapeChecker: Sendable {
    let cues: CueSet
    let lines: [ApprovedLine]

    public init(phrasebook: Phrasebook) {
        cues = CueSet(phrasebook.cues)
        lines = phrasebook.lines
    }

    public func check(_ text: String) -> ReplyShape {
        let normalized = NormalizedText(text)
        var present: [ReplyShape.Step: Int] = [:]
        var firstFolded: [ReplyShape.Step: Int] = [:]
        for step in ReplyShape.Step.allCases {
            if let r = cues.firstMatch(step.rawValue, in: normalized) {
                firstFolded[step] = r.lowerBound
                present[step] = normalized.originalRange(r).lowerBound
            }
        }
        let missing = ReplyShape.Step.allCases.filter { present[$0] == nil }
        var explanation: Range<Int>?
        if let r = cues.firstMatch("explanation", in: normalized) {
            let soothing = [firstFolded[.apology], firstFolded[.empathy]].compactMap { $0 }.min()
            if soothing == nil || r.lowerBound < soothing! { explanation = normalized.originalRange(r) }
        }
        var findings: [Finding] = missing.map { step in
            Finding(ruleID: "structure.missing-\(step.rawValue)", category: .structure, severity: .info,
                    message: step.advice, match: "", start: 0, end: 0, line: 1, column: 1,
                    suggestions: examples(for: step.rawValue), step: step.rawValue)
        }
        if let r = explanation {
            let (line, column) = normalized.original.position(of: r.lowerBound)
            findings.append(Finding(
                ruleID: "structure.explanation-first", category: .structure, severity: .info,
                message: "先处理心情，后处理事情：解释规定之前，先致歉或表示理解。",
                match: normalized.original.text(r), start: r.lowerBound, end: r.upperBound,
                line: line, column: column, suggestions: examples(for: "empathy"), step: "explanation-first"))
        }
        return ReplyShape(present: present, missing: missing, explanationBeforeEmpathy: explanation, findings: findings)
    }

    private func examples(for tag: String) -> [String] {
        Array(lines.filter { $0.tags.contains(tag) }.prefix(2).map(\.text))
    }
}
