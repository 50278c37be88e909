import XCTest
@testable import Huashu

/// Contexts that cancel a match: exceptions (before/after/sentence/following/
/// preceding/text), quotation and the word-boundary rule. Every book is written here.
final class ExceptionsAndContextTests: XCTestCase {

    private func analyzer(_ rules: String..., file: StaticString = #filePath, line: UInt = #line) throws -> Analyzer {
        try TestBook.analyzer("rules:\n" + rules.joined())
    }

    // MARK: The phenomena of the handbook

    func testFlatNoFiresButNotInsideXingShi() throws {
        let a = try analyzer(TestBook.rule("refusal.flat-no", patterns: ["不行", "不可以"]))
        XCTAssertTrue(a.fires("refusal.flat-no", on: "不行，今天零钱已经换完了。"))
        XCTAssertTrue(a.fires("refusal.flat-no", on: "这个真的不行。"))
        XCTAssertFalse(a.fires("refusal.flat-no", on: "如果您在开放期内不行使赎回权，产品会自动转入下一期。"))
    }

    func testVagueWaitFiresButNotWhenAConcreteDurationFollows() throws {
        // The exception exactly as phrasebooks/README.md documents it.
        let a = try analyzer(TestBook.rule("vague-wait.a-while", category: "vague-wait", patterns: ["等一会儿"],
                                           exceptions: [("after", "…\\d\\d?分钟")]))
        XCTAssertTrue(a.fires("vague-wait.a-while", on: "您先等一会儿。"))
        XCTAssertFalse(a.fires("vague-wait.a-while", on: "您先等一会儿，大约3分钟。"))
        XCTAssertFalse(a.fires("vague-wait.a-while", on: "请您等一会儿，大概十分钟就好。"))
        XCTAssertTrue(a.fires("vague-wait.a-while", on: "您先等一会儿。我去问问，大约3分钟。"),
                      "after: never looks past the match's sentence")
    }

    func testConcreteDurationRightAfterTheWaitCancelsIt() throws {
        // Same phenomenon without a gap in the exception.
        let a = try analyzer(TestBook.rule("vague-wait.a-while", category: "vague-wait", patterns: ["等一会儿"],
                                           exceptions: [("after", ",?大约\\d\\d?分钟")]))
        XCTAssertTrue(a.fires("vague-wait.a-while", on: "您先等一会儿。"))
        XCTAssertFalse(a.fires("vague-wait.a-while", on: "您先等一会儿，大约3分钟。"))
        XCTAssertFalse(a.fires("vague-wait.a-while", on: "您先等一会儿大约十五分钟。"))
        XCTAssertTrue(a.fires("vague-wait.a-while", on: "您先等一会儿。大约3分钟。"))
    }

    func testPrincipalGuaranteeFiresButNotWhenNegated() throws {
        // The negation exception exactly as phrasebooks/README.md documents it.
        let a = try analyzer(TestBook.rule("return-promise.principal", category: "return-promise", severity: "error",
                                           patterns: ["保本", "保证收益"],
                                           exceptions: [("before", "(不|无法|不能|不会|不承诺|并不)…{2}")]))
        XCTAssertTrue(a.fires("return-promise.principal", on: "这款产品保本。"))
        XCTAssertTrue(a.fires("return-promise.principal", on: "我们保证收益。"))
        XCTAssertFalse(a.fires("return-promise.principal", on: "这款产品不保本。"))
        XCTAssertFalse(a.fires("return-promise.principal", on: "我们不承诺保本。"))
        XCTAssertFalse(a.fires("return-promise.principal", on: "我们无法保证收益。"))
        XCTAssertFalse(a.fires("return-promise.principal", on: "我们并不能保证收益。"))
    }

    func testNegationRightBeforeThePromiseCancelsIt() throws {
        // Same phenomenon without a gap in the exception.
        let a = try analyzer(TestBook.rule("return-promise.principal", category: "return-promise", severity: "error",
                                           patterns: ["保本", "保证收益"],
                                           exceptions: [("before", "不|无法|不能|不会|不承诺|并不")]))
        XCTAssertTrue(a.fires("return-promise.principal", on: "这款产品保本。"))
        XCTAssertTrue(a.fires("return-promise.principal", on: "我们保证收益，不会亏。"))
        XCTAssertFalse(a.fires("return-promise.principal", on: "这款产品不保本。"))
        XCTAssertFalse(a.fires("return-promise.principal", on: "我们不承诺保本。"))
        XCTAssertFalse(a.fires("return-promise.principal", on: "我们无法保证收益。"))
        XCTAssertTrue(a.fires("return-promise.principal", on: "不。保本。"), "before: never looks past the match's sentence")
    }

    func testQuotedSpeechIsExempt() throws {
        let a = try analyzer(TestBook.rule("overpromise.solve", category: "overpromise", patterns: ["一定能解决"]))
        XCTAssertTrue(a.fires("overpromise.solve", on: "放心，我们一定能解决。"))
        for text in ["不要说“一定能解决”。", "不要说「一定能解决」。", "不要说『一定能解决』。",
                     "不要说\"一定能解决\"。", "不要说‘一定能解决’。"] {
            XCTAssertFalse(a.fires("overpromise.solve", on: text), text)
        }
        XCTAssertTrue(a.fires("overpromise.solve", on: "他说“好的”，我们一定能解决。"), "after the closing quote the text is not quoted")
    }

    func testAMatchRunningIntoQuotesIsQuotedSpeech() throws {
        let a = try analyzer(TestBook.rule("overpromise.approval", category: "overpromise", patterns: ["贷款…{6}一定能批"]))
        XCTAssertTrue(a.fires("overpromise.approval", on: "这笔贷款我看一定能批。"))
        XCTAssertFalse(a.fires("overpromise.approval", on: "介绍贷款时不要说“一定能批”。"), "the banned phrase itself is quoted")
        let quotedRule = try analyzer(TestBook.rule("overpromise.approval", category: "overpromise", patterns: ["贷款…{6}一定能批"], inQuotes: true))
        XCTAssertTrue(quotedRule.fires("overpromise.approval", on: "介绍贷款时不要说“一定能批”。"))
    }

    func testQuotedSpeechFiresWhenTheRuleSetsInQuotes() throws {
        let a = try analyzer(TestBook.rule("overpromise.solve", category: "overpromise", patterns: ["一定能解决"], inQuotes: true))
        XCTAssertTrue(a.fires("overpromise.solve", on: "不要说“一定能解决”。"))
        XCTAssertTrue(a.fires("overpromise.solve", on: "不要说「一定能解决」。"))
    }

    func testUnclosedQuoteEndsAtTheEndOfTheLine() throws {
        let a = try analyzer(TestBook.rule("overpromise.solve", category: "overpromise", patterns: ["一定能解决"]))
        let findings = a.analyze("他说“一定能解决\n我们一定能解决。")
        XCTAssertEqual(findings.map(\.line), [2])
    }

    // MARK: Word boundaries

    func testPhraseInsideALongerWordDoesNotFire() throws {
        let a = try analyzer(
            TestBook.rule("impolite.you", category: "impolite", patterns: ["你"]),
            TestBook.rule("refusal.no", patterns: ["不行"]))
        XCTAssertEqual(a.analyze("你们自己看").map(\.ruleID), [])
        XCTAssertEqual(a.analyze("不行使").map(\.ruleID), [])
        XCTAssertEqual(a.analyze("你，不行。").map(\.ruleID), ["impolite.you", "refusal.no"])
    }

    func testBoundaryFalseFiresInsideWords() throws {
        let a = try analyzer(
            TestBook.rule("impolite.you", category: "impolite", patterns: ["你"], boundary: "false"),
            TestBook.rule("refusal.no", patterns: ["不行"], boundary: "false"))
        XCTAssertEqual(a.matches("你们自己看"), ["你"])
        XCTAssertEqual(a.matches("不行使"), ["不行"])
    }

    func testBoundaryStartOrEndChecksOneSide() throws {
        let start = try analyzer(TestBook.rule("impolite.you", category: "impolite", patterns: ["你"], boundary: "start"))
        XCTAssertEqual(start.matches("你们自己看"), ["你"], "你 starts 你们 on a boundary")
        let end = try analyzer(TestBook.rule("impolite.you", category: "impolite", patterns: ["你"], boundary: "end"))
        XCTAssertEqual(end.matches("你们自己看"), [], "你 does not end on a boundary in 你们")
        let endMen = try analyzer(TestBook.rule("impolite.men", category: "impolite", patterns: ["们"], boundary: "end"))
        XCTAssertEqual(endMen.matches("你们自己看"), ["们"])
        let startMen = try analyzer(TestBook.rule("impolite.men", category: "impolite", patterns: ["们"], boundary: "start"))
        XCTAssertEqual(startMen.matches("你们自己看"), [])
    }

    // MARK: Each scope

    func testBeforeExceptionMustEndWhereTheMatchStarts() throws {
        let plain = try analyzer(TestBook.rule("refusal.no", patterns: ["不行"], boundary: "false"))
        let excepted = try analyzer(TestBook.rule("refusal.no", patterns: ["不行"], exceptions: [("before", "行")], boundary: "false"))
        XCTAssertTrue(plain.fires("refusal.no", on: "行不行？"))
        XCTAssertFalse(excepted.fires("refusal.no", on: "行不行？"))
        XCTAssertTrue(excepted.fires("refusal.no", on: "行吧，不行。"), "行 does not end where the match starts")
        XCTAssertTrue(excepted.fires("refusal.no", on: "行。不行。"), "before: stays in the match's sentence")
    }

    func testBeforeExceptionWithAGapReachesBackWithinTheSentence() throws {
        // `before: 如果…` is the README's own example for distance.
        let a = try analyzer(TestBook.rule("refusal.no", patterns: ["不行"], exceptions: [("before", "如果…")]))
        XCTAssertTrue(a.fires("refusal.no", on: "不行。"))
        XCTAssertFalse(a.fires("refusal.no", on: "如果没带证件就不行。"))
        XCTAssertTrue(a.fires("refusal.no", on: "如果没带。不行。"))
    }

    func testAfterExceptionMustStartWhereTheMatchEnds() throws {
        let plain = try analyzer(TestBook.rule("refusal.no", patterns: ["不行"], boundary: "false"))
        let excepted = try analyzer(TestBook.rule("refusal.no", patterns: ["不行"], exceptions: [("after", "使")], boundary: "false"))
        XCTAssertTrue(plain.fires("refusal.no", on: "不行使权利"))
        XCTAssertFalse(excepted.fires("refusal.no", on: "不行使权利"))
        XCTAssertTrue(excepted.fires("refusal.no", on: "不行，使用别的办法吧"))
        XCTAssertTrue(excepted.fires("refusal.no", on: "不行。使用别的办法吧"))
    }

    func testSentenceExceptionLooksAnywhereInTheSameSentence() throws {
        let a = try analyzer(TestBook.rule("refusal.no", patterns: ["不行"], exceptions: [("sentence", "如果")]))
        XCTAssertFalse(a.fires("refusal.no", on: "如果没带证件，就不行。"))
        XCTAssertFalse(a.fires("refusal.no", on: "不行的话，如果您愿意可以改天。"))
        XCTAssertTrue(a.fires("refusal.no", on: "不行。如果您带了证件就可以。"))
        XCTAssertTrue(a.fires("refusal.no", on: "如果您有疑问\n不行"), "a newline ends a sentence")
        XCTAssertTrue(a.fires("refusal.no", on: "如果您有疑问……不行"), "an ellipsis ends a sentence")
    }

    func testSentenceExceptionDoesNotCountTheMatchItself() throws {
        let a = try analyzer(TestBook.rule("refusal.no", patterns: ["不行"], exceptions: [("sentence", "行")]))
        XCTAssertTrue(a.fires("refusal.no", on: "不行。"))
        XCTAssertFalse(a.fires("refusal.no", on: "不行，去别的银行吧。"))
    }

    func testFollowingExceptionLooksUpToTheEndOfTheNextSentence() throws {
        let a = try analyzer(TestBook.rule("vague-wait.moment", category: "vague-wait", patterns: ["稍等"],
                                           exceptions: [("following", "分钟")]))
        XCTAssertFalse(a.fires("vague-wait.moment", on: "请稍等，大约五分钟。"))
        XCTAssertFalse(a.fires("vague-wait.moment", on: "请稍等。大约五分钟就好。"))
        XCTAssertTrue(a.fires("vague-wait.moment", on: "请稍等。好的。大约五分钟。"), "two sentences on is too far")
        XCTAssertTrue(a.fires("vague-wait.moment", on: "大约五分钟。请稍等。"), "before the match does not count")
    }

    func testPrecedingExceptionLooksBackToTheStartOfThePreviousSentence() throws {
        let a = try analyzer(TestBook.rule("vague-wait.moment", category: "vague-wait", patterns: ["稍等"],
                                           exceptions: [("preceding", "马上")]))
        XCTAssertFalse(a.fires("vague-wait.moment", on: "我马上帮您查。请稍等。"))
        XCTAssertFalse(a.fires("vague-wait.moment", on: "我马上查，请稍等。"))
        XCTAssertTrue(a.fires("vague-wait.moment", on: "我马上帮您查。好的。请稍等。"), "two sentences back is too far")
        XCTAssertTrue(a.fires("vague-wait.moment", on: "请稍等，我马上帮您查。"), "after the match does not count")
    }

    func testTextExceptionLooksAnywhereInTheText() throws {
        let a = try analyzer(TestBook.rule("refusal.no", patterns: ["不行"], exceptions: [("text", "抱歉")]))
        XCTAssertTrue(a.fires("refusal.no", on: "不行。您明天再来吧。"))
        XCTAssertFalse(a.fires("refusal.no", on: "不行。您明天再来吧。好的。再见。\n很抱歉。"))
        XCTAssertFalse(a.fires("refusal.no", on: "很抱歉。\n\n您明天再来吧。不行。"))
    }

    func testAnExceptionScopeMayListSeveralPatterns() throws {
        let yaml = """
        rules:
          - id: refusal.no
            category: refusal
            message: 测试
            patterns: [不行]
            exceptions:
              - sentence: [如果, 假如]
              - after: 使
        """
        let a = try TestBook.analyzer(yaml)
        XCTAssertTrue(a.fires("refusal.no", on: "不行。"))
        XCTAssertFalse(a.fires("refusal.no", on: "如果没带证件，就不行。"))
        XCTAssertFalse(a.fires("refusal.no", on: "假如没带证件，就不行。"))
        XCTAssertEqual(a.phrasebook.rules.first?.exceptions.count, 3)
    }

    func testInsideExceptionLooksWithinTheMatchedText() throws {
        let a = try analyzer(TestBook.rule("pushing-away.yourself", category: "pushing-away", patterns: ["你…看"],
                                           exceptions: [("inside", "帮")]))
        XCTAssertTrue(a.fires("pushing-away.yourself", on: "你自己看。"))
        XCTAssertFalse(a.fires("pushing-away.yourself", on: "你稍等我帮您看。"))
    }

    func testShorterMatchCountsWhenTheLongestIsCancelled() throws {
        // 等一下吧 is cancelled by the `inside` exception; 等一下 at the same start still fires.
        let a = try analyzer(TestBook.rule("vague-wait.wait", category: "vague-wait", patterns: ["等一下(吧)?"],
                                           exceptions: [("inside", "吧")], boundary: "false"))
        XCTAssertEqual(a.matches("您等一下吧。"), ["等一下"])
        XCTAssertEqual(a.matches("您等一下。"), ["等一下"])
    }
}

/// Control characters in pasted or exported text (NUL, form feed) end a clause,
/// so `$` anchors still hold and spans stay right.
final class ControlCharacterTests: XCTestCase {
    func testNulEndsAClauseForAnchoredPatterns() throws {
        let analyzer = try TestBook.analyzer(TestBook.book(
            TestBook.rule("refusal.flat", patterns: ["不行$"]),
            TestBook.rule("vague-wait.wait", category: "vague-wait", patterns: ["^等一下"])))
        let findings = analyzer.analyze("不行\u{0}等一下")
        XCTAssertEqual(findings.map(\.ruleID), ["refusal.flat", "vague-wait.wait"])
        XCTAssertEqual(findings.map(\.start), [0, 3])
    }
}
