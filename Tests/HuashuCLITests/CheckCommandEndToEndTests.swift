import Foundation
import XCTest

/// `huashu check` and `huashu tokenize` as a user runs them: a subprocess with
/// files, standard input, output formats, colours and exit statuses.
final class CheckCommandEndToEndTests: XCTestCase {
    /// A book whose rule ids and messages the assertions spell out.
    static let book = """
    rules:
      - id: refusal.flat-no
        category: refusal
        severity: warning
        message: 不要直接说“不行”：说明原因并给出办法。
        source: 柜面服务规范·服务忌语
        patterns: [不行]
        suggestions:
          - text: 很抱歉，这项业务暂时无法办理，我帮您看看还有什么其他办法。
            tag: alternative
      - id: rude.insult
        category: rude
        severity: error
        message: 不得辱骂客户。
        patterns: [神经病]
        suggestions:
          - text: 请您别着急，我来帮您处理。
            tag: empathy
      - id: vague-wait.wait
        category: vague-wait
        severity: info
        message: 说明需要等多久。
        patterns: [等一下]

    """

    private var directory: URL!

    override func setUpWithError() throws {
        directory = try HuashuBinary.temporaryDirectory(self)
        try write("book.yaml", Self.book)
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: HuashuBinary.url.path), "no huashu binary at \(HuashuBinary.url.path)")
    }

    @discardableResult
    private func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    private func write(_ name: String, _ data: Data) throws -> String {
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    /// `huashu check --no-default --phrasebook book.yaml …` in the scratch directory.
    private func check(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> HuashuBinary.Result {
        try HuashuBinary.run(["check", "--no-default", "--phrasebook", "book.yaml"] + arguments,
                             stdin: stdin.map { Data($0.utf8) }, in: directory, environment: environment)
    }

    private static let escape = "\u{1B}["

    // MARK: Text report

    func testTextReportIsCompilerStyleWithUnderlineAndSuggestion() throws {
        try write("draft.txt", "您好。\n这个不行，您等一下。\n")
        let r = try check(["draft.txt"])
        XCTAssertEqual(r.status, 1, r.diagnostics)
        let expected = """
        draft.txt:2:3: warning: 不要直接说“不行”：说明原因并给出办法。 [refusal.flat-no]
            这个不行，您等一下。
                ^^^^
            建议：很抱歉，这项业务暂时无法办理，我帮您看看还有什么其他办法。
            依据：柜面服务规范·服务忌语
        draft.txt:2:7: info: 说明需要等多久。 [vague-wait.wait]
            这个不行，您等一下。
                        ^^^^^^

        """
        XCTAssertTrue(r.stdout.hasPrefix(expected), "got:\n\(r.stdout)")
        XCTAssertTrue(r.stdoutLines.last?.contains("2 个问题") ?? false, r.stdout)
        XCTAssertFalse(r.stdout.contains(Self.escape), "no colour when stdout is not a terminal")
        XCTAssertEqual(r.stderr, "")
    }

    func testNoColourWhenStdoutIsNotATerminalEvenWithColorAuto() throws {
        for arguments in [[], ["--color", "auto"], ["--color", "never"]] {
            let r = try check(arguments, stdin: "神经病")
            XCTAssertEqual(r.status, 1, r.diagnostics)
            XCTAssertTrue(r.stdout.contains("<stdin>:1:1: error: 不得辱骂客户。 [rude.insult]"), r.stdout)
            XCTAssertFalse(r.stdout.contains(Self.escape), "\(arguments): \(r.stdout)")
        }
    }

    func testColorAlwaysColoursTheReport() throws {
        let r = try check(["--color", "always"], stdin: "神经病")
        XCTAssertEqual(r.status, 1, r.diagnostics)
        XCTAssertTrue(r.stdout.contains("\u{1B}[31merror\u{1B}[0m"), r.stdout)
        XCTAssertTrue(r.stdout.contains("[rude.insult]"), r.stdout)
    }

    func testColourOnATerminalUnlessNoColorIsSet() throws {
        let arguments = ["check", "--no-default", "--phrasebook", "book.yaml"]
        let tty = try HuashuBinary.runOnTerminal(arguments, stdin: Data("神经病".utf8), in: directory)
        XCTAssertEqual(tty.status, 1, tty.output)
        XCTAssertTrue(tty.output.contains(Self.escape), "--color auto colours a terminal:\n\(tty.output)")
        let noColor = try HuashuBinary.runOnTerminal(arguments, stdin: Data("神经病".utf8), in: directory, environment: ["NO_COLOR": "1"])
        XCTAssertEqual(noColor.status, 1, noColor.output)
        XCTAssertTrue(noColor.output.contains("[rude.insult]"), noColor.output)
        XCTAssertFalse(noColor.output.contains(Self.escape), "NO_COLOR turns colour off:\n\(noColor.output)")
        let never = try HuashuBinary.runOnTerminal(arguments + ["--color", "never"], stdin: Data("神经病".utf8), in: directory)
        XCTAssertFalse(never.output.contains(Self.escape), never.output)
    }

    // MARK: JSON

    func testJSONReportHasFilesFindingsAndSummary() throws {
        try write("a.txt", "这个不行。\n神经病")
        try write("b.txt", "您好。")
        let r = try check(["--format", "json", "a.txt", "b.txt"])
        XCTAssertEqual(r.status, 1, r.diagnostics)
        let json = try XCTUnwrap(r.json, "not one JSON document:\n\(r.stdout)")
        let files = try XCTUnwrap(json["files"] as? [[String: Any]])
        XCTAssertEqual(files.compactMap { $0["path"] as? String }, ["a.txt", "b.txt"])
        let findings = try XCTUnwrap(files.first?["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.compactMap { $0["rule"] as? String }, ["refusal.flat-no", "rude.insult"])
        let first = try XCTUnwrap(findings.first)
        XCTAssertEqual(first["category"] as? String, "refusal")
        XCTAssertEqual(first["severity"] as? String, "warning")
        XCTAssertEqual(first["start"] as? Int, 2)
        XCTAssertEqual(first["end"] as? Int, 4)
        XCTAssertEqual(first["line"] as? Int, 1)
        XCTAssertEqual(first["column"] as? Int, 3)
        XCTAssertEqual(first["match"] as? String, "不行")
        XCTAssertEqual(first["message"] as? String, "不要直接说“不行”：说明原因并给出办法。")
        XCTAssertEqual(first["suggestions"] as? [String], ["很抱歉，这项业务暂时无法办理，我帮您看看还有什么其他办法。"])
        XCTAssertEqual(first["source"] as? String, "柜面服务规范·服务忌语")
        let second = try XCTUnwrap(findings.last)
        XCTAssertEqual(second["line"] as? Int, 2)
        XCTAssertEqual(second["column"] as? Int, 1)
        XCTAssertEqual(second["start"] as? Int, 6)
        XCTAssertEqual((files.last?["findings"] as? [Any])?.count, 0)
        let summary = try XCTUnwrap(json["summary"] as? [String: Any])
        XCTAssertEqual(summary["texts"] as? Int, 2)
        XCTAssertEqual(summary["findings"] as? Int, 2)
        XCTAssertEqual(summary["by_category"] as? [String: Int], ["refusal": 1, "rude": 1])
    }

    func testJSONLReportHasOneLinePerFileInOrder() throws {
        try write("a.txt", "神经病")
        try write("b.txt", "您好。")
        let r = try check(["--format", "jsonl", "b.txt", "a.txt", "-"], stdin: "您等一下")
        XCTAssertEqual(r.status, 1, r.diagnostics)
        XCTAssertEqual(r.stdoutLines.count, 3, r.stdout)
        let records = r.jsonLines
        XCTAssertEqual(records.compactMap { $0["id"] as? String }, ["b.txt", "a.txt", "<stdin>"])
        XCTAssertEqual(records.map { ($0["findings"] as? [[String: Any]])?.compactMap { $0["rule"] as? String } ?? ["?"] },
                       [[], ["rude.insult"], ["vague-wait.wait"]])
    }

    // MARK: Standard input and exit statuses

    func testStandardInputIsCheckedWithoutAFileOrWithDash() throws {
        let implicit = try check([], stdin: "这个不行。")
        XCTAssertEqual(implicit.status, 1, implicit.diagnostics)
        XCTAssertTrue(implicit.stdout.hasPrefix("<stdin>:1:3: warning: "), implicit.stdout)
        let dash = try check(["-"], stdin: "这个不行。")
        XCTAssertEqual(dash.stdout, implicit.stdout)
    }

    func testExitStatusFollowsFailOn() throws {
        XCTAssertEqual(try check([], stdin: "您好，请问有什么可以帮您？").status, 0, "clean text")
        XCTAssertEqual(try check([], stdin: "这个不行。").status, 1, "a warning fails by default")
        XCTAssertEqual(try check([], stdin: "您等一下。").status, 0, "an info finding does not fail by default")
        XCTAssertEqual(try check(["--fail-on", "info"], stdin: "您等一下。").status, 1)
        XCTAssertEqual(try check(["--fail-on", "error"], stdin: "这个不行。").status, 0, "a warning is below --fail-on error")
        XCTAssertEqual(try check(["--fail-on", "error"], stdin: "神经病").status, 1)
        XCTAssertEqual(try check(["--fail-on", "never"], stdin: "神经病，不行").status, 0)
        let never = try check(["--fail-on", "never"], stdin: "神经病")
        XCTAssertTrue(never.stdout.contains("[rude.insult]"), "--fail-on never still reports")
    }

    func testUsageErrorsExitTwo() throws {
        let unknown = try check(["--frobnicate"], stdin: "不行")
        XCTAssertEqual(unknown.status, 2, unknown.diagnostics)
        XCTAssertFalse(unknown.stderr.isEmpty)
        XCTAssertEqual(try check(["--format", "xml"], stdin: "不行").status, 2)
        XCTAssertEqual(try check(["--fail-on", "sometimes"], stdin: "不行").status, 2)
        XCTAssertEqual(try check(["-", "-"], stdin: "不行").status, 2, "standard input only once")
    }

    func testNoDefaultWithoutPhrasebookExitsTwo() throws {
        let r = try HuashuBinary.run(["check", "--no-default"], stdin: Data("不行".utf8), in: directory)
        XCTAssertEqual(r.status, 2, r.diagnostics)
        XCTAssertTrue(r.stderr.contains("--phrasebook"), r.stderr)
        XCTAssertEqual(r.stdout, "")
    }

    func testBrokenPhrasebookExitsTwoWithFileLineAndColumn() throws {
        try write("broken.yaml", "rules:\n  - id: refusal.no\n    category: refusals\n    message: 不要\n    patterns: [不行]\n")
        let r = try HuashuBinary.run(["check", "--no-default", "--phrasebook", "broken.yaml"], stdin: Data("不行".utf8), in: directory)
        XCTAssertEqual(r.status, 2, r.diagnostics)
        XCTAssertTrue(r.stderr.contains("broken.yaml:3:15: 错误: "), r.stderr)
        XCTAssertEqual(r.stdout, "", "nothing is checked with a broken book")
        // Added to the built-in book, the broken file fails the same way.
        let added = try HuashuBinary.run(["check", "--phrasebook", "broken.yaml"], stdin: Data("不行".utf8), in: directory)
        XCTAssertEqual(added.status, 2, added.diagnostics)
        XCTAssertTrue(added.stderr.contains("broken.yaml:3:15: 错误: "), added.stderr)
        let missing = try HuashuBinary.run(["check", "--no-default", "--phrasebook", "nope.yaml"], stdin: Data("不行".utf8), in: directory)
        XCTAssertEqual(missing.status, 2, missing.diagnostics)
        XCTAssertTrue(missing.stderr.contains("nope.yaml"), missing.stderr)
    }

    func testMissingFileExitsTwoAndOtherFilesAreStillChecked() throws {
        try write("a.txt", "神经病")
        let r = try check(["missing.txt", "a.txt"])
        XCTAssertEqual(r.status, 2, r.diagnostics)
        XCTAssertTrue(r.stderr.contains("missing.txt"), r.stderr)
        XCTAssertTrue(r.stdout.contains("a.txt:1:1: error:"), r.stdout)
    }

    // MARK: Awkward input

    func testInvalidUTF8FileNamesTheByteOffsetAndExitsTwo() throws {
        try write("bad.txt", Data("你好\n不行".utf8) + Data([0xFF, 0xFE]))
        try write("good.txt", "神经病")
        let r = try check(["bad.txt", "good.txt"])
        XCTAssertEqual(r.status, 2, r.diagnostics)
        // "你好\n" is 7 bytes and "不行" 6 more: the first bad byte is byte 13, on line 2, column 3.
        XCTAssertTrue(r.stderr.contains("bad.txt:2:3:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("13"), r.stderr)
        XCTAssertTrue(r.stderr.contains("UTF-8"), r.stderr)
        XCTAssertTrue(r.stdout.contains("good.txt:1:1: error:"), "the next file is still checked:\n\(r.stdout)")
        XCTAssertFalse(r.stdout.contains("bad.txt:"), r.stdout)
    }

    func testInvalidUTF8OnStandardInputExitsTwo() throws {
        let r = try HuashuBinary.run(["check", "--no-default", "--phrasebook", "book.yaml"], stdin: Data([0xE4, 0xB8]), in: directory)
        XCTAssertEqual(r.status, 2, r.diagnostics)
        XCTAssertTrue(r.stderr.contains("<stdin>:1:1:"), r.stderr)
    }

    func testEmptyInputIsCleanInEveryFormat() throws {
        try write("empty.txt", "")
        let text = try check(["empty.txt"])
        XCTAssertEqual(text.status, 0, text.diagnostics)
        XCTAssertFalse(text.stdout.contains("empty.txt:"), text.stdout)
        let fromStdin = try check([], stdin: "")
        XCTAssertEqual(fromStdin.status, 0, fromStdin.diagnostics)
        let json = try check(["--format", "json", "empty.txt"])
        XCTAssertEqual(json.status, 0, json.diagnostics)
        XCTAssertEqual(((json.json?["files"] as? [[String: Any]])?.first?["findings"] as? [Any])?.count, 0, json.stdout)
        let jsonl = try check(["--format", "jsonl"], stdin: "")
        XCTAssertEqual(jsonl.status, 0, jsonl.diagnostics)
        XCTAssertEqual(jsonl.jsonLines.count, 1, jsonl.stdout)
        XCTAssertEqual((jsonl.jsonLines.first?["findings"] as? [Any])?.count, 0)
    }

    func testNULBytesAreOrdinaryCharacters() throws {
        let r = try check(["--format", "jsonl"], stdin: "不行\u{0}神经病\u{0}")
        XCTAssertEqual(r.status, 1, r.diagnostics)
        let findings = try XCTUnwrap(r.jsonLines.first?["findings"] as? [[String: Any]], r.stdout)
        XCTAssertEqual(findings.compactMap { $0["rule"] as? String }, ["refusal.flat-no", "rude.insult"])
        XCTAssertEqual(findings.compactMap { $0["column"] as? Int }, [1, 4])
        let text = try check([], stdin: "不行\u{0}神经病")
        XCTAssertEqual(text.status, 1, text.diagnostics)
        XCTAssertTrue(text.stdout.contains("<stdin>:1:4: error:"), text.stdout)
    }

    func testFiftyMegabyteSingleLineFinishes() throws {
        // One ~50 MB line of ordinary counter talk, with a finding at the start, in the middle and at the end.
        let sentence = "您好，请问有什么可以帮您？我们会尽快为您处理这笔业务，请您核对一下信息。"
        let count = 50_000_000 / sentence.utf8.count
        var text = "不行。"
        text.reserveCapacity(count * sentence.utf8.count + 64)
        for i in 0..<count {
            text += sentence
            if i == count / 2 { text += "神经病！" }
        }
        text += "您等一下"
        let scalars = text.unicodeScalars.count
        let path = try write("big.txt", text)
        text = ""
        let r = try HuashuBinary.run(["check", "--no-default", "--phrasebook", "book.yaml", "--format", "jsonl", path],
                                     in: directory, timeout: 120)
        XCTAssertFalse(r.timedOut, "a 50 MB line did not finish within 120 s")
        XCTAssertEqual(r.status, 1, r.diagnostics)
        let findings = try XCTUnwrap(r.jsonLines.first?["findings"] as? [[String: Any]], r.diagnostics)
        XCTAssertEqual(findings.compactMap { $0["rule"] as? String }, ["refusal.flat-no", "rude.insult", "vague-wait.wait"])
        XCTAssertEqual(findings.last?["start"] as? Int, scalars - 3)
        XCTAssertEqual(findings.last?["line"] as? Int, 1)
        XCTAssertEqual(findings.last?["column"] as? Int, scalars - 2)
        XCTAssertLessThan(r.elapsed, 20, "checking one 50 MB line took \(Int(r.elapsed)) s")
    }

    func testFiftyMegabyteLineWithAFindingInEveryFewSentencesFinishes() throws {
        // A long line with many findings: one in every ~450 bytes (about 110 000 findings).
        let sentence = "您好，请问有什么可以帮您？我们会尽快为您处理这笔业务，请您核对一下信息。"
        let unit = String(repeating: sentence, count: 4) + "这个不行。"
        let count = 50_000_000 / unit.utf8.count
        let path = try write("dense.txt", String(repeating: unit, count: count))
        let r = try HuashuBinary.run(["check", "--no-default", "--phrasebook", "book.yaml", "--format", "json", path],
                                     in: directory, timeout: 120)
        XCTAssertFalse(r.timedOut, "a 50 MB line with \(count) findings did not finish within 120 s")
        guard !r.timedOut else { return }
        XCTAssertEqual(r.status, 1, String(r.diagnostics.prefix(500)))
        let summary = r.json?["summary"] as? [String: Any]
        XCTAssertEqual(summary?["findings"] as? Int, count)
        XCTAssertLessThan(r.elapsed, 30, "checking a 50 MB line with \(count) findings took \(Int(r.elapsed)) s")
    }

    // MARK: --input-format jsonl

    func testJSONLInputEchoesIDsInOrderAndReportsBadLines() throws {
        var data = Data()
        data += Data(#"{"id":"a","text":"这个不行"}"#.utf8) + Data([0x0A])
        data += Data(#"{"id":7,"text":"您好"}"#.utf8) + Data([0x0A])
        data += Data("not json".utf8) + Data([0x0A])
        data += Data(#"{"id":"c","text":"不"#.utf8) + Data([0xFF]) + Data(#"行"}"#.utf8) + Data([0x0A])
        data += Data(#"{"id":"d"}"#.utf8) + Data([0x0A])
        data += Data([0x0A])
        data += Data(#"{"id":"e","text":"神经病"}"#.utf8) + Data([0x0A])
        data += Data(#"{"text":"不行"}"#.utf8) + Data([0x0A])
        data += Data(#"{"id":"g","text":"您等一下\u0000"}"#.utf8)
        try write("records.jsonl", data)
        let r = try check(["--input-format", "jsonl", "--format", "jsonl", "records.jsonl"])
        XCTAssertEqual(r.status, 2, "bad records are input errors:\n\(r.diagnostics)")
        let records = r.jsonLines
        XCTAssertEqual(records.count, 8, r.stdout)
        guard records.count == 8 else { return }
        func id(_ k: Int) -> String { "\(records[k]["id"] ?? "nil")" }
        XCTAssertEqual((0..<8).map(id), ["a", "7", "3", "4", "d", "e", "8", "g"])
        XCTAssertEqual((records[0]["findings"] as? [[String: Any]])?.first?["rule"] as? String, "refusal.flat-no")
        XCTAssertNil(records[1]["error"])
        XCTAssertNotNil(records[2]["error"], "not JSON")
        XCTAssertTrue((records[3]["error"] as? String)?.contains("UTF-8") ?? false, "invalid UTF-8 line: \(records[3])")
        XCTAssertTrue((records[4]["error"] as? String)?.contains("text") ?? false, "missing text: \(records[4])")
        XCTAssertEqual((records[5]["findings"] as? [[String: Any]])?.first?["rule"] as? String, "rude.insult",
                       "processing continues after bad lines")
        XCTAssertEqual((records[7]["findings"] as? [[String: Any]])?.first?["rule"] as? String, "vague-wait.wait")
        XCTAssertTrue(r.stderr.contains("records.jsonl"), r.stderr)
    }

    func testJSONOutputBytesAreStableForEscapedIDs() throws {
        try write("r.jsonl", #"{"id":"q\"\\\u2028\u0007","text":"不行"}"# + "\n" + #"{"id":[1,-2.5,null],"text":"这个\t不行"}"# + "\n")
        let finding = #""rule":"refusal.flat-no","category":"refusal","severity":"warning","start":%d,"end":%d,"line":1,"column":%d,"#
            + #""match":"不行","message":"不要直接说“不行”：说明原因并给出办法。","#
            + #""suggestions":["很抱歉，这项业务暂时无法办理，我帮您看看还有什么其他办法。"],"source":"柜面服务规范·服务忌语""#
        let first = #"{"id":"q\"\\\u2028\u0007","findings":[{"# + String(format: finding, 0, 2, 1) + "}]}"
        let second = #"{"id":[1,-2.5,null],"findings":[{"# + String(format: finding, 3, 5, 4) + "}]}"
        let jsonl = try check(["--input-format", "jsonl", "--format", "jsonl", "r.jsonl"])
        XCTAssertEqual(jsonl.stdout, first + "\n" + second + "\n")
        let json = try check(["--input-format", "jsonl", "--format", "json", "r.jsonl"])
        XCTAssertEqual(json.stdout, #"{"records":["# + first + "," + second
            + #"],"summary":{"texts":2,"findings":2,"by_category":{"refusal":2}}}"# + "\n")
    }

    func testJSONLInputThatCannotBeReadExitsTwo() throws {
        let r = try check(["--input-format", "jsonl", "--format", "jsonl", directory.path])
        XCTAssertEqual(r.status, 2, r.diagnostics)
        XCTAssertTrue(r.stderr.contains("无法读取文件"), r.stderr)
    }

    func testJSONLInputFromStandardInputKeepsOrderAcrossBatches() throws {
        // More records than one parallel batch, each with its index in the text.
        let n = 700
        var lines: [String] = []
        for i in 0..<n { lines.append(#"{"id":"r\#(i)","text":"#  + (i % 3 == 0 ? #""第\#(i)条，这个不行""# : #""第\#(i)条，您好""#) + "}") }
        let r = try HuashuBinary.run(["check", "--no-default", "--phrasebook", "book.yaml", "--input-format", "jsonl", "--format", "jsonl"],
                                     stdin: Data((lines.joined(separator: "\n") + "\n").utf8), in: directory)
        XCTAssertEqual(r.status, 1, r.diagnostics)
        let records = r.jsonLines
        XCTAssertEqual(records.compactMap { $0["id"] as? String }, (0..<n).map { "r\($0)" })
        let flagged = records.enumerated().filter { !(($0.element["findings"] as? [Any])?.isEmpty ?? true) }.map(\.offset)
        XCTAssertEqual(flagged, stride(from: 0, to: n, by: 3).map { $0 })
    }

    // MARK: The built-in book

    func testBuiltInBookFlagsUnmistakableRudeness() throws {
        let rude = try HuashuBinary.run(["check", "--format", "jsonl"], stdin: Data("你等一下，神经病！这个不行。".utf8), in: directory)
        XCTAssertEqual(rude.status, 1, rude.diagnostics)
        let findings = rude.jsonLines.first?["findings"] as? [Any] ?? []
        XCTAssertFalse(findings.isEmpty, rude.stdout)
        let polite = try HuashuBinary.run(["check"], stdin: Data("您好，请问有什么可以帮您？".utf8), in: directory)
        XCTAssertEqual(polite.status, 0, polite.diagnostics)
    }

    // MARK: tokenize

    func testTokenizeShowsFoldedTextWordsAndSentences() throws {
        let r = try HuashuBinary.run(["tokenize", "這個ＡＴＭ不行使。請稍等"], in: directory)
        XCTAssertEqual(r.status, 0, r.diagnostics)
        XCTAssertEqual(r.stdoutLines, [
            "原文：這個ＡＴＭ不行使。請稍等",
            "规范化：这个atm不行使。请稍等",
            "词（7）：這個 | ＡＴＭ | 不 | 行使 | 。 | 請 | 稍等",
            "句1：這個ＡＴＭ不行使。",
            "句2：請稍等",
        ])
    }

    func testTokenizeJSONHasOffsetsInTheOriginalText() throws {
        let r = try HuashuBinary.run(["tokenize", "--format", "json"], stdin: Data("您好😀👍🏽 ok".utf8), in: directory)
        XCTAssertEqual(r.status, 0, r.diagnostics)
        let json = try XCTUnwrap(r.json, r.stdout)
        XCTAssertEqual(json["text"] as? String, "您好😀👍🏽 ok")
        XCTAssertEqual(json["normalized"] as? String, "您好😀👍🏽 ok")
        let words = try XCTUnwrap(json["words"] as? [[String: Any]])
        XCTAssertEqual(words.compactMap { $0["text"] as? String }, ["您好", "😀", "👍🏽", "ok"])
        XCTAssertEqual(words.compactMap { $0["start"] as? Int }, [0, 2, 3, 6])
        XCTAssertEqual(words.compactMap { $0["end"] as? Int }, [2, 3, 5, 8])
        XCTAssertEqual(words.compactMap { $0["kind"] as? String }, ["ideographic", "other", "other", "word"])
        let sentences = try XCTUnwrap(json["sentences"] as? [[String: Any]])
        XCTAssertEqual(sentences.count, 1)
        XCTAssertEqual(sentences.first?["end"] as? Int, 8)
    }
}
