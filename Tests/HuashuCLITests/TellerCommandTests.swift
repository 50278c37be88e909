import Foundation
import XCTest

/// The teller's commands as a user runs them, with the built-in book:
/// `huashu suggest`, `huashu reply`, `huashu check --fix` and `huashu check --reply`.
final class TellerCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try HuashuBinary.temporaryDirectory(self)
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: HuashuBinary.url.path), "no huashu binary at \(HuashuBinary.url.path)")
    }

    private func huashu(_ arguments: String..., stdin: String? = nil) throws -> HuashuBinary.Result {
        try HuashuBinary.run(arguments, stdin: stdin.map { Data($0.utf8) }, in: directory)
    }

    @discardableResult
    private func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    private func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    // MARK: suggest

    func testSuggestByTagListsTheEmpathyLines() throws {
        let r = try huashu("suggest", "--tag", "empathy")
        XCTAssertEqual(r.status, 0, r.diagnostics)
        XCTAssertTrue(r.stdout.hasPrefix("【empathy】"), r.diagnostics)
        XCTAssertTrue(r.stdout.contains("[empathy."), r.diagnostics)
        XCTAssertTrue(r.stdout.contains("我理解您的感受"), r.diagnostics)
        XCTAssertFalse(r.stdout.contains("[closing."), "a closing line in the empathy list\n\(r.diagnostics)")
        XCTAssertFalse(r.stdout.contains("使用该技巧的场景"), "a family lists no scenarios\n\(r.diagnostics)")
        // The header count matches the listed lines.
        let listed = r.stdoutLines.dropFirst().filter { $0.hasPrefix("  ") }.count
        XCTAssertTrue(r.stdoutLines.first?.contains("\(listed) 条话术") ?? false, r.diagnostics)
    }

    func testSuggestByTechniqueListsTheThreeFLinesAndScenarios() throws {
        let r = try huashu("suggest", "--technique", "3f")
        XCTAssertEqual(r.status, 0, r.diagnostics)
        XCTAssertTrue(r.stdout.hasPrefix("【3f】"), r.diagnostics)
        XCTAssertTrue(r.stdout.contains("后来他们发现"), "3F lines end in Found\n\(r.diagnostics)")
        let parts = r.stdout.components(separatedBy: "使用该技巧的场景：")
        XCTAssertEqual(parts.count, 2, r.diagnostics)
        XCTAssertTrue(parts.last?.contains("[auto-rollover-rejected]") ?? false, r.diagnostics)
        XCTAssertTrue(parts.last?.contains("客户理财亏损") ?? false, r.diagnostics)
        XCTAssertFalse(parts.last?.contains("[no-id-card]") ?? true, "a sandwich scenario listed under 3f\n\(r.diagnostics)")
    }

    func testSuggestByTechniqueAsJSON() throws {
        let r = try huashu("suggest", "--technique", "taichi", "--format", "json")
        XCTAssertEqual(r.status, 0, r.diagnostics)
        let json = try XCTUnwrap(r.json, r.diagnostics)
        XCTAssertEqual(json["tag"] as? String, "taichi")
        let lines = try XCTUnwrap(json["lines"] as? [[String: Any]])
        XCTAssertFalse(lines.isEmpty)
        for l in lines { XCTAssertTrue((l["tags"] as? [String])?.contains("taichi") ?? false, "\(l)") }
        XCTAssertTrue((json["scenarios"] as? [String])?.contains("smoking-in-branch") ?? false, r.diagnostics)
    }

    func testSuggestWithAnUnknownTagIsAUsageError() throws {
        for arguments in [["suggest", "--tag", "empthy"], ["suggest", "--technique", "five-f"]] {
            let r = try HuashuBinary.run(arguments, in: directory)
            XCTAssertEqual(r.status, 2, r.diagnostics)
            XCTAssertTrue(r.stderr.contains("未知的标签"), r.diagnostics)
            XCTAssertTrue(r.stderr.contains("empathy") && r.stderr.contains("3f"), "the message lists the valid tags\n\(r.diagnostics)")
            XCTAssertEqual(r.stdout, "", r.diagnostics)
        }
    }

    func testSuggestForADraftPrintsRankedAlternativesPerFinding() throws {
        let r = try huashu("suggest", "你等一下，这个不归我管。")
        XCTAssertEqual(r.status, 0, r.diagnostics)
        let lines = r.stdoutLines
        let headers = lines.enumerated().filter { $0.element.hasPrefix("第") }
        XCTAssertGreaterThanOrEqual(headers.count, 2, r.diagnostics)
        XCTAssertTrue(r.stdout.contains("[vague-wait.wait-a-moment]"), r.diagnostics)
        XCTAssertTrue(r.stdout.contains("[deflection.not-my-remit]"), r.diagnostics)
        // Each finding is followed by numbered alternatives 1., 2., … .
        for (i, header) in headers {
            let next = lines.dropFirst(i + 1).prefix { !$0.hasPrefix("第") }
            XCTAssertGreaterThanOrEqual(next.count, 2, "\(header) has fewer than 2 alternatives\n\(r.diagnostics)")
            for (k, alt) in next.enumerated() { XCTAssertTrue(alt.hasPrefix("  \(k + 1). "), "\(alt)\n\(r.diagnostics)") }
        }
        // The wait finding's first alternative is the rule's first suggestion.
        let wait = try XCTUnwrap(headers.first { $0.element.contains("[vague-wait.wait-a-moment]") })
        XCTAssertTrue(lines[wait.offset + 1].contains("请您稍等，大约需要3分钟"), r.diagnostics)
    }

    func testSuggestForADraftFromAFileAndStandardInput() throws {
        let path = try write("draft.txt", "你等一下。")
        let fromFile = try huashu("suggest", path)
        XCTAssertTrue(fromFile.stdout.contains("[vague-wait.wait-a-moment]"), fromFile.diagnostics)
        let fromStdin = try huashu("suggest", stdin: "你等一下。")
        XCTAssertTrue(fromStdin.stdout.contains("[vague-wait.wait-a-moment]"), fromStdin.diagnostics)
        let clean = try huashu("suggest", "您好，请问有什么可以帮您？")
        XCTAssertEqual(clean.status, 0, clean.diagnostics)
        XCTAssertTrue(clean.stdout.contains("没有发现服务忌语"), clean.diagnostics)
    }

    func testSuggestJSONParses() throws {
        let r = try huashu("suggest", "--format", "json", "你等一下，这个不归我管。")
        XCTAssertEqual(r.status, 0, r.diagnostics)
        let records = try XCTUnwrap(try JSONSerialization.jsonObject(with: r.stdoutData) as? [[String: Any]], r.diagnostics)
        XCTAssertGreaterThanOrEqual(records.count, 2)
        for record in records {
            let finding = try XCTUnwrap(record["finding"] as? [String: Any])
            XCTAssertNotNil(finding["rule"] as? String)
            let alternatives = try XCTUnwrap(record["alternatives"] as? [[String: Any]])
            XCTAssertFalse(alternatives.isEmpty, "\(finding["rule"] ?? "")")
            XCTAssertLessThanOrEqual(alternatives.count, 5)
            let scores = alternatives.compactMap { $0["score"] as? Double }
            XCTAssertEqual(scores.count, alternatives.count)
            XCTAssertEqual(scores, scores.sorted(by: >), "alternatives not best first: \(scores)")
            for a in alternatives { XCTAssertFalse((a["text"] as? String ?? "").isEmpty); XCTAssertNotNil(a["origin"] as? String) }
        }
        let limited = try huashu("suggest", "--format", "json", "--limit", "1", "你等一下。")
        let records1 = try XCTUnwrap(try JSONSerialization.jsonObject(with: limited.stdoutData) as? [[String: Any]], limited.diagnostics)
        for record in records1 { XCTAssertEqual((record["alternatives"] as? [Any])?.count, 1) }
    }

    // MARK: reply

    func testReplyPrintsTheScenarioTechniqueNumberedStepsAndCandidates() throws {
        let r = try huashu("reply", "客户没带身份证")
        XCTAssertEqual(r.status, 0, r.diagnostics)
        let lines = r.stdoutLines
        XCTAssertEqual(lines.first, "场景：客户未携带身份证办理业务（技巧：sandwich）", r.diagnostics)
        XCTAssertTrue(lines.contains { $0.hasPrefix("  1. 【肯定】") }, r.diagnostics)
        XCTAssertTrue(lines.contains { $0.hasPrefix("  2. 【说明】") }, r.diagnostics)
        XCTAssertTrue(lines.contains { $0.hasPrefix("  3. 【办法】") }, r.diagnostics)
        XCTAssertTrue(r.stdout.contains("待填写："), "open slots are listed\n\(r.diagnostics)")
        let candidates = try XCTUnwrap(lines.firstIndex(of: "候选场景："), r.diagnostics)
        let shown = lines[(candidates + 1)...]
        XCTAssertEqual(shown.count, 3, r.diagnostics)
        XCTAssertTrue(shown.first?.contains("[no-id-card]") ?? false, r.diagnostics)
        let scores = shown.compactMap { Double($0.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") }
        XCTAssertEqual(scores.count, 3, "each candidate shows a score\n\(r.diagnostics)")
        XCTAssertEqual(scores, scores.sorted(by: >))
    }

    func testReplyFillReplacesTheSlot() throws {
        let before = try huashu("reply", "客户没带身份证")
        XCTAssertTrue(before.stdout.contains("{时间}"), "the ID-card scenario uses {时间}\n\(before.diagnostics)")
        let r = try huashu("reply", "客户没带身份证", "--fill", "时间=下午4点", "--fill", "客户称呼=王先生")
        XCTAssertEqual(r.status, 0, r.diagnostics)
        XCTAssertFalse(r.stdout.contains("{时间}"), r.diagnostics)
        XCTAssertFalse(r.stdout.contains("{客户称呼}"), r.diagnostics)
        XCTAssertTrue(r.stdout.contains("在下午4点前再来"), r.diagnostics)
        XCTAssertTrue(r.stdout.contains("【肯定】王先生，"), r.diagnostics)
        XCTAssertTrue(r.stdout.contains("待填写：{窗口}"), "only the still-open slot is listed\n\(r.diagnostics)")
    }

    func testReplyJSONHasFoundAndSteps() throws {
        let r = try huashu("reply", "--format", "json", "--fill", "时间=下午4点", "客户没带身份证")
        XCTAssertEqual(r.status, 0, r.diagnostics)
        let json = try XCTUnwrap(r.json, r.diagnostics)
        XCTAssertEqual(json["found"] as? Bool, true)
        XCTAssertEqual(json["situation"] as? String, "客户没带身份证")
        let scenario = try XCTUnwrap(json["scenario"] as? [String: Any], r.diagnostics)
        XCTAssertEqual(scenario["id"] as? String, "no-id-card")
        XCTAssertEqual(scenario["technique"] as? String, "sandwich")
        let steps = try XCTUnwrap(scenario["steps"] as? [[String: Any]])
        XCTAssertEqual(steps.map { $0["label"] as? String }, ["肯定", "说明", "办法"])
        XCTAssertTrue((steps.last?["text"] as? String)?.contains("下午4点前") ?? false, r.diagnostics)
        let candidates = try XCTUnwrap(json["candidates"] as? [[String: Any]])
        XCTAssertEqual(candidates.count, 3)
        XCTAssertNotNil(candidates.first?["score"] as? Double)
    }

    func testAnUnknownSituationSaysNothingFoundAndInventsNoSteps() throws {
        let r = try huashu("reply", "帮我订一张机票")
        XCTAssertEqual(r.status, 1, r.diagnostics)
        XCTAssertTrue(r.stdout.contains("没有找到"), r.diagnostics)
        XCTAssertTrue(r.stdout.contains("最接近的场景"), r.diagnostics)
        XCTAssertTrue(r.stdoutLines.dropFirst().contains { $0.contains("[") && $0.contains("]") }, "closest scenarios are listed\n\(r.diagnostics)")
        XCTAssertFalse(r.stdout.contains("【"), "steps printed for an unknown situation\n\(r.diagnostics)")
        XCTAssertFalse(r.stdout.contains("场景：") && r.stdout.contains("技巧："), r.diagnostics)

        let json = try huashu("reply", "--format", "json", "今天天气不错")
        XCTAssertEqual(json.status, 1, json.diagnostics)
        let object = try XCTUnwrap(json.json, json.diagnostics)
        XCTAssertEqual(object["found"] as? Bool, false)
        XCTAssertTrue(object["scenario"] is NSNull, json.diagnostics)
        XCTAssertFalse((object["candidates"] as? [Any])?.isEmpty ?? true)
        XCTAssertFalse(json.stdout.contains("\"steps\""), json.diagnostics)
    }

    func testABadFillIsAUsageError() throws {
        for bad in ["时间", "=下午4点"] {
            let r = try huashu("reply", "客户没带身份证", "--fill", bad)
            XCTAssertEqual(r.status, 2, "--fill \(bad)\n\(r.diagnostics)")
            XCTAssertTrue(r.stderr.contains("槽位=值"), r.diagnostics)
            XCTAssertEqual(r.stdout, "", r.diagnostics)
        }
    }

    // MARK: check --fix

    func testFixPrintsTheRewrittenDraftAndADiffAndLeavesTheFileAlone() throws {
        let original = "请到ATM上取款😀\n您好，请稍坐。\n"
        let path = try write("draft.txt", original)
        let r = try huashu("check", "--fix", path)
        XCTAssertNotEqual(r.status, 2, r.diagnostics)
        XCTAssertEqual(r.stdout, "请到自动存取款机上取款😀\n您好，请稍坐。\n", r.diagnostics)
        XCTAssertTrue(r.stderr.contains("-请到ATM上取款😀"), r.diagnostics)
        XCTAssertTrue(r.stderr.contains("+请到自动存取款机上取款😀"), r.diagnostics)
        XCTAssertTrue(r.stderr.contains("应用了 1 处替换"), r.diagnostics)
        XCTAssertEqual(try read(path), Data(original.utf8), "check --fix without --write changed the file")
    }

    func testFixWriteRewritesTheFileAndShowsTheDiff() throws {
        let path = try write("draft.txt", "第一行不变🙂\n卡被ATM吞了。\n最后一行")
        let r = try huashu("check", "--fix", "--write", path)
        XCTAssertNotEqual(r.status, 2, r.diagnostics)
        XCTAssertEqual(try read(path), Data("第一行不变🙂\n卡被自动存取款机吞了。\n最后一行".utf8), r.diagnostics)
        XCTAssertTrue(r.stdout.contains("@@ 第 2 行 @@\n-卡被ATM吞了。\n+卡被自动存取款机吞了。\n"), r.diagnostics)
        XCTAssertFalse(r.stdout.contains("第一行不变"), "an unchanged line in the diff\n\(r.diagnostics)")
        XCTAssertTrue(r.stdout.contains("应用了 1 处替换"), r.diagnostics)
    }

    func testFixOfAWindowsDraftKeepsCRLFAndItsDiffShowsOnlyTheChangedLine() throws {
        let path = try write("draft.txt", "第一行不变🙂\r\n卡被ATM吞了。\r\n最后一行\r\n")
        let r = try huashu("check", "--fix", "--write", path)
        XCTAssertNotEqual(r.status, 2, r.diagnostics)
        XCTAssertEqual(try read(path), Data("第一行不变🙂\r\n卡被自动存取款机吞了。\r\n最后一行\r\n".utf8), r.diagnostics)
        XCTAssertTrue(r.stdout.contains("@@ 第 2 行 @@"), "the diff should name line 2\n\(r.diagnostics)")
        XCTAssertFalse(r.stdout.contains("第一行不变"), "the diff shows an unchanged CRLF line\n\(r.diagnostics)")
        XCTAssertFalse(r.stdout.contains("最后一行"), "the diff shows an unchanged CRLF line\n\(r.diagnostics)")

        let shown = try huashu("check", "--fix", try write("other.txt", "您好。\r\n请到ATM上取款。\r\n"))
        XCTAssertEqual(shown.stdout, "您好。\r\n请到自动存取款机上取款。\r\n", shown.diagnostics)
        XCTAssertTrue(shown.stderr.contains("@@ 第 2 行 @@"), "the diff should name line 2\n\(shown.diagnostics)")
        XCTAssertFalse(shown.stderr.contains("-您好。"), "the diff shows an unchanged CRLF line\n\(shown.diagnostics)")
    }

    func testADraftWithNothingReplaceableIsUnchangedByteForByte() throws {
        let original = "您等一下，这个不归我管。\r\n🙂  \n\n"
        let path = try write("draft.txt", original)
        let r = try huashu("check", "--fix", path)
        XCTAssertEqual(r.stdoutData, Data(original.utf8), r.diagnostics)
        XCTAssertFalse(r.stderr.contains("+++"), "a diff for an unchanged draft\n\(r.diagnostics)")
        XCTAssertTrue(r.stderr.contains("应用了 0 处替换"), r.diagnostics)
        XCTAssertEqual(r.status, 1, "the findings that could not be fixed still count\n\(r.diagnostics)")

        let w = try huashu("check", "--fix", "--write", path)
        XCTAssertNotEqual(w.status, 2, w.diagnostics)
        XCTAssertEqual(try read(path), Data(original.utf8), "--fix --write touched a draft with nothing to fix")
    }

    func testWriteWithoutFixIsAUsageError() throws {
        let path = try write("draft.txt", "请到ATM上取款。")
        let r = try huashu("check", "--write", path)
        XCTAssertEqual(r.status, 2, r.diagnostics)
        XCTAssertTrue(r.stderr.contains("--fix"), r.diagnostics)
        XCTAssertEqual(try read(path), Data("请到ATM上取款。".utf8))
    }

    // MARK: check --reply

    func testCheckReplyPrintsTheShapeSummary() throws {
        let good = try huashu("check", "--reply", stdin: "非常抱歉给您带来不便，我非常理解您的心情。这件事交给我来跟进，我会在3个工作日内给您回复。非常感谢您反映的问题。")
        XCTAssertEqual(good.status, 0, good.diagnostics)
        XCTAssertTrue(good.stdout.contains("答复结构：✓致歉 ✓共情 ✓担当 ✓承诺时限 ✓致谢"), good.diagnostics)

        let bare = try huashu("check", "--reply", stdin: "您好，请问有什么可以帮您？")
        XCTAssertTrue(bare.stdout.contains("答复结构：✗致歉 ✗共情"), bare.diagnostics)
        XCTAssertTrue(bare.stdout.contains("[structure.missing-apology]"), bare.diagnostics)
        XCTAssertEqual(bare.status, 0, "only info findings: the exit status stays 0\n\(bare.diagnostics)")
    }

    func testCheckReplyJSONLinesCarryInfoFindingsWithStep() throws {
        let r = try huashu("check", "--reply", "--format", "jsonl", stdin: "按照规定，这项业务需要您本人来办理。")
        let record = try XCTUnwrap(r.jsonLines.first, r.diagnostics)
        let findings = try XCTUnwrap(record["findings"] as? [[String: Any]])
        let structure = findings.filter { $0["category"] as? String == "structure" }
        XCTAssertFalse(structure.isEmpty, r.diagnostics)
        for f in structure {
            XCTAssertEqual(f["severity"] as? String, "info", "\(f)")
            XCTAssertNotNil(f["step"] as? String, "\(f)")
        }
        let steps = Set(structure.compactMap { $0["step"] as? String })
        XCTAssertTrue(steps.isSuperset(of: ["apology", "empathy", "ownership", "commitment", "thanks", "explanation-first"]), "\(steps)")
        let explanation = try XCTUnwrap(structure.first { $0["step"] as? String == "explanation-first" })
        XCTAssertEqual(explanation["match"] as? String, "按照规定")
        XCTAssertEqual(explanation["start"] as? Int, 0)
        if findings.allSatisfy({ $0["severity"] as? String == "info" }) {
            XCTAssertEqual(r.status, 0, "only info findings: the exit status stays 0\n\(r.diagnostics)")
        }
    }

    func testCheckReplyWithOnlyInfoFindingsExitsZeroAndFailOnInfoExitsOne() throws {
        let text = "您好，请问有什么可以帮您？"
        let jsonl = try huashu("check", "--reply", "--format", "jsonl", stdin: text)
        XCTAssertEqual(jsonl.status, 0, jsonl.diagnostics)
        let findings = try XCTUnwrap(jsonl.jsonLines.first?["findings"] as? [[String: Any]], jsonl.diagnostics)
        XCTAssertFalse(findings.isEmpty)
        XCTAssertTrue(findings.allSatisfy { $0["severity"] as? String == "info" && $0["step"] != nil }, jsonl.diagnostics)
        let strict = try huashu("check", "--reply", "--fail-on", "info", stdin: text)
        XCTAssertEqual(strict.status, 1, strict.diagnostics)
    }
}
