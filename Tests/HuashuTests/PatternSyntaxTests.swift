import XCTest
@testable import Huashu

/// The pattern language of phrasebooks/README.md, seen through what fires.
/// Word boundaries are switched off (`boundary: false`) unless a test is about them,
/// so that each test checks only the pattern.
final class PatternSyntaxTests: XCTestCase {

    /// The texts matched by a one-rule book with `pattern`.
    private func matches(_ pattern: String, in text: String, boundary: String = "false",
                         file: StaticString = #filePath, line: UInt = #line) -> [String] {
        do {
            let analyzer = try TestBook.analyzer(TestBook.book(TestBook.rule("refusal.test", patterns: [pattern], boundary: boundary)))
            return analyzer.matches(text)
        } catch {
            XCTFail("pattern \(pattern) did not load: \(error)", file: file, line: line)
            return []
        }
    }

    private func syntaxError(_ pattern: String, file: StaticString = #filePath, line: UInt = #line) -> PatternSyntaxError? {
        do {
            _ = try Pattern(pattern)
            XCTFail("“\(pattern)” should not parse", file: file, line: line)
            return nil
        } catch {
            XCTAssertFalse(error.message.isEmpty, file: file, line: line)
            return error
        }
    }

    // MARK: Matching

    func testLiteralMatchesOnlyTheExactText() {
        XCTAssertEqual(matches("不归我管", in: "这个不归我管。"), ["不归我管"])
        XCTAssertEqual(matches("不归我管", in: "这个不归他管。"), [])
        XCTAssertEqual(matches("不归我管", in: "不归我管，真的不归我管"), ["不归我管", "不归我管"])
    }

    func testAlternativesMatchEitherSide() {
        XCTAssertEqual(matches("不行|不可以", in: "不行，不可以。"), ["不行", "不可以"])
        XCTAssertEqual(matches("不行|不可以", in: "可以。"), [])
    }

    func testGroupLimitsWhatTheAlternativesCover() {
        XCTAssertEqual(matches("(你|您)去问别人", in: "您去问别人吧"), ["您去问别人"])
        XCTAssertEqual(matches("(你|您)去问别人", in: "你去问别人吧"), ["你去问别人"])
        XCTAssertEqual(matches("(你|您)去问别人", in: "你好，我去问别人"), [])
        XCTAssertEqual(matches("((请)?到|去)(柜台|窗口)", in: "请到窗口，去柜台"), ["请到窗口", "去柜台"])
    }

    func testOptionalItemMayBeMissingAndIsTakenWhenPresent() {
        XCTAssertEqual(matches("说了多少遍了?", in: "我说了多少遍"), ["说了多少遍"])
        XCTAssertEqual(matches("说了多少遍了?", in: "我说了多少遍了！"), ["说了多少遍了"], "the longest match is reported")
        XCTAssertEqual(matches("(请)?稍等", in: "请稍等"), ["请稍等"])
        XCTAssertEqual(matches("(请)?稍等", in: "稍等"), ["稍等"])
    }

    func testCharacterClassMatchesOneOfItsCharacters() {
        XCTAssertEqual(matches("[你您]自己", in: "你自己看"), ["你自己"])
        XCTAssertEqual(matches("[你您]自己", in: "您自己看"), ["您自己"])
        XCTAssertEqual(matches("[你您]自己", in: "他自己看"), [])
        XCTAssertEqual(matches("[你您]自己", in: "你您自己"), ["您自己"], "a class is one character, not a run")
    }

    func testCharacterClassRangesCoverEveryCharacterBetween() {
        XCTAssertEqual(matches("说了[2-9]遍", in: "都说了5遍了"), ["说了5遍"])
        XCTAssertEqual(matches("说了[2-9]遍", in: "说了１遍"), [], "1 is outside 2-9 (full-width folds to 1)")
        XCTAssertEqual(matches("说了[2-9]遍", in: "说了-遍"), [], "the dash of a range is not a member")
        XCTAssertEqual(matches("[a-c]卡", in: "B卡"), ["B卡"], "ranges are folded like the text")
        XCTAssertEqual(matches("[-+]号", in: "-号 +号"), ["-号", "+号"], "a leading dash is itself")
        XCTAssertEqual(matches("[a\\-c]号", in: "-号 b号"), ["-号"], "an escaped dash is itself")
    }

    func testReversedRangeIsAnError() {
        XCTAssertEqual(syntaxError("自己[9-2]")?.offset, 3)
    }

    func testGapSpansUpToEightCharacters() {
        XCTAssertEqual(matches("你…看", in: "你看"), ["你看"])
        XCTAssertEqual(matches("你…看", in: "你自己看"), ["你自己看"])
        XCTAssertEqual(matches("你…看", in: "你一二三四五六七八看"), ["你一二三四五六七八看"])
        XCTAssertEqual(matches("你…看", in: "你一二三四五六七八九看"), [], "nine characters is more than the default gap")
    }

    func testThreeDotsAreTheSameGapAsTheEllipsis() {
        XCTAssertEqual(matches("你...看", in: "你自己看"), ["你自己看"])
        XCTAssertEqual(matches("你...看", in: "你一二三四五六七八九看"), [])
    }

    func testGapWithCountSpansUpToThatManyCharacters() {
        XCTAssertEqual(matches("保证…{4}到账", in: "保证今天到账"), ["保证今天到账"])
        XCTAssertEqual(matches("保证…{4}到账", in: "保证一二三四到账"), ["保证一二三四到账"])
        XCTAssertEqual(matches("保证…{4}到账", in: "保证一二三四五到账"), [])
        XCTAssertEqual(matches("保证...{1}到账", in: "保证快到账"), ["保证快到账"])
        let long = "保证" + String(repeating: "很", count: 60) + "到账"
        XCTAssertEqual(matches("保证…{60}到账", in: long), [long])
        XCTAssertEqual(matches("保证…{59}到账", in: long), [])
    }

    func testGapNeverCrossesASentenceEnd() {
        for end in ["。", "！", "？", "；", "!", "?", ";", "\n", "……", "."] {
            XCTAssertEqual(matches("你…看", in: "你好\(end)看"), [], "the gap must stop at “\(end)”")
        }
        XCTAssertEqual(matches("你…看", in: "你好，看"), ["你好，看"], "a comma does not end a sentence")
        XCTAssertEqual(matches("利率…元", in: "利率3.5元"), ["利率3.5元"], "a point inside a number does not end a sentence")
    }

    func testAnchorsMatchClauseEdges() {
        XCTAssertEqual(matches("^签字$", in: "签字"), ["签字"])
        XCTAssertEqual(matches("^签字$", in: "好的，签字。"), ["签字"])
        XCTAssertEqual(matches("^签字$", in: "请签字。"), [])
        XCTAssertEqual(matches("^签字$", in: "签字吧。"), [])
        XCTAssertEqual(matches("^下一位", in: "好。下一位"), ["下一位"])
        XCTAssertEqual(matches("^下一位", in: "请下一位"), [])
        XCTAssertEqual(matches("^签字$", in: "签字😂"), ["签字"], "in chat an emoji ends a clause")
        XCTAssertEqual(matches("^签字$", in: "好的～签字"), ["签字"])
    }

    func testDigitMatchesArabicAndChineseNumerals() {
        for text in ["等3分钟", "等15分钟", "等１５分钟", "等十五分钟", "等两分钟", "等半分钟", "等几分钟", "等〇分钟"] {
            XCTAssertEqual(matches("\\d\\d?分钟", in: text).count, 1, "\\d\\d?分钟 should match in \(text)")
        }
        XCTAssertEqual(matches("等\\d\\d?分钟", in: "等多分钟"), [])
        XCTAssertEqual(matches("等\\d\\d?分钟", in: "等一二三分钟"), [], "two \\d, not three")
    }

    func testEscapedSyntaxCharactersMatchThemselves() {
        XCTAssertEqual(matches("\\(1\\)", in: "第(1)条"), ["(1)"])
        XCTAssertEqual(matches("您好\\?", in: "您好?"), ["您好?"])
        XCTAssertEqual(matches("您好\\?", in: "您好"), [], "an escaped ? is not optional")
        XCTAssertEqual(matches("a\\|b", in: "选a|b"), ["a|b"])
        XCTAssertEqual(matches("\\[急\\]", in: "[急]请处理"), ["[急]"])
        XCTAssertEqual(matches("1\\.5倍", in: "1.5倍"), ["1.5倍"])
        XCTAssertEqual(matches("\\^_\\^", in: "好的^_^"), ["^_^"])
        XCTAssertEqual(matches("100\\$", in: "100$"), ["100$"])
        XCTAssertEqual(matches("a\\\\b", in: "a\\b"), ["a\\b"])
    }

    func testFullWidthSyntaxCharactersWorkLikeHalfWidth() {
        XCTAssertEqual(matches("（你｜您）去问别人", in: "您去问别人"), ["您去问别人"])
        XCTAssertEqual(matches("［你您］自己", in: "你自己"), ["你自己"])
        XCTAssertEqual(matches("说了多少遍了？", in: "说了多少遍"), ["说了多少遍"])
        XCTAssertEqual(matches("您好＼？", in: "您好？"), ["您好？"])
    }

    func testPatternsAreFoldedLikeTheText() {
        XCTAssertEqual(matches("ATM", in: "去ＡＴＭ取"), ["ＡＴＭ"])
        XCTAssertEqual(matches("ＡＴＭ", in: "去atm取"), ["atm"])
        XCTAssertEqual(matches("這個不行", in: "这个不行"), ["这个不行"])
    }

    // MARK: Syntax errors

    func testUnclosedGroupPointsAtTheOpeningParenthesis() {
        XCTAssertEqual(syntaxError("(你|您去问别人")?.offset, 0)
        XCTAssertEqual(syntaxError("不要(你|您")?.offset, 2)
    }

    func testStrayClosingParenthesisIsReportedWhereItIs() {
        XCTAssertEqual(syntaxError("你|您)去问别人")?.offset, 3)
    }

    func testUnclosedCharacterClassIsAnError() {
        XCTAssertEqual(syntaxError("[你您自己")?.offset, 0)
        XCTAssertEqual(syntaxError("自己[]")?.offset, 2)
        XCTAssertEqual(syntaxError("自己]")?.offset, 2)
    }

    func testEmptyAlternativePointsAtItsBar() {
        XCTAssertEqual(syntaxError("不行|")?.offset, 2)
        XCTAssertEqual(syntaxError("|不行")?.offset, 0)
        XCTAssertEqual(syntaxError("(|不行)")?.offset, 1)
        if let e = syntaxError("不||行") { XCTAssertTrue([1, 2].contains(e.offset), "offset \(e.offset) is not at a “|”") }
    }

    func testPatternMayNotStartOrEndWithAGap() {
        XCTAssertEqual(syntaxError("…不行")?.offset, 0)
        XCTAssertEqual(syntaxError("...不行")?.offset, 0)
        XCTAssertEqual(syntaxError("(…不行|不可以)")?.offset, 0)
        XCTAssertNotNil(syntaxError("不行…"))
        XCTAssertNotNil(syntaxError("不行…{3}"))
    }

    func testPatternThatCanMatchNothingIsAnError() {
        XCTAssertEqual(syntaxError("")?.offset, 0)
        XCTAssertEqual(syntaxError("   ")?.offset, 0)
        XCTAssertEqual(syntaxError("不?")?.offset, 0)
        XCTAssertEqual(syntaxError("(不|行)?")?.offset, 0)
        XCTAssertEqual(syntaxError("^$")?.offset, 0)
        XCTAssertEqual(syntaxError("(请)?(您)?")?.offset, 0)
    }

    func testBadGapCountIsReportedAtTheBrace() {
        XCTAssertEqual(syntaxError("不…{0}行")?.offset, 2)
        XCTAssertEqual(syntaxError("不…{61}行")?.offset, 2)
        XCTAssertEqual(syntaxError("不…{}行")?.offset, 2)
        XCTAssertEqual(syntaxError("不…{x}行")?.offset, 2)
        XCTAssertEqual(syntaxError("不…{3行")?.offset, 2)
        XCTAssertEqual(syntaxError("不...{3行")?.offset, 4)
        XCTAssertEqual(syntaxError("不{3}行")?.offset, 1, "a brace without a gap")
    }

    func testMisplacedQuestionMarkAndTrailingBackslashAreErrors() {
        XCTAssertEqual(syntaxError("?不行")?.offset, 0)
        XCTAssertEqual(syntaxError("不行??")?.offset, 3)
        XCTAssertEqual(syntaxError("不…?行")?.offset, 2)
        XCTAssertEqual(syntaxError("不行\\")?.offset, 2)
    }

    func testValidPatternsParse() throws {
        for p in ["不行", "不行|不可以", "(你|您)去问别人", "说了多少遍了?", "[你您]自己", "你…自己…看", "保证…{4}到账",
                  "^签字$", "\\d\\d?分钟", "\\(", "（你｜您）", "a\\|b", "保证…{60}到账"] {
            XCTAssertNoThrow(try Pattern(p), p)
            XCTAssertEqual(try? Pattern(p).source, p)
        }
    }
}
