import Foundation
import XCTest

/// Runs the built `huashu` binary for the `review` command tests (as a
/// subprocess, with optional standard input) and decodes its JSON output.
enum ReviewCLI {
    struct Result {
        var status: Int32
        var stdoutData: Data
        var stderr: String
        var stdout: String { String(decoding: stdoutData, as: UTF8.self) }

        /// The `--format jsonl` output, one object per call.
        var calls: [[String: Any]] {
            stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }

        /// The `--format json`/`sarif` document.
        var document: [String: Any]? { try? JSONSerialization.jsonObject(with: stdoutData) as? [String: Any] }

        var diagnostics: String { "exit \(status)\n--- stderr\n\(stderr)\n--- stdout\n\(stdout.prefix(4000))" }
    }

    /// The binary under test, found as for the other end-to-end tests.
    static var binary: URL { HuashuBinary.url }

    /// The repository root (this file is Tests/HuashuCLITests/ReviewCLITests.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/HuashuTests/Fixtures/review")

    static func fixture(_ path: String) -> String { fixtures.appendingPathComponent(path).path }

    /// Runs `huashu review <arguments>`; `stdin` nil means /dev/null. Standard input
    /// is written and both outputs are drained concurrently, so large inputs and
    /// outputs cannot deadlock on a full pipe.
    static func review(_ arguments: [String], stdin: Data? = nil, in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["review"] + arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin == nil ? FileHandle.nullDevice : inPipe
        try process.run()
        let group = DispatchGroup()
        if let stdin {
            DispatchQueue.global().async(group: group) {
                try? inPipe.fileHandleForWriting.write(contentsOf: stdin)
                try? inPipe.fileHandleForWriting.close()
            }
        }
        nonisolated(unsafe) var errData = Data()
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdoutData: outData, stderr: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryDirectory(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("huashu-review-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// One JSONL call line from (speaker, text) pairs.
    static func callLine(_ id: String, agent: String? = nil, _ turns: [(String, String)]) -> String {
        var object: [String: Any] = ["id": id, "turns": turns.map { ["speaker": $0.0, "text": $0.1] }]
        if let agent { object["agent"] = agent }
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    static func jsonl(_ lines: [String]) -> Data { Data((lines.joined(separator: "\n") + "\n").utf8) }

    // Accessors for decoded calls.
    static func findings(_ call: [String: Any]) -> [[String: Any]] { call["findings"] as? [[String: Any]] ?? [] }
    /// Findings on turns (not call-level missing steps).
    static func turnFindings(_ call: [String: Any]) -> [[String: Any]] { findings(call).filter { $0["category"] as? String != "structure" } }
    static func categories(_ call: [String: Any]) -> [String] { turnFindings(call).compactMap { $0["category"] as? String } }
    static func missing(_ call: [String: Any]) -> [String] { call["missing"] as? [String] ?? [] }
    static func score(_ call: [String: Any]) -> Double? { (call["score"] as? NSNumber)?.doubleValue }
    static func id(_ call: [String: Any]) -> String { call["id"] as? String ?? "?" }
    static func byID(_ calls: [[String: Any]]) -> [String: [String: Any]] {
        Dictionary(calls.map { (id($0), $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Points deducted per missing step, read from the `scoring:` section of the built-in cues.yaml.
    static func missingDeductions() throws -> [String: Double] {
        let yaml = try String(contentsOf: root.appendingPathComponent("phrasebooks/zh-CN/cues.yaml"), encoding: .utf8)
        guard let line = yaml.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("missing: {") }),
              let open = line.firstIndex(of: "{"), let close = line.lastIndex(of: "}") else {
            throw XCTSkip("cues.yaml has no one-line `missing: {…}` scoring map")
        }
        var out: [String: Double] = [:]
        for pair in line[line.index(after: open)..<close].split(separator: ",") {
            let kv = pair.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            if kv.count == 2, let v = Double(kv[1]) { out[kv[0]] = v }
        }
        return out
    }
}

final class ReviewCLITests: XCTestCase {
    typealias CLI = ReviewCLI

    /// The same conversation in every input format: one staff deflection (不归我管),
    /// customer traps (不行、神经病、你等着) and all required steps present.
    static let formatFiles: [(file: String, id: String)] = [
        ("calls/text/fullwidth.txt", "fullwidth"),
        ("calls/text/halfwidth.txt", "halfwidth"),
        ("calls/calls.jsonl", "J-001"),
        ("calls/subtitles/vtt-call.vtt", "vtt-call"),
        ("calls/subtitles/srt/srt-call.srt", "srt-call"),
        ("calls/sheets/calls.csv", "C-001"),
    ]

    // MARK: - Input formats

    func testEveryInputFormatGivesTheSameReview() throws {
        for (file, id) in Self.formatFiles {
            let r = try CLI.review([CLI.fixture(file), "--format", "jsonl"])
            XCTAssertEqual(r.status, 1, "\(file): a warning fails with the default --fail-on\n\(r.diagnostics)")
            XCTAssertEqual(r.calls.count, 1, "\(file)\n\(r.diagnostics)")
            guard let call = r.calls.first else { continue }
            XCTAssertEqual(CLI.id(call), id, file)
            XCTAssertEqual(CLI.score(call), 95, file)
            XCTAssertEqual(CLI.missing(call), [], file)
            let findings = CLI.findings(call)
            XCTAssertEqual(findings.count, 1, "\(file): \(findings)")
            XCTAssertEqual(findings.first?["category"] as? String, "deflection", file)
            XCTAssertEqual(findings.first?["match"] as? String, "不归我管", file)
            XCTAssertEqual(findings.first?["turn"] as? Int, 2, "\(file): the third turn (0-based 2)")
            XCTAssertNotEqual(findings.first?["speaker"] as? String, "客户", file)
            XCTAssertEqual((call["origin"] as? String)?.hasPrefix(CLI.fixture(file)), true, "\(file): origin \(call["origin"] ?? "nil")")
        }
    }

    func testTimestampsAndMetadataSurviveEachFormat() throws {
        let expectations: [String: (agent: String?, channel: String?, startTime: Double?)] = [
            "fullwidth": ("A07", "counter", nil),
            "halfwidth": ("A07", "counter", 9),
            "J-001": ("A07", "phone", 9),
            "vtt-call": (nil, nil, 9),
            "srt-call": (nil, nil, 9),
            "C-001": ("A07", "counter", 9),
        ]
        let r = try CLI.review([CLI.fixture("calls"), "--format", "jsonl"])
        for (id, call) in CLI.byID(r.calls) {
            guard let e = expectations[id] else { XCTFail("unexpected call \(id)"); continue }
            XCTAssertEqual(call["agent"] as? String, e.agent, id)
            XCTAssertEqual(call["channel"] as? String, e.channel, id)
            XCTAssertEqual((CLI.findings(call).first?["start_time"] as? NSNumber)?.doubleValue, e.startTime, id)
        }
    }

    func testLabelledTextWithFullAndHalfWidthColonsFromStandardInput() throws {
        let text = "坐席：您好，请问办理什么业务？\n客户:我要取钱。\nAgent: 这个办不了。\nCustomer : 好吧。\n柜员:请慢走，再见。\n"
        let r = try CLI.review(["--format", "jsonl"], stdin: Data(text.utf8))
        XCTAssertEqual(r.status, 1, r.diagnostics)
        guard let call = r.calls.first else { return XCTFail(r.diagnostics) }
        XCTAssertEqual(r.calls.count, 1)
        XCTAssertEqual(CLI.id(call), "stdin")
        XCTAssertEqual(CLI.categories(call), ["refusal"])
        XCTAssertEqual(CLI.turnFindings(call).first?["turn"] as? Int, 2)
        XCTAssertEqual(CLI.turnFindings(call).first?["speaker"] as? String, "Agent")
        XCTAssertEqual(CLI.missing(call), ["commitment"], "a flat refusal leaves the issue open")
    }

    func testExplicitInputFormatAndExtraStaffLabel() throws {
        let dir = try CLI.temporaryDirectory(self)
        let log = dir.appendingPathComponent("call.log")
        try "小李：您好，请问办理什么业务？\n客户：开户。\n小李：你等一下。\n客户：好。\n小李：让您久等了，请慢走，再见。\n".write(to: log, atomically: true, encoding: .utf8)
        // 小李 is not a known label: context only, so nothing is judged.
        let unknown = try CLI.review([log.path, "--input-format", "text", "--format", "jsonl"])
        XCTAssertEqual(unknown.calls.count, 0, unknown.diagnostics)
        XCTAssertTrue(unknown.stdout.isEmpty)
        let r = try CLI.review([log.path, "--input-format", "text", "--staff-label", "小李", "--format", "jsonl"])
        guard let call = r.calls.first else { return XCTFail(r.diagnostics) }
        XCTAssertEqual(Set(CLI.categories(call)), ["impolite", "vague-wait"])
        XCTAssertEqual(CLI.missing(call), [])
        let bad = try CLI.review([log.path, "--input-format", "docx"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("docx"), bad.stderr)
    }

    func testDirectoryIsWalkedRecursivelyInSortedOrder() throws {
        let r = try CLI.review([CLI.fixture("calls"), "--format", "jsonl"])
        XCTAssertEqual(r.status, 1, r.diagnostics)
        // calls.jsonl, sheets/, subtitles/{srt/, vtt-call.vtt}, text/{fullwidth, halfwidth};
        // README.md (unknown extension) and .hidden/ are skipped.
        XCTAssertEqual(r.calls.map(CLI.id), ["J-001", "C-001", "srt-call", "vtt-call", "fullwidth", "halfwidth"], r.diagnostics)
        XCTAssertFalse(r.stdout.contains("滚"), "hidden directories are not read")
        let summary = try CLI.review([CLI.fixture("calls"), "--format", "json"]).document?["summary"] as? [String: Any]
        XCTAssertEqual(summary?["calls"] as? Int, 6)
        XCTAssertEqual(summary?["failed"] as? Int, 0)
        XCTAssertEqual((summary?["by_category"] as? [String: Any])?["deflection"] as? Int, 6)
    }

    // MARK: - Only staff turns are judged

    func testCustomerWordsAreNeverFindings() throws {
        let traps = ["不行！", "神经病！", "你等着！", "你等一下，我不知道。", "保本吗？稳赚不赔吧？", "滚！什么破银行！"]
        var lines: [String] = []
        for (i, trap) in traps.enumerated() {
            lines.append(CLI.callLine("cust-\(i)", [("坐席", "您好，请问有什么可以帮您？"), ("客户", trap), ("坐席", "好的，感谢您的来电，再见。")]))
            lines.append(CLI.callLine("staff-\(i)", [("坐席", "您好，请问有什么可以帮您？"), ("坐席", trap), ("坐席", "好的，感谢您的来电，再见。")]))
        }
        let r = try CLI.review(["--format", "jsonl"], stdin: CLI.jsonl(lines))
        let calls = CLI.byID(r.calls)
        XCTAssertEqual(calls.count, traps.count * 2, r.diagnostics)
        for (i, trap) in traps.enumerated() {
            guard let customer = calls["cust-\(i)"], let staff = calls["staff-\(i)"] else { XCTFail("missing call \(i)"); continue }
            XCTAssertEqual(CLI.turnFindings(customer).count, 0, "customer said “\(trap)”: \(CLI.turnFindings(customer))")
            XCTAssertFalse(CLI.turnFindings(staff).isEmpty, "the same words from staff (“\(trap)”) must be findings: the trap is real")
        }
    }

    // MARK: - Call-level steps

    func testCallLevelStepsOnCraftedCalls() throws {
        let (A, C) = ("坐席", "客户")
        let cases: [(id: String, turns: [(String, String)], missing: [String], categories: [String])] = [
            ("complete", [(A, "您好，请问有什么可以帮您？"), (C, "我想查一下余额。"), (A, "好的，您的余额是三千元。"), (A, "感谢您的来电，再见。")], [], []),
            ("no-greeting", [(A, "请问有什么可以帮您？"), (C, "我想查一下余额。"), (A, "好的，您的余额是三千元，感谢您的来电，再见。")], ["greeting"], []),
            ("no-closing", [(A, "您好，请问有什么可以帮您？"), (C, "我想查一下余额。"), (A, "好的，您的余额是三千元。")], ["closing"], []),
            ("no-apology", [(A, "您好，请问有什么可以帮您？"), (C, "你们效率太低了，我要投诉！"), (A, "我马上帮您登记，3个工作日内给您回复。"), (C, "好。"), (A, "感谢您的来电，再见。")], ["apology"], []),
            ("apology", [(A, "您好，请问有什么可以帮您？"), (C, "你们效率太低了，我要投诉！"), (A, "非常抱歉，我马上帮您登记，3个工作日内给您回复。"), (C, "好。"), (A, "感谢您的来电，再见。")], [], []),
            ("no-commitment", [(A, "您好，请问有什么可以帮您？"), (C, "你们效率太低了，我要投诉！"), (A, "非常抱歉，我帮您反映一下。"), (C, "好。"), (A, "感谢您的来电，再见。")], ["commitment"], []),
            ("refusal-open", [(A, "您好，请问有什么可以帮您？"), (C, "我要换零钱。"), (A, "这个办不了。"), (C, "好吧。"), (A, "请慢走，再见。")], ["commitment"], ["refusal"]),
            ("refusal-with-next-step", [(A, "您好，请问有什么可以帮您？"), (C, "我要换零钱。"), (A, "零钱今天换完了，请您明天上午10点来，我给您留好。"), (C, "好吧。"), (A, "请慢走，再见。")], [], []),
            ("no-hold-thanks", [(A, "您好，请问有什么可以帮您？"), (C, "我想查一下账单。"), (A, "请您稍等，大约2分钟。"), (C, "好的。"), (A, "查到了，本期账单是五百元。再见。")], ["hold-thanks"], []),
            ("hold-thanks", [(A, "您好，请问有什么可以帮您？"), (C, "我想查一下账单。"), (A, "请您稍等，大约2分钟。"), (C, "好的。"), (A, "让您久等了，本期账单是五百元。再见。")], [], []),
            ("everything-missing", [(A, "说。"), (C, "你们太慢了，我要投诉！"), (A, "等一下。"), (C, "……"), (A, "这个不归我管。")],
             ["greeting", "closing", "apology", "commitment", "hold-thanks"], ["deflection", "vague-wait"]),
        ]
        let r = try CLI.review(["--format", "jsonl", "--fail-on", "never"], stdin: CLI.jsonl(cases.map { CLI.callLine($0.id, $0.turns) }))
        XCTAssertEqual(r.status, 0, "--fail-on never\n\(r.diagnostics)")
        let calls = CLI.byID(r.calls)
        let deductions = try CLI.missingDeductions()
        for c in cases {
            guard let call = calls[c.id] else { XCTFail("no output for \(c.id)\n\(r.diagnostics)"); continue }
            XCTAssertEqual(CLI.missing(call), c.missing, c.id)
            for step in c.missing {
                XCTAssertTrue(CLI.findings(call).contains { $0["rule"] as? String == "call.missing-\(step)" && $0["turn"] is NSNull },
                              "\(c.id): a call-level finding for \(step)")
            }
            XCTAssertTrue(Set(c.categories).isSubset(of: CLI.categories(call)), "\(c.id): \(CLI.categories(call))")
            if c.categories.isEmpty {
                XCTAssertEqual(CLI.turnFindings(call).count, 0, "\(c.id): \(CLI.turnFindings(call))")
                let expected = 100 - c.missing.reduce(0) { $0 + (deductions[$1] ?? .nan) }
                XCTAssertEqual(CLI.score(call), expected, "\(c.id): 100 minus the missing-step deductions of cues.yaml")
            }
        }
    }

    func testCallWithoutStaffTurnsIsSkipped() throws {
        let line = CLI.callLine("only-customer", [("客户", "喂？有人吗？你们什么破银行！")])
        let r = try CLI.review(["--format", "json"], stdin: CLI.jsonl([line]))
        XCTAssertEqual(r.status, 0, r.diagnostics)
        let summary = r.document?["summary"] as? [String: Any]
        XCTAssertEqual(summary?["calls"] as? Int, 0)
        XCTAssertEqual(summary?["skipped"] as? Int, 1)
        XCTAssertEqual((r.document?["calls"] as? [Any])?.count, 0)
    }

    // MARK: - Output formats

    func testTextOutput() throws {
        let r = try CLI.review([CLI.fixture("calls/calls.jsonl")])
        XCTAssertEqual(r.status, 1, r.diagnostics)
        XCTAssertTrue(r.stdout.hasPrefix("J-001 [A07] 得分 95"), r.stdout)
        XCTAssertTrue(r.stdout.contains("“不归我管”"), r.stdout)
        XCTAssertTrue(r.stdout.contains("[deflection."), r.stdout)
        XCTAssertTrue(r.stdout.contains("== 汇总 ==\n通话 1 通，失败 0，跳过 0；平均得分 95\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("A07：1 通，平均 95"), r.stdout)
        XCTAssertFalse(r.stdout.contains("神经病"), "customer words are not quoted as findings")
    }

    /// The text summary is for people: a mean score with one decimal at most, as
    /// the HTML report shows it (`ReviewFormat.score`), not 16 significant digits.
    func testTextSummaryRoundsMeanScores() throws {
        let lines = [
            CLI.callLine("m1", agent: "A1", [("坐席", "您好，请问办理什么业务？"), ("坐席", "好的，再见。")]),
            CLI.callLine("m2", agent: "A1", [("坐席", "请问办理什么业务？"), ("坐席", "好的，再见。")]),
            CLI.callLine("m3", agent: "A1", [("坐席", "您好，请问办理什么业务？"), ("坐席", "好的，再见。")]),
        ]
        let r = try CLI.review([], stdin: CLI.jsonl(lines))
        XCTAssertTrue(r.stdout.contains("平均得分 98.3\n"), "overall mean of 100, 95, 100:\n\(r.stdout)")
        XCTAssertTrue(r.stdout.contains("A1：3 通，平均 98.3，"), "per-agent mean:\n\(r.stdout)")
    }

    func testMachineReadableOutputs() throws {
        let dir = CLI.fixture("calls")
        // jsonl
        let jsonl = try CLI.review([dir, "--format", "jsonl"])
        XCTAssertEqual(jsonl.calls.count, 6)
        XCTAssertEqual(jsonl.stdout.split(separator: "\n").count, 6)
        for call in jsonl.calls {
            XCTAssertNotNil(call["score"] as? NSNumber)
            XCTAssertNotNil(call["missing"] as? [Any])
            XCTAssertTrue(call.keys.contains("agent") && call.keys.contains("channel"))
        }
        // json
        let json = try CLI.review([dir, "--format", "json"])
        XCTAssertEqual((json.document?["calls"] as? [Any])?.count, 6, json.diagnostics)
        let summary = json.document?["summary"] as? [String: Any]
        XCTAssertEqual((summary?["mean_score"] as? NSNumber)?.doubleValue, 95)
        XCTAssertNotNil((summary?["by_agent"] as? [String: Any])?["A07"])
        // csv with BOM
        let csv = try CLI.review([dir, "--format", "csv", "--bom"])
        XCTAssertEqual(Array(csv.stdoutData.prefix(3)), [0xEF, 0xBB, 0xBF], "--bom starts with EF BB BF")
        let rows = String(decoding: csv.stdoutData.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(rows.first, "call_id,agent,turn,speaker,start,end,rule,category,severity,match,message,suggestion,score")
        XCTAssertEqual(rows.count, 7, "header and one finding row per call")
        XCTAssertEqual(rows.filter { $0.contains(",deflection,") }.count, 6)
        let plain = try CLI.review([dir, "--format", "csv"])
        XCTAssertTrue(plain.stdout.hasPrefix("call_id,"), "no BOM without --bom")
        // sarif
        let sarif = try CLI.review([dir, "--format", "sarif"])
        XCTAssertEqual(sarif.document?["version"] as? String, "2.1.0", sarif.diagnostics)
        XCTAssertEqual((sarif.document?["$schema"] as? String)?.contains("sarif-schema-2.1.0"), true)
        let run = (sarif.document?["runs"] as? [[String: Any]])?.first
        let results = run?["results"] as? [[String: Any]] ?? []
        XCTAssertEqual(results.count, 6)
        XCTAssertTrue(results.allSatisfy { ($0["ruleId"] as? String)?.hasPrefix("deflection.") == true })
        XCTAssertEqual(((run?["tool"] as? [String: Any])?["driver"] as? [String: Any])?["name"] as? String, "huashu")
    }

    func testCSVStreamsOneHeaderAndOneBOMAcrossBatches() throws {
        // More than one internal batch (256 calls).
        let lines = (0..<600).map { CLI.callLine("K\($0)", [("坐席", "您好"), ("坐席", $0 % 2 == 0 ? "这个办不了。" : "好的，再见。")]) }
        let r = try CLI.review(["--format", "csv", "--bom", "--jobs", "2"], stdin: CLI.jsonl(lines))
        XCTAssertEqual(Array(r.stdoutData.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(r.stdoutData.count - String(decoding: r.stdoutData, as: UTF8.self).replacingOccurrences(of: "\u{FEFF}", with: "").utf8.count, 3,
                       "exactly one BOM")
        XCTAssertEqual(r.stdout.components(separatedBy: "call_id,agent,turn").count - 1, 1, "exactly one header")
    }

    func testHTMLReportIsWrittenAndSelfContained() throws {
        let dir = try CLI.temporaryDirectory(self)
        let html = dir.appendingPathComponent("report.html")
        let r = try CLI.review([CLI.fixture("calls"), "--format", "jsonl", "--html", html.path])
        XCTAssertEqual(r.status, 1, r.diagnostics)
        XCTAssertEqual(r.calls.count, 6, "--html does not replace the chosen output")
        let page = try String(contentsOf: html, encoding: .utf8)
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(page.contains("J-001") && page.contains("C-001") && page.contains("vtt-call"))
        XCTAssertTrue(page.contains("<mark"), "findings are highlighted")
        XCTAssertTrue(page.contains("不归我管"))
        let external = try NSRegularExpression(pattern: #"(?i)\b(src|href)\s*=\s*["']?\s*(https?:)?//"#)
        XCTAssertEqual(external.numberOfMatches(in: page, range: NSRange(page.startIndex..., in: page)), 0, "no http(s) src/href")
        XCTAssertFalse(page.range(of: "<script", options: .caseInsensitive) != nil)
        XCTAssertFalse(page.range(of: "<link", options: .caseInsensitive) != nil)
        XCTAssertFalse(page.range(of: "url(http", options: .caseInsensitive) != nil)
        XCTAssertFalse(page.range(of: "@import", options: .caseInsensitive) != nil)

        let unwritable = try CLI.review([CLI.fixture("calls/calls.jsonl"), "--html", dir.appendingPathComponent("no/such/dir/r.html").path])
        XCTAssertEqual(unwritable.status, 2)
        XCTAssertTrue(unwritable.stderr.contains("HTML"), unwritable.stderr)
    }

    // MARK: - Speech recognition fillers

    func testFillersInsideAPhraseStillFireAndSpanTheOriginalCharacters() throws {
        let said = "说了、嗯、多少遍了，您这张卡已经过期了。"
        let lines = [
            CLI.callLine("asr", [("坐席", "您好。"), ("坐席", said), ("客户", "说了、嗯、多少遍了，你们听不懂吗？"), ("坐席", "再见。")]),
            CLI.callLine("asr-customer", [("坐席", "您好。"), ("客户", said), ("坐席", "再见。")]),
        ]
        let r = try CLI.review(["--format", "jsonl"], stdin: CLI.jsonl(lines))
        let calls = CLI.byID(r.calls)
        let findings = CLI.turnFindings(calls["asr"] ?? [:])
        guard let f = findings.first(where: { $0["category"] as? String == "impatience" }) else {
            return XCTFail("说了、嗯、多少遍了 should be impatience: \(findings)\n\(r.diagnostics)")
        }
        XCTAssertEqual(findings.count, 1, "only the staff turn: \(findings)")
        XCTAssertEqual(f["turn"] as? Int, 1)
        let start = f["start"] as? Int ?? -1, end = f["end"] as? Int ?? -1
        let scalars = Array(said.unicodeScalars)
        XCTAssertTrue(0 <= start && start < end && end <= scalars.count, "span \(start)..<\(end)")
        guard 0 <= start, start < end, end <= scalars.count else { return }
        var covered = String.UnicodeScalarView()
        covered.append(contentsOf: scalars[start..<end])
        XCTAssertEqual(String(covered), f["match"] as? String, "match is the original text at the span")
        XCTAssertTrue(String(covered).hasPrefix("说了"), String(covered))
        XCTAssertTrue(String(covered).contains("嗯"), "the filler is inside the span: \(String(covered))")
        XCTAssertTrue(String(covered).contains("多少遍"), String(covered))
        XCTAssertEqual(f["column"] as? Int, start + 1)
        XCTAssertEqual(CLI.turnFindings(calls["asr-customer"] ?? [:]).count, 0, "the same words from the customer")
    }

    // MARK: - Baseline

    func testBaselineHidesAcceptedFindingsAndShowsNewOnes() throws {
        let dir = try CLI.temporaryDirectory(self)
        let base = dir.appendingPathComponent("accepted.baseline").path
        let before = [
            CLI.callLine("B1", agent: "A1", [("坐席", "您好。"), ("客户", "能办吗？"), ("坐席", "这个办不了。"), ("坐席", "再见。")]),
            CLI.callLine("B2", agent: "A2", [("坐席", "您好，你先等一下。"), ("坐席", "再见。")]),
        ]
        let written = try CLI.review(["--format", "jsonl", "--write-baseline", base], stdin: CLI.jsonl(before))
        XCTAssertEqual(written.status, 1, "findings are still reported while writing\n\(written.diagnostics)")
        XCTAssertEqual(written.calls.flatMap(CLI.findings).count, 5)
        let baselineText = try String(contentsOfFile: base, encoding: .utf8)
        XCTAssertTrue(baselineText.contains("B1\trefusal."), baselineText)

        let again = try CLI.review(["--format", "jsonl", "--baseline", base], stdin: CLI.jsonl(before))
        XCTAssertEqual(again.status, 0, "everything accepted\n\(again.diagnostics)")
        XCTAssertEqual(again.calls.map(CLI.id), ["B1", "B2"])
        for call in again.calls {
            XCTAssertEqual(CLI.findings(call).count, 0, "\(call)")
            XCTAssertEqual(CLI.missing(call), [])
            XCTAssertEqual(CLI.score(call), 100, "rescored without accepted findings")
        }

        // B1 gains a deflection (and its turns shift); B2 is unchanged.
        let after = [
            CLI.callLine("B1", agent: "A1", [("坐席", "您好。"), ("客户", "能办吗？"), ("客户", "快点。"), ("坐席", "这个办不了。"), ("坐席", "这不归我管。"), ("坐席", "再见。")]),
            before[1],
        ]
        let changed = try CLI.review(["--format", "jsonl", "--baseline", base], stdin: CLI.jsonl(after))
        XCTAssertEqual(changed.status, 1, changed.diagnostics)
        let b1 = CLI.byID(changed.calls)["B1"] ?? [:]
        XCTAssertEqual(CLI.findings(b1).map { $0["category"] as? String }, ["deflection"], "only the new finding: \(CLI.findings(b1))")
        XCTAssertEqual(CLI.findings(b1).first?["turn"] as? Int, 4)
        XCTAssertEqual(CLI.findings(CLI.byID(changed.calls)["B2"] ?? [:]).count, 0)

        let missingFile = try CLI.review(["--baseline", dir.appendingPathComponent("nope").path], stdin: CLI.jsonl(before))
        XCTAssertEqual(missingFile.status, 2)
        XCTAssertTrue(missingFile.stderr.contains("基线"), missingFile.stderr)
    }

    // MARK: - Bad input

    func testMalformedFileIsReportedAndTheRestAreReviewed() throws {
        let dir = try CLI.temporaryDirectory(self)
        let good = [
            ("a-good.txt", "坐席：您好，请问办理什么业务？\n客户：开户。\n坐席：好的，请慢走，再见。\n"),
            ("c-good.jsonl", CLI.callLine("G2", [("坐席", "您好。"), ("坐席", "这个办不了。"), ("坐席", "再见。")]) + "\n"),
        ]
        for (name, text) in good { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        try Data("{\"id\": \"X1\", \"turns\": [\n".utf8).write(to: dir.appendingPathComponent("b-broken.jsonl"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data([0xFF, 0xFE] + Array("坐席：您好\n".utf8)).write(to: dir.appendingPathComponent("sub/d-latin1.txt"))

        let r = try CLI.review([dir.path, "--format", "jsonl"], in: dir)
        XCTAssertEqual(r.status, 2, "a bad file makes the run exit 2\n\(r.diagnostics)")
        XCTAssertEqual(r.calls.map(CLI.id), ["a-good", "G2"], "the good files are still reviewed")
        XCTAssertTrue(r.stderr.contains("b-broken.jsonl"), r.stderr)
        XCTAssertTrue(r.stderr.contains("JSON"), r.stderr)
        XCTAssertTrue(r.stderr.contains("d-latin1.txt"), r.stderr)
        XCTAssertTrue(r.stderr.contains("UTF-8"), r.stderr)

        let json = try CLI.review([dir.path, "--format", "json"])
        XCTAssertEqual(json.status, 2)
        let summary = json.document?["summary"] as? [String: Any]
        XCTAssertEqual(summary?["calls"] as? Int, 2)
        XCTAssertEqual(summary?["failed"] as? Int, 2, "\(summary ?? [:])")
        XCTAssertEqual((summary?["failures"] as? [[String: Any]])?.count, 2)

        let text = try CLI.review([dir.path])
        XCTAssertEqual(text.status, 2)
        XCTAssertTrue(text.stdout.contains("通话 2 通，失败 2，跳过 0"), text.stdout)

        let absent = try CLI.review([dir.path, dir.appendingPathComponent("absent.txt").path, "--format", "jsonl"])
        XCTAssertEqual(absent.status, 2)
        XCTAssertEqual(absent.calls.count, 2)
        XCTAssertTrue(absent.stderr.contains("absent.txt"), absent.stderr)
    }

    // MARK: - Standard input and parallelism

    func testStandardInputJSONLStreamsInOrder() throws {
        var lines = (0..<1_000).map { i in
            CLI.callLine("S\(i)", agent: "A\(i % 4)", [("坐席", "您好，请问办理什么业务？"), ("客户", "不行！"), ("坐席", i % 5 == 0 ? "你等一下。" : "好的，请慢走，再见。")])
        }
        lines.insert("", at: 10) // blank lines are ignored
        let r = try CLI.review(["--format", "jsonl"], stdin: CLI.jsonl(lines))
        XCTAssertEqual(r.status, 1, r.diagnostics)
        XCTAssertEqual(r.calls.map(CLI.id), (0..<1_000).map { "S\($0)" })
        XCTAssertEqual(r.calls.filter { !CLI.turnFindings($0).isEmpty }.count, 200)
        XCTAssertTrue(r.stderr.isEmpty, r.stderr)
    }

    /// JSON lines on stdin are reviewed as they arrive: results come out while the
    /// input is still open (as a pipeline mapper needs), not only at end of input.
    func testStandardInputResultsArriveBeforeEndOfInput() throws {
        let lines = (0..<600).map { CLI.callLine("T\($0)", [("坐席", "您好，请问办理什么业务？"), ("坐席", $0 % 2 == 0 ? "这个办不了。" : "好的，再见。")]) }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["review", "--format", "jsonl", "--jobs", "2"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        try input.fileHandleForWriting.write(contentsOf: CLI.jsonl(lines))
        // Read until a first complete line arrives (or 60 s pass), with stdin still open.
        let lock = NSLock()
        nonisolated(unsafe) var received = Data()
        let reader = Thread {
            while true {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { return }
                lock.lock(); received.append(chunk); lock.unlock()
            }
        }
        reader.start()
        let deadline = Date().addingTimeInterval(60)
        var early = 0
        while Date() < deadline {
            lock.lock(); early = received.filter { $0 == 0x0A }.count; lock.unlock()
            if early > 0 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertTrue(process.isRunning, "huashu must still be waiting for more input")
        XCTAssertGreaterThan(early, 0, "no result before end of input: stdin is not streamed")
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        while reader.isExecuting || !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        lock.lock(); let all = received; lock.unlock()
        let ids = String(decoding: all, as: UTF8.self).split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]).map(CLI.id)
        }
        XCTAssertEqual(ids, (0..<600).map { "T\($0)" })
    }

    /// Calls read from standard input name their line like calls read from a file
    /// (`calls.jsonl:3`): `<stdin>:3`, and an error names the right line.
    func testStandardInputOriginsAndErrorsNameTheLine() throws {
        let lines = [
            CLI.callLine("L1", [("坐席", "您好。"), ("坐席", "再见。")]),
            "{\"id\": broken",
            "",
            CLI.callLine("L4", [("坐席", "您好。"), ("坐席", "再见。")]),
        ]
        let r = try CLI.review(["--format", "jsonl"], stdin: CLI.jsonl(lines))
        XCTAssertEqual(r.status, 2, "a bad line is an input error\n\(r.diagnostics)")
        XCTAssertEqual(r.calls.map(CLI.id), ["L1", "L4"], "the other lines are reviewed")
        XCTAssertEqual(r.calls.map { $0["origin"] as? String }, ["<stdin>:1", "<stdin>:4"])
        XCTAssertTrue(r.stderr.contains("<stdin>:2"), r.stderr)
        XCTAssertFalse(r.stderr.contains("第 1 行"), "the broken line is line 2 of the input: \(r.stderr)")
    }

    func testEmptyStandardInputIsSkipped() throws {
        let r = try CLI.review(["--format", "json"], stdin: Data())
        XCTAssertEqual(r.status, 0, r.diagnostics)
        let summary = r.document?["summary"] as? [String: Any]
        XCTAssertEqual(summary?["calls"] as? Int, 0)
        XCTAssertEqual(summary?["skipped"] as? Int, 1)
    }

    func testJobsOneAndTwoGiveIdenticalOutput() throws {
        // Several internal batches of 256, with varied findings.
        let texts = ["好的，请慢走，再见。", "这个办不了。", "你等一下。", "这不归我管，去找银保监会。", "保本保息，稳赚不赔。", "说了多少遍了，再见。"]
        let lines = (0..<700).map { i in
            CLI.callLine("P\(i)", agent: "A\(i % 7)", [("坐席", i % 3 == 0 ? "请问办理什么业务？" : "您好，请问办理什么业务？"), ("客户", "你们太慢了！"), ("坐席", texts[i % texts.count])])
        }
        let input = CLI.jsonl(lines)
        for format in ["jsonl", "text", "csv", "json"] {
            let one = try CLI.review(["--format", format, "--jobs", "1"], stdin: input)
            let two = try CLI.review(["--format", format, "--jobs", "2"], stdin: input)
            XCTAssertEqual(one.status, 1, one.diagnostics)
            XCTAssertEqual(one.status, two.status)
            XCTAssertFalse(one.stdout.isEmpty)
            XCTAssertTrue(one.stdoutData == two.stdoutData, "--format \(format): --jobs 1 and --jobs 2 differ")
        }
        let order = try CLI.review(["--format", "jsonl", "--jobs", "2"], stdin: input)
        XCTAssertEqual(order.calls.map(CLI.id), (0..<700).map { "P\($0)" })
    }
}
