import XCTest
@testable import Huashu

/// What a teller gets back from Huashu: ranked alternatives for a flagged
/// phrase, the scripted scenario for a situation told in their own words, the
/// shape of a complaint reply, and safe direct fixes.
final class TellerAdviceTests: XCTestCase {
    nonisolated(unsafe) private static var cachedBook: Phrasebook?

    private func builtIn() throws -> Phrasebook {
        if let b = Self.cachedBook { return b }
        let b = try Phrasebook.builtIn()
        Self.cachedBook = b
        return b
    }

    // MARK: SuggestionRanker

    /// A small book whose rule suggestions and lines the assertions spell out.
    static let smallBook = """
    rules:
      - id: vague-wait.wait
        category: vague-wait
        message: 说明需要等多久。
        patterns: [等一下]
        suggestions:
          - text: 请您稍等，大约需要3分钟。
            tag: wait
          - line: wait.sorry
    lines:
      - id: wait.sorry
        tag: wait
        text: 抱歉，让您久等了。
      - id: wait.copy
        tags: [wait, apology]
        text: 对不起，请稍候，我去复印一下您的身份证，大约1分钟。
      - id: wait.minutes
        tag: wait
        text: 请您稍等，大约需要5分钟，我马上为您办理。
      - id: closing.bye
        tag: closing
        text: 请慢走，再见。
      - id: empathy.feel
        tags: [empathy, 3f]
        text: 我理解您的感受。
    """

    func testRuleSuggestionsComeFirstInTheTrainersOrderThenLinesSharingATag() throws {
        let book = try Phrasebook.parse(yaml: Self.smallBook)
        let finding = try XCTUnwrap(try Analyzer(phrasebook: book).analyze("您等一下。").first)
        let ranked = SuggestionRanker(phrasebook: book).rank(finding, context: "您等一下。", limit: 10)
        XCTAssertEqual(Array(ranked.prefix(2).map(\.text)), ["请您稍等，大约需要3分钟。", "抱歉，让您久等了。"])
        XCTAssertEqual(ranked[1].origin, "wait.sorry", "a suggestion that names a line keeps the line id as its origin")
        XCTAssertEqual(ranked[0].origin, "vague-wait.wait")
        XCTAssertGreaterThan(ranked[0].score, ranked[1].score)
        // Then the other wait lines, never the closing or empathy lines, and no duplicates.
        let rest = ranked.dropFirst(2)
        XCTAssertEqual(Set(rest.map(\.origin)), ["wait.copy", "wait.minutes"])
        XCTAssertEqual(Set(ranked.map(\.text)).count, ranked.count, "an alternative is listed twice")
        for r in rest { XCTAssertLessThan(r.score, ranked[1].score, "a line outranks the rule's own suggestion: \(r.text)") }
        // The line closest to the rule's suggestions (same words) comes before the other.
        XCTAssertEqual(rest.first?.origin, "wait.minutes", "ranked: \(ranked.map(\.origin))")
    }

    func testRankingRespectsTheLimit() throws {
        let book = try Phrasebook.parse(yaml: Self.smallBook)
        let finding = try XCTUnwrap(try Analyzer(phrasebook: book).analyze("您等一下。").first)
        let ranker = SuggestionRanker(phrasebook: book)
        XCTAssertEqual(ranker.rank(finding, context: "您等一下。", limit: 1).map(\.text), ["请您稍等，大约需要3分钟。"])
        XCTAssertEqual(ranker.rank(finding, context: "您等一下。", limit: 3).count, 3)
    }

    func testBuiltInFindingGetsItsRuleSuggestionsThenSameFamilyLines() throws {
        let book = try builtIn()
        let text = "你等一下，这个不归我管。"
        let findings = try Analyzer(phrasebook: book).analyze(text)
        XCTAssertFalse(findings.isEmpty, "the built-in book finds nothing in \(text)")
        let ranker = SuggestionRanker(phrasebook: book)
        for finding in findings {
            let rule = try XCTUnwrap(book.rules.first { $0.id == finding.ruleID })
            let ranked = ranker.rank(finding, context: text, limit: rule.suggestions.count + 5)
            XCTAssertEqual(Array(ranked.prefix(rule.suggestions.count).map(\.text)), rule.suggestions.map(\.text),
                           "\(rule.id): its own suggestions must come first, in order")
            let tags = Set(rule.suggestions.compactMap(\.tag))
            for r in ranked.dropFirst(rule.suggestions.count) {
                let line = try XCTUnwrap(book.line(r.origin), "\(rule.id): extra alternative “\(r.text)” is not an approved line")
                XCTAssertFalse(tags.isDisjoint(with: line.tags), "\(rule.id): line \(line.id) \(line.tags) shares no tag with \(tags)")
            }
        }
    }

    func testAFindingFromAnUnknownRuleFallsBackToItsOwnSuggestions() throws {
        let book = try Phrasebook.parse(yaml: Self.smallBook)
        let finding = Finding(ruleID: "other.rule", category: .refusal, severity: .warning, message: "m", match: "不行",
                              start: 0, end: 2, line: 1, column: 1, suggestions: ["甲", "乙"])
        XCTAssertEqual(SuggestionRanker(phrasebook: book).rank(finding, context: "不行").map(\.text), ["甲", "乙"])
    }

    func testLinesTaggedListsEveryLineOfAFamilyOrTechniqueInBookOrder() throws {
        let book = try Phrasebook.parse(yaml: Self.smallBook)
        let ranker = SuggestionRanker(phrasebook: book)
        XCTAssertEqual(ranker.lines(tagged: "wait").map(\.id), ["wait.sorry", "wait.copy", "wait.minutes"])
        XCTAssertEqual(ranker.lines(tagged: "apology").map(\.id), ["wait.copy"])
        XCTAssertEqual(ranker.lines(tagged: "3f").map(\.id), ["empathy.feel"])
        XCTAssertEqual(ranker.lines(tagged: "taichi").map(\.id), [])

        let builtIn = try builtIn()
        let empathy = SuggestionRanker(phrasebook: builtIn).lines(tagged: "empathy")
        XCTAssertFalse(empathy.isEmpty)
        XCTAssertTrue(empathy.allSatisfy { $0.tags.contains("empathy") })
        XCTAssertEqual(empathy.count, builtIn.lines.filter { $0.tags.contains("empathy") }.count)
    }

    // MARK: ScenarioFinder

    private func assertFinds(_ situation: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let finder = ScenarioFinder(scenarios: try builtIn().scenarios)
        let ranked = finder.rank(situation, limit: 3)
        let shown = ranked.map { String(format: "%@ %.2f", $0.scenario.id, $0.score) }.joined(separator: ", ")
        XCTAssertEqual(ranked.first?.scenario.id, expected, "“\(situation)” → \(shown)", file: file, line: line)
        XCTAssertGreaterThanOrEqual(ranked.first?.score ?? 0, ScenarioFinder.threshold, "“\(situation)” → \(shown)", file: file, line: line)
    }

    func testSituationsInTheTellersOwnWordsFindTheRightScenario() throws {
        try assertFinds("客户忘带身份证了想取钱", "no-id-card")
        try assertFinds("有人插队客户吵起来了", "queue-jumped")
        try assertFinds("要取二十万没有预约", "large-withdrawal-no-appointment")
        try assertFinds("自动存取款机坏了客户很生气", "equipment-failure")
        try assertFinds("大厅里有人抽烟", "smoking-in-branch")
    }

    func testMoreSituationsInEverydayWordsFindTheirScenario() throws {
        try assertFinds("个体户来换硬币，我们零钱不够了", "small-change-refused")
        try assertFinds("客户买的理财亏了，说当初客户经理说不会亏", "wealth-product-loss")
        try assertFinds("有个大爷天天来接热水泡茶", "tea-and-water-only")
        try assertFinds("客户的回单丢了让我们赔", "lost-receipt-compensation")
        try assertFinds("电话里要查一下记录，让客户别挂机", "phone-hold")
        try assertFinds("要把电话转到信用卡中心", "phone-transfer")
    }

    func testTheBestScenarioComesFirstWithScoresBetweenZeroAndOne() throws {
        let finder = ScenarioFinder(scenarios: try builtIn().scenarios)
        let ranked = finder.rank("客户忘带身份证了想取钱", limit: 5)
        XCTAssertEqual(ranked.count, 5)
        for m in ranked { XCTAssertTrue((0...1).contains(m.score), "score \(m.score) of \(m.scenario.id)") }
        XCTAssertEqual(ranked.map(\.score), ranked.map(\.score).sorted(by: >), "not best first")
        XCTAssertGreaterThan(ranked[0].score, ranked[1].score, "the ID-card scenario should clearly beat the rest")
        XCTAssertEqual(finder.rank("客户忘带身份证了想取钱", limit: 1).count, 1)
    }

    func testUnrelatedSituationsFallBelowTheThreshold() throws {
        let finder = ScenarioFinder(scenarios: try builtIn().scenarios)
        for situation in ["今天天气不错", "帮我订一张机票"] {
            let best = finder.rank(situation).first
            XCTAssertLessThan(best?.score ?? 0, ScenarioFinder.threshold,
                              "“\(situation)” matched \(best?.scenario.id ?? "-") with \(best?.score ?? 0)")
        }
        XCTAssertTrue(finder.rank("。。。").allSatisfy { $0.score < ScenarioFinder.threshold })
    }

    func testSlotsAreListedInOrderOnceAndFilledWhereGiven() {
        let text = "{客户称呼}，请在{时间}前到{窗口}号窗口，{时间}以后也可以。"
        XCTAssertEqual(ScenarioFinder.slots(in: text), ["客户称呼", "时间", "窗口"])
        XCTAssertEqual(ScenarioFinder.fill(text, with: ["时间": "下午4点", "客户称呼": "王先生"]),
                       "王先生，请在下午4点前到{窗口}号窗口，下午4点以后也可以。")
        XCTAssertEqual(ScenarioFinder.fill(text, with: [:]), text, "unfilled slots stay visible")
        XCTAssertEqual(ScenarioFinder.slots(in: "没有槽位。"), [])
        XCTAssertEqual(ScenarioFinder.slots(in: "空的{}不算。"), [])
    }

    func testFilledValuesAreNotFilledAgain() {
        // A value that itself looks like a slot is text the teller typed: it must
        // come out as typed, whatever order the values are applied in.
        // (24 pairs of slots, so that a dependence on dictionary order cannot hide.)
        var refilled: [String] = []
        for i in 0..<24 {
            let a = "甲\(i)", b = "乙\(i)"
            let out = ScenarioFinder.fill("请到{\(a)}办理。", with: [a: "{\(b)}", b: "X"])
            if out != "请到{\(b)}办理。" { refilled.append("fill(“请到{\(a)}办理。”, \(a)=“{\(b)}”, \(b)=X) → “\(out)”") }
        }
        XCTAssertTrue(refilled.isEmpty, "\(refilled.count) of 24 fills substituted a filled value again:\n" + refilled.prefix(3).joined(separator: "\n"))
    }

    func testFindingWorksOnAnyBooksScenarios() throws {
        let yaml = """
        scenarios:
          - id: a
            title: 客户未携带身份证
            keywords: [身份证, 没带]
            technique: sandwich
            steps:
              - label: 肯定
                text: 我理解您的心情。
              - label: 办法
                text: 您可以在{时间}前再来。
          - id: b
            title: 运钞车迟到
            keywords: [运钞车]
            technique: understanding
            steps:
              - label: 认同
                text: 让您久等了。
              - label: 办法
                text: 车到后第一批为您办理。
        """
        let finder = ScenarioFinder(scenarios: try Phrasebook.parse(yaml: yaml).scenarios)
        XCTAssertEqual(finder.rank("客户没带身份证").first?.scenario.id, "a")
        XCTAssertEqual(finder.rank("运钞车还没到").first?.scenario.id, "b")
        XCTAssertEqual(finder.rank("客户没带身份证", limit: 10).count, 2, "listing gives every scenario at most once")
        XCTAssertTrue(ScenarioFinder(scenarios: []).rank("身份证").isEmpty)
    }

    // MARK: ReplyShapeChecker

    static let goodReply = "非常抱歉给您带来不便，我非常理解您的心情。这件事交给我来跟进，我会在3个工作日内给您回复。非常感谢您反映的问题。"

    func testAFullGoodReplyMissesNoStep() throws {
        let shape = ReplyShapeChecker(phrasebook: try builtIn()).check(Self.goodReply)
        XCTAssertEqual(shape.missing, [], shape.summary)
        XCTAssertNil(shape.explanationBeforeEmpathy)
        XCTAssertTrue(shape.findings.isEmpty, shape.findings.map(\.ruleID).joined(separator: ", "))
        XCTAssertEqual(shape.summary, "答复结构：✓致歉 ✓共情 ✓担当 ✓承诺时限 ✓致谢")
    }

    func testABareExplanationMissesEveryStep() throws {
        let shape = ReplyShapeChecker(phrasebook: try builtIn()).check("按照规定不能办理。")
        XCTAssertEqual(shape.missing, [.apology, .empathy, .ownership, .commitment, .thanks], shape.summary)
        let steps = shape.findings.compactMap(\.step)
        for step in ["apology", "empathy", "ownership", "commitment", "thanks"] {
            XCTAssertTrue(steps.contains(step), "no finding for the missing \(step): \(steps)")
            XCTAssertTrue(shape.findings.contains { $0.ruleID == "structure.missing-\(step)" })
        }
        XCTAssertTrue(shape.summary.hasPrefix("答复结构：✗致歉 ✗共情 ✗担当 ✗承诺时限 ✗致谢"), shape.summary)
    }

    func testAnExplanationBeforeTheApologyIsReportedWithItsPlace() throws {
        let text = "按照规定，这项业务需要本人办理。非常抱歉给您带来不便，我理解您的心情。"
        let shape = ReplyShapeChecker(phrasebook: try builtIn()).check(text)
        let finding = try XCTUnwrap(shape.findings.first { $0.ruleID == "structure.explanation-first" }, shape.summary)
        XCTAssertEqual(finding.step, "explanation-first")
        XCTAssertEqual(finding.start, 0)
        XCTAssertTrue(finding.match.hasPrefix("按照"), finding.match)
        XCTAssertEqual(finding.match, Array(text.unicodeScalars)[finding.start..<finding.end].map(String.init).joined())
        XCTAssertEqual(finding.line, 1)
        XCTAssertEqual(finding.column, 1)
        XCTAssertFalse(finding.suggestions.isEmpty, "the finding should offer empathy lines")
        XCTAssertTrue(shape.summary.contains("先解释规定"), shape.summary)

        // The same explanation after the apology is fine.
        let ordered = ReplyShapeChecker(phrasebook: try builtIn()).check("非常抱歉给您带来不便。按照规定，这项业务需要本人办理。")
        XCTAssertNil(ordered.explanationBeforeEmpathy)
        XCTAssertFalse(ordered.findings.contains { $0.ruleID == "structure.explanation-first" })
    }

    func testExplanationPositionIsInTheOriginalTextOnLaterLines() throws {
        let text = "😀您好！\n根据银行的规定需要预约。\n抱歉。"
        let shape = ReplyShapeChecker(phrasebook: try builtIn()).check(text)
        let finding = try XCTUnwrap(shape.findings.first { $0.ruleID == "structure.explanation-first" }, shape.summary)
        XCTAssertEqual(finding.line, 2)
        XCTAssertEqual(finding.column, 1)
        XCTAssertEqual(Array(text.unicodeScalars)[finding.start..<finding.end].map(String.init).joined(), finding.match)
    }

    func testAllReplyShapeFindingsAreStructureInfoWithAStep() throws {
        let checker = ReplyShapeChecker(phrasebook: try builtIn())
        for text in ["按照规定不能办理。", "这是规定。抱歉。", "好的。", Self.goodReply] {
            for f in checker.check(text).findings {
                XCTAssertEqual(f.category, .structure, "\(text): \(f.ruleID)")
                XCTAssertEqual(f.severity, .info, "\(text): \(f.ruleID)")
                XCTAssertNotNil(f.step, "\(text): \(f.ruleID)")
                XCTAssertFalse(f.message.isEmpty)
            }
        }
    }

    // MARK: Fixer

    func testOnlyReplaceableSpansChangeAndEverythingElseIsKeptByteForByte() throws {
        let analyzer = try Analyzer(phrasebook: try builtIn())
        let text = "👨‍👩‍👧请到ATM上取款😀\n你们先等一下。\r\n卡被ATM吞了，我们会处理。🙏"
        let findings = analyzer.analyze(text)
        XCTAssertTrue(findings.contains { $0.replacement == nil }, "the draft should also have findings without replace: \(findings.map(\.ruleID))")
        let edits = Fixer.edits(for: findings)
        XCTAssertEqual(edits.map(\.ruleID), ["jargon.atm", "jargon.atm"])
        XCTAssertEqual(edits.map(\.original), ["ATM", "ATM"])
        let fixed = Fixer.apply(edits, to: text)
        XCTAssertEqual(fixed, "👨‍👩‍👧请到自动存取款机上取款😀\n你们先等一下。\r\n卡被自动存取款机吞了，我们会处理。🙏")
        XCTAssertEqual(Array(fixed.utf8), Array("👨‍👩‍👧请到自动存取款机上取款😀\n你们先等一下。\r\n卡被自动存取款机吞了，我们会处理。🙏".utf8))
    }

    func testFullWidthMatchesAreReplacedAsWritten() throws {
        let analyzer = try Analyzer(phrasebook: try builtIn())
        let text = "请到ＡＴＭ上取款。"
        XCTAssertEqual(Fixer.apply(Fixer.edits(for: analyzer.analyze(text)), to: text), "请到自动存取款机上取款。")
    }

    func testOverlappingReplacementsDoNotCorruptTheText() throws {
        let analyzer = try Analyzer(phrasebook: try builtIn())
        // impolite.ni (你 → 您) and impolite.ni-hao (你好 → 您好) overlap at 你好.
        let text = "你好，你的卡在ATM里。"
        let fixed = Fixer.apply(Fixer.edits(for: analyzer.analyze(text)), to: text)
        XCTAssertEqual(fixed, "您好，您的卡在自动存取款机里。")

        // Hand-made overlaps: the first edit in text order wins, the overlapping one is skipped.
        func f(_ id: String, _ s: Int, _ e: Int, _ r: String?) -> Finding {
            Finding(ruleID: id, category: .jargon, severity: .warning, message: "", match: String(Array("甲乙丙丁戊".unicodeScalars)[s..<e].map(Character.init)),
                    start: s, end: e, line: 1, column: s + 1, replacement: r)
        }
        let findings = [f("b", 1, 3, "BC"), f("a", 0, 2, "AB"), f("c", 3, 4, "D"), f("none", 4, 5, nil), f("empty", 2, 2, "X")]
        let edits = Fixer.edits(for: findings)
        XCTAssertEqual(edits.map(\.ruleID), ["a", "c"])
        XCTAssertEqual(Fixer.apply(edits, to: "甲乙丙丁戊"), "AB丙D戊")
    }

    func testNoReplaceableFindingsMeansNoChange() throws {
        let analyzer = try Analyzer(phrasebook: try builtIn())
        let text = "您等一下，这个不归我管。\n🙂"
        let findings = analyzer.analyze(text)
        XCTAssertFalse(findings.isEmpty)
        XCTAssertTrue(Fixer.edits(for: findings).isEmpty)
        XCTAssertEqual(Fixer.apply([], to: text), text)
    }
}
