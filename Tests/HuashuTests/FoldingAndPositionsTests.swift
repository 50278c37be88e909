import XCTest
@testable import Huashu

/// The text layer: what the matcher reads (folded text) and where findings point
/// (the original text, in Unicode scalars, with 1-based lines and columns).
final class FoldingAndPositionsTests: XCTestCase {

    // MARK: Folding

    func testFullWidthLettersFoldToLowercaseASCII() {
        XCTAssertEqual(NormalizedText("ＡＴＭ").folded, "atm")
        XCTAssertEqual(NormalizedText("ATM").folded, "atm")
        XCTAssertEqual(NormalizedText("Ａｔｍ机").folded, "atm机")
    }

    func testFullWidthDigitsAndPunctuationFoldToHalfWidth() {
        XCTAssertEqual(NormalizedText("１２３").folded, "123")
        XCTAssertEqual(NormalizedText("（１）：好，行！？；").folded, "(1):好,行!?;")
        XCTAssertEqual(NormalizedText("ｗｗｗ．ｂａｎｋ．ｃｏｍ").folded, "www.bank.com")
        // The ideographic full stop and the enumeration comma are not full-width forms; they stay.
        XCTAssertEqual(NormalizedText("好。好、好").folded, "好。好、好")
    }

    func testTraditionalChineseFoldsToSimplified() {
        XCTAssertEqual(NormalizedText("這個").folded, "这个")
        XCTAssertEqual(NormalizedText("這個不行，請稍等").folded, "这个不行,请稍等")
        XCTAssertEqual(NormalizedText("銀行櫃檯").folded, "银行柜台")
    }

    func testSimplifiedTextAndEmojiAreUnchangedByFolding() {
        let text = "您好，请问有什么可以帮您😀👍🏽"
        XCTAssertEqual(NormalizedText(text).folded, "您好,请问有什么可以帮您😀👍🏽")
        XCTAssertEqual(NormalizedText("").folded, "")
    }

    func testFullWidthAndTraditionalTextMatchesSimplifiedPattern() throws {
        let analyzer = try TestBook.analyzer(TestBook.book(
            TestBook.rule("jargon.atm", category: "jargon", patterns: ["ATM机"]),
            TestBook.rule("refusal.this-no", patterns: ["这个不行"])))
        XCTAssertEqual(analyzer.matches("请去ＡＴＭ机办理"), ["ＡＴＭ机"])
        XCTAssertEqual(analyzer.matches("请去atm机办理"), ["atm机"])
        XCTAssertEqual(analyzer.matches("這個不行。"), ["這個不行"])
    }

    // MARK: Positions in the original text

    func testFindingSpansAreScalarOffsetsIntoTheOriginalText() throws {
        let analyzer = try TestBook.analyzer(TestBook.book(
            TestBook.rule("jargon.atm", category: "jargon", patterns: ["atm坏了"]),
            TestBook.rule("refusal.this-no", patterns: ["这个不行"]),
            TestBook.rule("refusal.no", patterns: ["不可以"])))
        let text = "Hi 😀👍🏽 ＡＴＭ坏了\n第二行：這個不行！１２３元\r\n3号窗口👍🏽不可以。"
        let findings = analyzer.analyze(text)
        let scalars = Array(text.unicodeScalars)
        XCTAssertEqual(findings.map(\.ruleID), ["jargon.atm", "refusal.this-no", "refusal.no"])
        guard findings.count == 3 else { return }

        // "Hi " (3) + 😀 (1) + 👍🏽 (2 scalars) + " " (1) = 7.
        XCTAssertEqual(findings[0].start, 7)
        XCTAssertEqual(findings[0].end, 12)
        XCTAssertEqual(findings[0].match, "ＡＴＭ坏了")
        XCTAssertEqual(findings[0].line, 1)
        XCTAssertEqual(findings[0].column, 8)

        // Line 1 is 12 scalars plus the newline; "第二行：" is 4 more.
        XCTAssertEqual(findings[1].start, 17)
        XCTAssertEqual(findings[1].end, 21)
        XCTAssertEqual(findings[1].match, "這個不行")
        XCTAssertEqual(findings[1].line, 2)
        XCTAssertEqual(findings[1].column, 5)

        // Line 2: "第二行：這個不行！１２３元" (13) + "\r\n" = 15 scalars, starting at 13 → line 3 starts at 28.
        // "3号窗口" (4) + 👍🏽 (2) = 6.
        XCTAssertEqual(findings[2].start, 34)
        XCTAssertEqual(findings[2].end, 37)
        XCTAssertEqual(findings[2].match, "不可以")
        XCTAssertEqual(findings[2].line, 3)
        XCTAssertEqual(findings[2].column, 7)

        for f in findings {
            XCTAssertEqual(String(String.UnicodeScalarView(scalars[f.start..<f.end])), f.match,
                           "start/end of \(f.ruleID) must cut the match out of the original text")
        }
    }

    func testSpansStayInTheOriginalWhenFoldingChangesTheLength() throws {
        // ㈱ folds to three scalars "(株)", ① to "1", ﬁ to "fi": offsets after them must not drift.
        let analyzer = try TestBook.analyzer(TestBook.book(TestBook.rule("refusal.no", patterns: ["不行"])))
        let findings = analyzer.analyze("㈱①ﬁ𠮷：不行")
        XCTAssertEqual(findings.count, 1)
        XCTAssertEqual(findings.first?.start, 5)
        XCTAssertEqual(findings.first?.end, 7)
        XCTAssertEqual(findings.first?.column, 6)
        XCTAssertEqual(findings.first?.match, "不行")
    }

    func testMatchOnFullWidthBracketsReportsTheOriginalCharacters() throws {
        // "ＡＴＭ" is three scalars, and the full-width "（" folds to "(": the original text is reported.
        let analyzer = try TestBook.analyzer(TestBook.book(
            TestBook.rule("jargon.atm", category: "jargon", patterns: ["\\(atm\\)"], boundary: "false")))
        let findings = analyzer.analyze("自助设备（ＡＴＭ）")
        XCTAssertEqual(findings.map(\.match), ["（ＡＴＭ）"])
        XCTAssertEqual(findings.first?.start, 4)
        XCTAssertEqual(findings.first?.end, 9)
    }

    func testLineAndColumnCountFromOneAndRestartOnEachLine() throws {
        let analyzer = try TestBook.analyzer(TestBook.book(TestBook.rule("refusal.no", patterns: ["不行"])))
        let text = "不行\n\n  ok，不行\n😀不行"
        let positions = analyzer.analyze(text).map { [$0.line, $0.column, $0.start] }
        XCTAssertEqual(positions, [[1, 1, 0], [3, 6, 9], [4, 2, 13]])
    }

    func testFoldingBytesAcceptsExactlyTheUTF8ThatSwiftAccepts() {
        // Edge cases of UTF-8, then random byte strings biased towards multi-byte sequences.
        var cases: [[UInt8]] = [
            [], [0x00], [0xC2, 0x80], [0xC1, 0xBF], [0xE0, 0xA0, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0x9F, 0xBF],
            [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE4, 0xBD], [0x80], [0xFF],
            Array("這個ＡＴＭ不行㈱……😀\r\n".utf8),
        ]
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 { seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17; return seed }
        let alphabet: [UInt8] = [0x41, 0x0A, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC2, 0xDF, 0xE0, 0xE4, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xBD, 0xA0]
        for _ in 0..<4000 { cases.append((0..<Int(next() % 7)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }) }
        for bytes in cases {
            let swift = String(validating: bytes, as: UTF8.self)
            let folded = NormalizedText(validatingUTF8: bytes)
            XCTAssertEqual(folded != nil, swift != nil, "\(bytes.map { String($0, radix: 16) })")
            if let swift, let folded {
                XCTAssertEqual(folded.scalars, NormalizedText(swift).scalars)
                XCTAssertEqual(folded.original.count, swift.unicodeScalars.count)
                XCTAssertEqual(folded.original.text(0..<folded.original.count), swift)
            }
        }
    }

    func testExpansionsLongerThanTheInputStillMapBack() throws {
        // U+FDFA (3 bytes) folds to 18 scalars: the folded text outgrows the byte count.
        let text = String(repeating: "\u{FDFA}", count: 40) + "不行"
        for n in [NormalizedText(text), try XCTUnwrap(NormalizedText(validatingUTF8: Array(text.utf8)))] {
            XCTAssertGreaterThan(n.scalars.count, text.utf8.count)
            XCTAssertEqual(n.originalRange((n.scalars.count - 2)..<n.scalars.count), 40..<42)
            XCTAssertEqual(n.original.text(40..<42), "不行")
        }
        let analyzer = try TestBook.analyzer(TestBook.book(TestBook.rule("refusal.no", patterns: ["不行"])))
        XCTAssertEqual(analyzer.analyze(text).map { [$0.start, $0.end, $0.column] }, [[40, 42, 41]])
    }

    func testNormalizedTextMapsFoldedRangesBackToTheOriginal() {
        let n = NormalizedText("ＡＴＭ這個😀")
        XCTAssertEqual(n.original.count, 6)
        XCTAssertEqual(n.original.text(3..<6), "這個😀")
        XCTAssertEqual(n.folded, "atm这个😀")
        XCTAssertEqual(n.originalRange(3..<5), 3..<5)
        XCTAssertEqual(n.originalRange(0..<6), 0..<6)
        let expanded = NormalizedText("㈱不")  // "(株)不"
        XCTAssertEqual(expanded.scalars.count, 4)
        XCTAssertEqual(expanded.originalRange(1..<2), 0..<1, "a scalar produced by an expansion maps back to its source")
        XCTAssertEqual(expanded.originalRange(3..<4), 1..<2)
    }

    // MARK: Tokenization

    func testTokenizationSplitsWordsInTheOriginalText() throws {
        let t = try Tokenization("這個ＡＴＭ不行使，１２３😀👍🏽好。")
        XCTAssertEqual(t.words.map(\.text), ["這個", "ＡＴＭ", "不", "行使", "，", "１２３", "😀", "👍🏽", "好", "。"])
        XCTAssertEqual(t.words.map(\.folded), ["这个", "atm", "不", "行使", ",", "123", "😀", "👍🏽", "好", "。"])
        XCTAssertEqual(t.words.map(\.start), [0, 2, 5, 6, 8, 9, 12, 13, 15, 16])
        XCTAssertEqual(t.words.map(\.end), [2, 5, 6, 8, 9, 12, 13, 15, 16, 17])
        XCTAssertEqual(t.words.first?.kind, "ideographic")
        XCTAssertEqual(t.words[1].kind, "word")
        XCTAssertEqual(t.words[5].kind, "number")
        XCTAssertEqual(t.words[4].kind, "other")
    }

    func testTokenizationSkipsSpacesButKeepsOffsets() throws {
        let t = try Tokenization("你好 hello 3.5元")
        XCTAssertEqual(t.words.map(\.text), ["你好", "hello", "3.5", "元"])
        XCTAssertEqual(t.words.map(\.start), [0, 3, 9, 12])
        XCTAssertEqual(t.words.map(\.kind), ["ideographic", "word", "number", "ideographic"])
    }

    func testTokenizationSplitsSentencesAtChinesePunctuationAndNewlines() throws {
        let text = "您好！請稍等。ＡＴＭ在左边😀👍🏽\n第二行 ok"
        let t = try Tokenization(text)
        XCTAssertEqual(t.sentences.map(\.text), ["您好！", "請稍等。", "ＡＴＭ在左边😀👍🏽\n", "第二行 ok"])
        XCTAssertEqual(t.sentences.map(\.start), [0, 3, 7, 17])
        XCTAssertEqual(t.sentences.map(\.end), [3, 7, 17, 23])
        XCTAssertEqual(t.sentences.last?.end, text.unicodeScalars.count)
    }

    func testTokenizationOfEmptyTextIsEmpty() throws {
        let t = try Tokenization("")
        XCTAssertTrue(t.words.isEmpty)
        XCTAssertTrue(t.sentences.isEmpty)
        XCTAssertFalse(Tokenization.icuVersion.isEmpty)
    }

    func testZeroWidthCharactersDoNotHideAPhrase() throws {
        // NFKC with case folding drops default-ignorable characters such as U+200B.
        let analyzer = try TestBook.analyzer(TestBook.book(TestBook.rule("refusal.no", patterns: ["不行"])))
        let findings = analyzer.analyze("这个不\u{200B}行。")
        XCTAssertEqual(findings.map(\.match), ["不\u{200B}行"])
        XCTAssertEqual(findings.first.map { [$0.start, $0.end] }, [2, 5])
    }

    func testOneCharacterThatFoldsToSeveralIsOneToken() throws {
        let t = try Tokenization("㈱不行")
        XCTAssertEqual(t.words.map(\.text), ["㈱", "不行"])
        XCTAssertEqual(t.words.first?.folded, "(株)")
        XCTAssertEqual(t.words.map(\.start), [0, 1])
    }
}
