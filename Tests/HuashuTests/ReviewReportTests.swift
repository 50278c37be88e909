import Foundation
import XCTest
@testable import Huashu

// MARK: - Fixture

/// Three reviewed calls, built by hand so every offset is known:
/// - C001 (张三, phone, from calls.jsonl:1): two staff findings in turn 2, a
///   customer turn holding markup, and a missing closing;
/// - C002 (李四, counter, no origin): a finding after an emoji (a non-BMP scalar)
///   in text full of HTML and CSV metacharacters, and a message starting with `=`;
/// - C003 (no agent): clean, score 100.
private enum ReviewFixture {
    /// A finding on `match` within the single-line `text` (its first occurrence).
    static func finding(_ text: String, _ match: String, rule: String, _ category: Category, _ severity: Severity,
                        message: String, suggestions: [String] = [], source: String? = nil) -> Finding {
        let t = Array(text.unicodeScalars), m = Array(match.unicodeScalars)
        let start = (0...(t.count - m.count)).first { Array(t[$0..<($0 + m.count)]) == m }!
        return Finding(ruleID: rule, category: category, severity: severity, message: message, source: source,
                       match: match, start: start, end: start + m.count, line: 1, column: start + 1, suggestions: suggestions)
    }

    static let c1Turn2 = "这个我不知道，你去柜台问吧。"
    static let c2Turn0 = "😀您好！说了 \"A&B\", <b>不行</b>就是不行"

    static var reviews: [CallReview] {
        let c1 = Call(id: "C001", channel: "phone", agent: "张三", turns: [
            Turn(speaker: "坐席", role: .staff, text: "您好，请问有什么可以帮您？", start: 0, end: 3.5),
            Turn(speaker: "客户", role: .customer, text: "我的卡被锁了<script>alert(1)</script>", start: 3.5, end: 8),
            Turn(speaker: "坐席", role: .staff, text: c1Turn2, start: 8, end: 12.25),
            Turn(speaker: "客户", role: .customer, text: "好吧。", start: 12.25, end: 13),
        ], origin: "calls.jsonl:1")
        let ignorance = finding(c1Turn2, "不知道", rule: "ignorance.dont-know", .ignorance, .warning,
                                message: "推说不知：不要直接说“不知道”", suggestions: ["我帮您查询一下", "请稍等，我确认后答复您"],
                                source: "服务规范 3.2")
        let pushing = finding(c1Turn2, "你去柜台问吧", rule: "pushing-away.go-elsewhere", .pushingAway, .error,
                              message: "推走客户", suggestions: ["我帮您联系柜台同事"])
        let closing = Finding(ruleID: "call.missing-closing", category: .structure, severity: .warning,
                              message: "缺少道别：走有送声", match: "", start: 0, end: 0, line: 1, column: 1, step: "closing")
        let r1 = CallReview(call: c1, findings: [
            CallFinding(finding: ignorance, turn: 2, speaker: "坐席", start: 8, end: 12.25),
            CallFinding(finding: pushing, turn: 2, speaker: "坐席", start: 8, end: 12.25),
            CallFinding(finding: closing, turn: nil, speaker: nil, start: nil, end: nil),
        ], missing: ["closing"], score: 75)

        let c2 = Call(id: "C002", channel: "counter", agent: "李四", turns: [
            Turn(speaker: "柜员", role: .staff, text: c2Turn0),
            Turn(speaker: "顾客", role: .customer, text: "哦"),
        ])
        let refusal = finding(c2Turn0, "不行", rule: "refusal.no", .refusal, .info,
                              message: "=直接拒绝, \"生硬\"\n换个说法", suggestions: ["这个确实有困难，我们看看别的办法"])
        let r2 = CallReview(call: c2, findings: [CallFinding(finding: refusal, turn: 0, speaker: "柜员", start: nil, end: nil)],
                            missing: [], score: 99)

        let c3 = Call(id: "C003", turns: [
            Turn(speaker: "坐席", role: .staff, text: "您好，很高兴为您服务。"),
            Turn(speaker: "客户", role: .customer, text: "谢谢，再见"),
            Turn(speaker: "坐席", role: .staff, text: "感谢您的来电，再见！"),
        ])
        let r3 = CallReview(call: c3, findings: [], missing: [], score: 100)
        return [r1, r2, r3]
    }

    static var summary: ReviewSummary {
        var s = ReviewSummary()
        for r in reviews { s.add(r) }
        s.failed = [(source: "bad.jsonl:7", reason: "JSON 格式错误 <unexpected>")]
        s.skipped = [(source: "calls.jsonl:9", reason: "没有员工发言")]
        return s
    }
}

/// Parses JSON text with Foundation.
private func parseJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

/// The fields of RFC 4180 CSV text (CRLF records, quoted fields).
private func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
    var it = Array(text.unicodeScalars)[...]
    var pendingEnd = false
    while let u = it.popFirst() {
        pendingEnd = true
        if quoted {
            if u == "\"" {
                if it.first == "\"" { field.unicodeScalars.append("\""); it = it.dropFirst() } else { quoted = false }
            } else { field.unicodeScalars.append(u) }
        } else if u == "\"" {
            quoted = true
        } else if u == "," {
            row.append(field); field = ""
        } else if u == "\r", it.first == "\n" {
            it = it.dropFirst()
            row.append(field); rows.append(row); row = []; field = ""; pendingEnd = false
        } else {
            field.unicodeScalars.append(u)
        }
    }
    if pendingEnd { row.append(field); rows.append(row) }
    return rows
}

// MARK: - JSON, JSONL, CSV, SARIF, HTML as text

final class ReviewReportTests: XCTestCase {
    // MARK: JSONL

    func testJSONLWritesOneObjectPerCallInOrder() throws {
        let text = ReviewJSONLReporter().render(ReviewFixture.reviews)
        XCTAssertTrue(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[0].hasPrefix(#"{"id":"C001","agent":"张三","channel":"phone","origin":"calls.jsonl:1","score":75.0,"findings":[{"rule":"ignorance.dont-know""#),
                      String(lines[0]))
        let first = try XCTUnwrap(try parseJSON(String(lines[0])) as? [String: Any])
        let findings = try XCTUnwrap(first["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.count, 3)
        XCTAssertEqual(findings[0]["match"] as? String, "不知道")
        XCTAssertEqual(findings[0]["start"] as? Int, 3)
        XCTAssertEqual(findings[0]["end"] as? Int, 6)
        XCTAssertEqual(findings[0]["turn"] as? Int, 2)
        XCTAssertEqual(findings[0]["speaker"] as? String, "坐席")
        XCTAssertEqual(findings[0]["start_time"] as? Double, 8)
        XCTAssertEqual(findings[0]["end_time"] as? Double, 12.25)
        XCTAssertEqual(findings[0]["suggestions"] as? [String], ["我帮您查询一下", "请稍等，我确认后答复您"])
        XCTAssertTrue(findings[2]["turn"] is NSNull, "call-level finding has turn null")
        XCTAssertEqual(findings[2]["step"] as? String, "closing")
        XCTAssertEqual(first["missing"] as? [String], ["closing"])

        let second = try XCTUnwrap(try parseJSON(String(lines[1])) as? [String: Any])
        let f2 = try XCTUnwrap((second["findings"] as? [[String: Any]])?.first)
        XCTAssertEqual(f2["message"] as? String, "=直接拒绝, \"生硬\"\n换个说法")
        XCTAssertNil(f2["start_time"], "no timestamps, no keys")
        XCTAssertNil(second["origin"])

        let third = try XCTUnwrap(try parseJSON(String(lines[2])) as? [String: Any])
        XCTAssertTrue(third["agent"] is NSNull)
        XCTAssertTrue(third["channel"] is NSNull)
        XCTAssertEqual((third["findings"] as? [Any])?.count, 0)
        XCTAssertEqual(third["score"] as? Double, 100)

        XCTAssertEqual(ReviewJSONLReporter().line(ReviewFixture.reviews[2]), String(lines[2]))
        XCTAssertEqual(ReviewJSONLReporter().render([]), "")
    }

    // MARK: JSON

    func testJSONDocumentHasCallsAndSummary() throws {
        let text = ReviewJSONReporter().render(ReviewFixture.reviews, summary: ReviewFixture.summary)
        XCTAssertTrue(text.hasPrefix(#"{"calls":[{"id":"C001""#))
        let doc = try XCTUnwrap(try parseJSON(text) as? [String: Any])
        XCTAssertEqual((doc["calls"] as? [Any])?.count, 3)
        let s = try XCTUnwrap(doc["summary"] as? [String: Any])
        XCTAssertEqual(s["calls"] as? Int, 3)
        XCTAssertEqual(s["failed"] as? Int, 1)
        XCTAssertEqual(s["skipped"] as? Int, 1)
        XCTAssertEqual(try XCTUnwrap(s["mean_score"] as? Double), (75 + 99 + 100) / 3.0, accuracy: 1e-9)
        XCTAssertEqual(s["findings"] as? Int, 3)
        XCTAssertEqual(s["by_category"] as? [String: Int], ["ignorance": 1, "pushing-away": 1, "refusal": 1])
        XCTAssertEqual(s["missing"] as? [String: Int], ["closing": 1])
        let failures = try XCTUnwrap(s["failures"] as? [[String: String]])
        XCTAssertEqual(failures, [["source": "bad.jsonl:7", "reason": "JSON 格式错误 <unexpected>"]])
        XCTAssertEqual(s["skips"] as? [[String: String]], [["source": "calls.jsonl:9", "reason": "没有员工发言"]])

        let byAgent = try XCTUnwrap(s["by_agent"] as? [String: [String: Any]])
        XCTAssertEqual(Set(byAgent.keys), ["张三", "李四", ReviewSummary.unknownAgent])
        let zhang = try XCTUnwrap(byAgent["张三"])
        XCTAssertEqual(zhang["calls"] as? Int, 1)
        XCTAssertEqual(zhang["mean_score"] as? Double, 75)
        XCTAssertEqual(zhang["by_category"] as? [String: Int], ["ignorance": 1, "pushing-away": 1])
        let worst = try XCTUnwrap(zhang["worst"] as? [[String: Any]])
        XCTAssertEqual(worst.first?["id"] as? String, "C001")
        XCTAssertEqual(worst.first?["score"] as? Double, 75)
        // Stable key order: agents sorted, categories in Category order.
        XCTAssertTrue(text.contains(#""by_category":{"refusal":1,"ignorance":1,"pushing-away":1}"#))
        XCTAssertTrue(text.contains(#""by_agent":{"(未知)":"#))
    }

    func testJSONDocumentForNoCalls() throws {
        let text = ReviewJSONReporter().render([], summary: ReviewSummary())
        XCTAssertEqual(text, #"{"calls":[],"summary":{"calls":0,"failed":0,"skipped":0,"mean_score":0.0,"findings":0,"by_category":{},"missing":{},"worst":[],"by_agent":{},"failures":[],"skips":[]}}"# + "\n")
        XCTAssertNotNil(try parseJSON(text))
    }

    // MARK: CSV

    func testCSVHasOneRowPerFindingAndEveryCall() throws {
        let text = ReviewCSVReporter().render(ReviewFixture.reviews)
        XCTAssertFalse(text.hasPrefix("\u{FEFF}"))
        XCTAssertTrue(text.hasPrefix("call_id,agent,turn,speaker,start,end,rule,category,severity,match,message,suggestion,score\r\n"))
        XCTAssertTrue(text.hasSuffix("\r\n"))
        let rows = parseCSV(text)
        XCTAssertEqual(rows.count, 1 + 3 + 1 + 1)
        XCTAssertTrue(rows.allSatisfy { $0.count == ReviewCSVReporter.header.count }, "\(rows.map(\.count))")
        XCTAssertEqual(rows[1], ["C001", "张三", "2", "坐席", "8", "12.25", "ignorance.dont-know", "ignorance", "warning",
                                 "不知道", "推说不知：不要直接说“不知道”", "我帮您查询一下", "75"])
        XCTAssertEqual(rows[3], ["C001", "张三", "", "", "", "", "call.missing-closing", "structure", "warning",
                                 "", "缺少道别：走有送声", "", "75"])
        // Quoting: commas, quotes and a newline survive; a leading "=" is defused.
        XCTAssertEqual(rows[4][9], "不行")
        XCTAssertEqual(rows[4][10], "'=直接拒绝, \"生硬\"\n换个说法")
        XCTAssertTrue(text.contains("\"'=直接拒绝, \"\"生硬\"\"\n换个说法\""))
        // A clean call still gets its row.
        XCTAssertEqual(rows[5], ["C003", "", "", "", "", "", "", "", "", "", "", "", "100"])

        let raw = ReviewCSVReporter(guardFormulas: false).render(ReviewFixture.reviews)
        XCTAssertEqual(parseCSV(raw)[4][10], "=直接拒绝, \"生硬\"\n换个说法")
    }

    func testCSVByteOrderMarkAndEmptyInput() {
        let bytes = [UInt8](ReviewCSVReporter(byteOrderMark: true).data(ReviewFixture.reviews))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(Array(bytes[3..<10]), Array("call_id".utf8))
        XCTAssertEqual(ReviewCSVReporter().render([]), ReviewCSVReporter.header.joined(separator: ",") + "\r\n")
        XCTAssertEqual(ReviewCSVReporter(byteOrderMark: true).render([], summary: ReviewSummary()).unicodeScalars.first, "\u{FEFF}")
    }

    func testCSVQuotingFollowsRFC4180() {
        XCTAssertEqual(ReviewCSVReporter.quote("plain 中文"), "plain 中文")
        XCTAssertEqual(ReviewCSVReporter.quote("a,b"), "\"a,b\"")
        XCTAssertEqual(ReviewCSVReporter.quote("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(ReviewCSVReporter.quote("\"\u{301}"), "\"\"\"\u{301}\"")
        XCTAssertEqual(ReviewCSVReporter.quote("a\r\nb"), "\"a\r\nb\"")
    }

    // MARK: SARIF

    func testSARIFStructure() throws {
        let text = SARIFReporter(toolVersion: "0.1.0").render(ReviewFixture.reviews)
        let log = try XCTUnwrap(try parseJSON(text) as? [String: Any])
        XCTAssertEqual(log["$schema"] as? String, SARIFReporter.schema)
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        let runs = try XCTUnwrap(log["runs"] as? [[String: Any]])
        XCTAssertEqual(runs.count, 1)
        let run = runs[0]
        XCTAssertEqual(run["columnKind"] as? String, "unicodeCodePoints")
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["name"] as? String, "huashu")
        XCTAssertEqual(driver["version"] as? String, "0.1.0")
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        let ruleIDs = rules.compactMap { $0["id"] as? String }
        XCTAssertEqual(ruleIDs, ["call.missing-closing", "ignorance.dont-know", "pushing-away.go-elsewhere", "refusal.no"])
        XCTAssertEqual((rules[1]["shortDescription"] as? [String: Any])?["text"] as? String, "推说不知：不要直接说“不知道”")
        XCTAssertEqual((rules[1]["properties"] as? [String: Any])?["category"] as? String, "ignorance")

        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, 4)
        for r in results {
            let index = try XCTUnwrap(r["ruleIndex"] as? Int)
            XCTAssertEqual(ruleIDs[index], r["ruleId"] as? String)
        }
        XCTAssertEqual(results.map { $0["level"] as? String }, ["warning", "error", "warning", "note"])

        // "不知道" in turn 2 of C001: line 3, columns 4..<7, offset 3 into the turn.
        let loc = try XCTUnwrap((results[0]["locations"] as? [[String: Any]])?.first)
        let physical = try XCTUnwrap(loc["physicalLocation"] as? [String: Any])
        XCTAssertEqual((physical["artifactLocation"] as? [String: Any])?["uri"] as? String, "calls.jsonl%3A1")
        let region = try XCTUnwrap(physical["region"] as? [String: Any])
        XCTAssertEqual(region["startLine"] as? Int, 3)
        XCTAssertEqual(region["startColumn"] as? Int, 4)
        XCTAssertEqual(region["endColumn"] as? Int, 7)
        XCTAssertEqual(region["charLength"] as? Int, 3)
        // The artifact is the turns joined by newlines: offset = turns 0 and 1 plus their newlines, plus 3.
        let before = ReviewFixture.reviews[0].call.turns[0...1].reduce(0) { $0 + $1.text.unicodeScalars.count + 1 }
        XCTAssertEqual(region["charOffset"] as? Int, before + 3)
        XCTAssertEqual((region["snippet"] as? [String: Any])?["text"] as? String, "不知道")
        let logical = try XCTUnwrap((loc["logicalLocations"] as? [[String: Any]])?.first)
        XCTAssertEqual(logical["name"] as? String, "turns[2]")
        XCTAssertEqual(logical["fullyQualifiedName"] as? String, "C001/turns[2]")

        // Call-level: artifact without region, the call as logical location.
        let callLevel = try XCTUnwrap((results[2]["locations"] as? [[String: Any]])?.first)
        XCTAssertNil((callLevel["physicalLocation"] as? [String: Any])?["region"])
        XCTAssertEqual((callLevel["logicalLocations"] as? [[String: Any]])?.first?["name"] as? String, "C001")

        // C002 has no origin: its id is the URI; the emoji is one scalar (column 1), so "不行" starts at column 20.
        let loc2 = try XCTUnwrap((results[3]["locations"] as? [[String: Any]])?.first)
        let p2 = try XCTUnwrap(loc2["physicalLocation"] as? [String: Any])
        XCTAssertEqual((p2["artifactLocation"] as? [String: Any])?["uri"] as? String, "C002")
        let r2 = try XCTUnwrap(p2["region"] as? [String: Any])
        let expected = ReviewFixture.c2Turn0.unicodeScalars.distance(from: ReviewFixture.c2Turn0.unicodeScalars.startIndex,
                                                                   to: ReviewFixture.c2Turn0.unicodeScalars.firstIndex(of: "不")!)
        XCTAssertEqual(r2["startLine"] as? Int, 1)
        XCTAssertEqual(r2["startColumn"] as? Int, expected + 1)
        XCTAssertEqual(r2["charOffset"] as? Int, expected)
    }

    func testSARIFURIsAreRelativeReferences() {
        XCTAssertEqual(SARIFReporter.uriReference("calls.jsonl:3"), "calls.jsonl%3A3")
        XCTAssertEqual(SARIFReporter.uriReference("录音/第 1 批.txt"), "%E5%BD%95%E9%9F%B3/%E7%AC%AC%201%20%E6%89%B9.txt")
        XCTAssertEqual(SARIFReporter.uriReference("a#b?c"), "a%23b%3Fc")
    }

    func testSARIFForNoCalls() throws {
        let text = SARIFReporter().render([], summary: ReviewSummary())
        let run = try XCTUnwrap(((try parseJSON(text) as? [String: Any])?["runs"] as? [[String: Any]])?.first)
        XCTAssertEqual((run["results"] as? [Any])?.count, 0)
        XCTAssertEqual((((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [Any])?.count, 0)
    }

    /// Validates the SARIF log with Python's `jsonschema` against the required
    /// members, enums, bounds and property names of SARIF 2.1.0 for the objects
    /// written (see `sarifSubsetSchema`).
    func testSARIFValidatesAgainstSchemaSubset() throws {
        guard let python = findExecutable(["python3"]) else { throw XCTSkip("python3 not installed") }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let schema = dir.appendingPathComponent("sarif-subset.schema.json")
        try Data(sarifSubsetSchema.utf8).write(to: schema)
        var docs: [URL] = []
        for (i, reviews) in [ReviewFixture.reviews, []].enumerated() {
            let url = dir.appendingPathComponent("log\(i).sarif")
            try Data(SARIFReporter(informationURI: "https://example.com/huashu").render(reviews).utf8).write(to: url)
            docs.append(url)
        }
        let script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            sys.exit(77)
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft7Validator.check_schema(schema)
        validator = jsonschema.Draft7Validator(schema)
        bad = 0
        for path in sys.argv[2:]:
            for e in validator.iter_errors(json.load(open(path))):
                bad += 1
                print(path, list(e.absolute_path), e.message)
        sys.exit(1 if bad else 0)
        """
        let result = try runProcess(python, ["-c", script, schema.path] + docs.map(\.path), timeout: 60)
        if result.status == 77 { throw XCTSkip("python3 has no jsonschema (pip install jsonschema)") }
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    }

    // MARK: HTML

    func testHTMLMarksFindingsAndEscapesEverything() throws {
        let html = HTMLReporter().render(ReviewFixture.reviews, summary: ReviewFixture.summary)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        XCTAssertTrue(html.contains("<title>话术审查报告</title>"))
        // Self-contained: no script, no external stylesheet, image or font.
        XCTAssertFalse(html.lowercased().contains("<script"))
        XCTAssertFalse(html.contains("<link"))
        XCTAssertFalse(html.contains("src="))
        XCTAssertFalse(html.contains("url("))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))

        XCTAssertTrue(html.contains(
            "这个我<mark class=\"sev-warning\" title=\"推说不知：不要直接说“不知道” — 建议：我帮您查询一下\" data-rule=\"ignorance.dont-know\">不知道</mark>，"
                + "<mark class=\"sev-error\" title=\"推走客户 — 建议：我帮您联系柜台同事\" data-rule=\"pushing-away.go-elsewhere\">你去柜台问吧</mark>。"),
            html)
        // After the emoji and the escaped markup, the right two characters are marked.
        XCTAssertTrue(html.contains(
            "😀您好！说了 &quot;A&amp;B&quot;, &lt;b&gt;<mark class=\"sev-info\" title=\"=直接拒绝, &quot;生硬&quot;&#10;换个说法 — 建议：这个确实有困难，我们看看别的办法\" data-rule=\"refusal.no\">不行</mark>&lt;/b&gt;就是不行"),
            html)
        XCTAssertEqual(html.components(separatedBy: "<mark ").count - 1, 3)
        XCTAssertTrue(html.contains("<li class=\"turn role-customer\">"))
        XCTAssertTrue(html.contains("<span class=\"chip\">道别</span>"))
        XCTAssertTrue(html.contains("缺少道别：走有送声"))
        XCTAssertTrue(html.contains("JSON 格式错误 &lt;unexpected&gt;"))
        XCTAssertTrue(html.contains("<span class=\"sugg\">建议：我帮您查询一下</span>"))
        XCTAssertTrue(html.contains("依据：服务规范 3.2"))
        XCTAssertEqual(html.components(separatedBy: "<svg ").count - 1, 3, "agents, categories, missing steps")
        XCTAssertTrue(html.contains("<figcaption>各坐席平均分</figcaption>"))
        XCTAssertTrue(html.contains("<figcaption>各类问题数量</figcaption>"))
        XCTAssertTrue(html.contains("href=\"#call-1\""))
        XCTAssertTrue(html.contains("<span class=\"time\">0:08</span>"))
    }

    func testHTMLEscapesTitleAndSubtitle() {
        let html = HTMLReporter(title: "报告 <i>x</i>", subtitle: "a & b \"c\"").render([], summary: ReviewSummary())
        XCTAssertTrue(html.contains("<title>报告 &lt;i&gt;x&lt;/i&gt;</title>"))
        XCTAssertTrue(html.contains("<p class=\"subtitle\">a &amp; b &quot;c&quot;</p>"))
    }

    func testHTMLForNoCalls() {
        let html = HTMLReporter().render([], summary: ReviewSummary())
        XCTAssertTrue(html.contains("没有可显示的通话。"))
        XCTAssertTrue(html.contains("暂无数据"))
        XCTAssertFalse(html.contains("<svg"))
        XCTAssertTrue(html.hasSuffix("</html>\n"))
    }

    func testHighlighterSplitsOverlapsAndClampsSpans() {
        let text = "甲乙丙丁戊"
        func f(_ s: Int, _ e: Int, _ sev: Severity, _ id: String) -> Finding {
            Finding(ruleID: id, category: .rude, severity: sev, message: id, match: "", start: s, end: e, line: 1, column: s + 1)
        }
        let html = TranscriptHighlighter.html(text, findings: [f(0, 3, .info, "a"), f(2, 4, .error, "b"), f(4, 99, .warning, "c"), f(3, 3, .error, "empty")])
        XCTAssertEqual(html,
            "<mark class=\"sev-info\" title=\"a\" data-rule=\"a\">甲乙</mark>"
                + "<mark class=\"sev-error\" title=\"a&#10;b\" data-rule=\"a b\">丙</mark>"
                + "<mark class=\"sev-error\" title=\"b\" data-rule=\"b\">丁</mark>"
                + "<mark class=\"sev-warning\" title=\"c\" data-rule=\"c\">戊</mark>")
        XCTAssertEqual(TranscriptHighlighter.html("a<b", findings: []), "a&lt;b")
    }

    func testEscapingAndFormatting() {
        XCTAssertEqual(HTMLEscape.text("<a href='x'>&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;")
        XCTAssertEqual(HTMLEscape.text("a\u{0}b\r\nc\rd"), "a\u{FFFD}b\nc\nd")
        XCTAssertEqual(HTMLEscape.attribute("x\ny"), "x&#10;y")
        XCTAssertEqual(ReviewFormat.clock(65.9), "1:05")
        XCTAssertEqual(ReviewFormat.clock(3723), "1:02:03")
        XCTAssertEqual(ReviewFormat.score(83.333), "83.3")
        XCTAssertEqual(ReviewFormat.score(85), "85")
        XCTAssertEqual(SVGBarChart.cut("短名"), "短名")
        XCTAssertEqual(SVGBarChart.cut("一二三四五六七八九十一二"), "一二三四五六七八九…")
    }
}

// MARK: - The HTML page in a real browser

/// Opens the HTML report in headless Chromium. Skipped when Chromium is not
/// installed (CI: `apt-get install -y chromium fonts-noto-cjk`). Set
/// `HUASHU_REPORT_ARTIFACTS=/some/dir` to keep the page, DOM and screenshot.
final class ReviewReportBrowserTests: XCTestCase {
    func testChromiumRendersMarksAndCharts() throws {
        let env = ProcessInfo.processInfo.environment
        guard let chromium = findExecutable([env["HUASHU_CHROMIUM"], "chromium", "chromium-browser", "google-chrome"].compactMap { $0 }) else {
            throw XCTSkip("chromium not installed (apt-get install -y chromium fonts-noto-cjk)")
        }
        let keep = env["HUASHU_REPORT_ARTIFACTS"].map { URL(fileURLWithPath: $0, isDirectory: true) }
        let dir = try keep ?? temporaryDirectory()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let profile = try temporaryDirectory()
        defer {
            if keep == nil { try? FileManager.default.removeItem(at: dir) }
            try? FileManager.default.removeItem(at: profile)
        }
        let page = dir.appendingPathComponent("review-report.html")
        let screenshot = dir.appendingPathComponent("review-report.png")
        try? FileManager.default.removeItem(at: screenshot)
        let html = HTMLReporter(subtitle: "测试数据：3 通通话").render(ReviewFixture.reviews, summary: ReviewFixture.summary)
        try Data(html.utf8).write(to: page)

        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
                      "--user-data-dir=\(profile.path)"]
        let dump = try runProcess(chromium, common + ["--dump-dom", page.absoluteString], timeout: 120)
        XCTAssertEqual(dump.status, 0, dump.stderr)
        let dom = dump.stdout
        if keep != nil { try Data(dom.utf8).write(to: dir.appendingPathComponent("review-report.dom.html")) }

        func marks(_ cls: String) -> [(title: String, text: String)] {
            let re = try! NSRegularExpression(pattern: "<mark class=\"\(cls)\" title=\"([^\"]*)\"[^>]*>([^<]*)</mark>")
            let ns = dom as NSString
            return re.matches(in: dom, range: NSRange(location: 0, length: ns.length)).map {
                (ns.substring(with: $0.range(at: 1)), ns.substring(with: $0.range(at: 2)))
            }
        }
        let warnings = marks("sev-warning"), errors = marks("sev-error"), infos = marks("sev-info")
        XCTAssertEqual(warnings.map(\.text), ["不知道"], dom)
        XCTAssertEqual(warnings.first?.title, "推说不知：不要直接说“不知道” — 建议：我帮您查询一下")
        XCTAssertEqual(errors.map(\.text), ["你去柜台问吧"])
        XCTAssertEqual(infos.map(\.text), ["不行"])
        XCTAssertEqual(infos.first?.title, "=直接拒绝, &quot;生硬&quot;\n换个说法 — 建议：这个确实有困难，我们看看别的办法")
        // The customer's markup stayed text: no script element in the parsed page.
        XCTAssertFalse(dom.lowercased().contains("<script"))
        XCTAssertTrue(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertFalse(dom.contains("<b>不行</b>"))
        // The charts parsed as SVG with bars.
        XCTAssertEqual(dom.components(separatedBy: "<svg ").count - 1, 3)
        XCTAssertGreaterThanOrEqual(dom.components(separatedBy: "<rect class=\"bar\"").count - 1, 3 + 3 + 1)
        XCTAssertTrue(dom.contains("各坐席平均分"))

        let shot = try runProcess(chromium, common + ["--hide-scrollbars", "--window-size=1280,2600",
                                                      "--screenshot=\(screenshot.path)", page.absoluteString], timeout: 120)
        XCTAssertEqual(shot.status, 0, shot.stderr)
        let png = try Data(contentsOf: screenshot)
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        XCTAssertGreaterThan(png.count, 20_000, "a blank page would be tiny")
        if keep != nil { print("review report artifacts in \(dir.path)") }
    }

    func testChromiumRendersEmptyReport() throws {
        guard let chromium = findExecutable([ProcessInfo.processInfo.environment["HUASHU_CHROMIUM"], "chromium", "chromium-browser", "google-chrome"].compactMap { $0 }) else {
            throw XCTSkip("chromium not installed (apt-get install -y chromium fonts-noto-cjk)")
        }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("empty.html")
        try Data(HTMLReporter().render([], summary: ReviewSummary()).utf8).write(to: page)
        let dump = try runProcess(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
                                             "--user-data-dir=\(dir.appendingPathComponent("profile").path)", "--dump-dom", page.absoluteString], timeout: 120)
        XCTAssertEqual(dump.status, 0, dump.stderr)
        XCTAssertTrue(dump.stdout.contains("没有可显示的通话。"), dump.stdout)
        XCTAssertTrue(dump.stdout.contains("暂无数据"))
        XCTAssertFalse(dump.stdout.contains("<mark"))
    }
}

// MARK: - Helpers

private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("huashu-review-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The first of `names` found on PATH (or given as an absolute path).
private func findExecutable(_ names: [String]) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for name in names {
        if name.hasPrefix("/") { if FileManager.default.isExecutableFile(atPath: name) { return name }; continue }
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
    }
    return nil
}

/// Runs `executable` with output to files (no pipe deadlocks), killing it after `timeout` seconds.
private func runProcess(_ executable: String, _ arguments: [String], timeout: TimeInterval) throws -> (status: Int32, stdout: String, stderr: String) {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("stdout"), err = dir.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    p.standardOutput = outHandle
    p.standardError = errHandle
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let deadline = Date().addingTimeInterval(timeout)
    while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if p.isRunning { p.terminate(); p.waitUntilExit(); XCTFail("\(executable) timed out after \(timeout)s") }
    p.waitUntilExit()
    try outHandle.close(); try errHandle.close()
    return (p.terminationStatus,
            String(decoding: (try? Data(contentsOf: out)) ?? Data(), as: UTF8.self),
            String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self))
}

/// The SARIF 2.1.0 rules the reports must meet, written down from the OASIS
/// specification (sections 3.13-3.33 and the published JSON schema): the
/// required members (`version`, `runs`, `run.tool`, `tool.driver`,
/// `toolComponent.name`, `reportingDescriptor.id`, `result.message`,
/// `message.text`/`id`, `physicalLocation.artifactLocation`), the `level`,
/// `columnKind` and `version` enums, integer bounds of regions, and the closed
/// property sets of the objects written (so a misspelt member fails).
private let sarifSubsetSchema = #"""
{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "title": "SARIF 2.1.0 subset: required members, enums and bounds of the objects huashu writes (OASIS SARIF v2.1.0, sections 3.13-3.33, 3.49)",
  "type": "object",
  "additionalProperties": false,
  "required": ["version", "runs"],
  "properties": {
    "$schema": {"type": "string", "format": "uri"},
    "version": {"enum": ["2.1.0"]},
    "runs": {"type": ["array", "null"], "items": {"$ref": "#/definitions/run"}},
    "inlineExternalProperties": {"type": "array"},
    "properties": {"$ref": "#/definitions/propertyBag"}
  },
  "definitions": {
    "propertyBag": {"type": "object", "properties": {"tags": {"type": "array", "uniqueItems": true, "items": {"type": "string"}}}},
    "message": {
      "type": "object", "additionalProperties": false,
      "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
      "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}, "id": {"type": "string"},
                     "arguments": {"type": "array", "items": {"type": "string"}}, "properties": {"$ref": "#/definitions/propertyBag"}}
    },
    "multiformatMessageString": {
      "type": "object", "additionalProperties": false, "required": ["text"],
      "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}, "properties": {"$ref": "#/definitions/propertyBag"}}
    },
    "run": {
      "type": "object", "required": ["tool"],
      "properties": {
        "tool": {"$ref": "#/definitions/tool"},
        "results": {"type": ["array", "null"], "items": {"$ref": "#/definitions/result"}},
        "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
        "properties": {"$ref": "#/definitions/propertyBag"}
      },
      "propertyNames": {"enum": ["invocations", "conversion", "language", "versionControlProvenance", "originalUriBaseIds",
        "artifacts", "logicalLocations", "graphs", "results", "automationDetails", "runAggregates", "baselineGuid",
        "redactionTokens", "defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind",
        "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses", "translations", "policies",
        "webRequests", "webResponses", "specialLocations", "properties", "tool"]}
    },
    "tool": {
      "type": "object", "additionalProperties": false, "required": ["driver"],
      "properties": {"driver": {"$ref": "#/definitions/toolComponent"}, "extensions": {"type": "array", "items": {"$ref": "#/definitions/toolComponent"}},
                     "properties": {"$ref": "#/definitions/propertyBag"}}
    },
    "toolComponent": {
      "type": "object", "required": ["name"],
      "properties": {
        "name": {"type": "string"}, "version": {"type": "string"}, "informationUri": {"type": "string", "format": "uri"},
        "rules": {"type": "array", "uniqueItems": true, "items": {"$ref": "#/definitions/reportingDescriptor"}},
        "properties": {"$ref": "#/definitions/propertyBag"}
      },
      "propertyNames": {"enum": ["guid", "name", "organization", "product", "productSuite", "shortDescription", "fullDescription",
        "fullName", "version", "semanticVersion", "dottedQuadFileVersion", "releaseDateUtc", "downloadUri", "informationUri",
        "globalMessageStrings", "notifications", "rules", "taxa", "locations", "language", "contents", "isComprehensive",
        "localizedDataSemanticVersion", "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent",
        "translationMetadata", "supportedTaxonomies", "properties"]}
    },
    "reportingDescriptor": {
      "type": "object", "additionalProperties": false, "required": ["id"],
      "properties": {
        "id": {"type": "string"}, "deprecatedIds": {"type": "array"}, "guid": {"type": "string"}, "deprecatedGuids": {"type": "array"},
        "name": {"type": "string"}, "deprecatedNames": {"type": "array"},
        "shortDescription": {"$ref": "#/definitions/multiformatMessageString"},
        "fullDescription": {"$ref": "#/definitions/multiformatMessageString"},
        "messageStrings": {"type": "object"},
        "defaultConfiguration": {"$ref": "#/definitions/reportingConfiguration"},
        "helpUri": {"type": "string", "format": "uri"}, "help": {"$ref": "#/definitions/multiformatMessageString"},
        "relationships": {"type": "array"}, "properties": {"$ref": "#/definitions/propertyBag"}
      }
    },
    "reportingConfiguration": {
      "type": "object", "additionalProperties": false,
      "properties": {"enabled": {"type": "boolean"}, "level": {"$ref": "#/definitions/level"}, "rank": {"type": "number", "minimum": -1, "maximum": 100},
                     "parameters": {"$ref": "#/definitions/propertyBag"}, "properties": {"$ref": "#/definitions/propertyBag"}}
    },
    "level": {"enum": ["none", "note", "warning", "error"]},
    "result": {
      "type": "object", "required": ["message"],
      "properties": {
        "ruleId": {"type": "string"}, "ruleIndex": {"type": "integer", "minimum": -1},
        "kind": {"enum": ["notApplicable", "pass", "fail", "review", "open", "informational"]},
        "level": {"$ref": "#/definitions/level"},
        "message": {"$ref": "#/definitions/message"},
        "locations": {"type": "array", "items": {"$ref": "#/definitions/location"}},
        "properties": {"$ref": "#/definitions/propertyBag"}
      },
      "propertyNames": {"enum": ["ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations", "guid",
        "correlationGuid", "occurrenceCount", "partialFingerprints", "fingerprints", "stacks", "codeFlows", "graphs",
        "graphTraversals", "relatedLocations", "suppressions", "baselineState", "rank", "attachments", "hostedViewerUri",
        "workItemUris", "provenance", "fixes", "taxa", "webRequest", "webResponse", "properties"]}
    },
    "location": {
      "type": "object", "additionalProperties": false,
      "properties": {
        "id": {"type": "integer", "minimum": -1},
        "physicalLocation": {"$ref": "#/definitions/physicalLocation"},
        "logicalLocations": {"type": "array", "uniqueItems": true, "items": {"$ref": "#/definitions/logicalLocation"}},
        "message": {"$ref": "#/definitions/message"}, "annotations": {"type": "array"}, "relationships": {"type": "array"},
        "properties": {"$ref": "#/definitions/propertyBag"}
      }
    },
    "physicalLocation": {
      "type": "object", "additionalProperties": false,
      "anyOf": [{"required": ["address"]}, {"required": ["artifactLocation"]}],
      "properties": {
        "address": {"type": "object"}, "artifactLocation": {"$ref": "#/definitions/artifactLocation"},
        "region": {"$ref": "#/definitions/region"}, "contextRegion": {"$ref": "#/definitions/region"},
        "properties": {"$ref": "#/definitions/propertyBag"}
      }
    },
    "artifactLocation": {
      "type": "object", "additionalProperties": false,
      "properties": {"uri": {"type": "string", "format": "uri-reference"}, "uriBaseId": {"type": "string"},
                     "index": {"type": "integer", "minimum": -1}, "description": {"$ref": "#/definitions/message"},
                     "properties": {"$ref": "#/definitions/propertyBag"}}
    },
    "region": {
      "type": "object", "additionalProperties": false,
      "properties": {
        "startLine": {"type": "integer", "minimum": 1}, "startColumn": {"type": "integer", "minimum": 1},
        "endLine": {"type": "integer", "minimum": 1}, "endColumn": {"type": "integer", "minimum": 1},
        "charOffset": {"type": "integer", "minimum": -1}, "charLength": {"type": "integer", "minimum": 0},
        "byteOffset": {"type": "integer", "minimum": -1}, "byteLength": {"type": "integer", "minimum": 0},
        "snippet": {"$ref": "#/definitions/artifactContent"}, "message": {"$ref": "#/definitions/message"},
        "sourceLanguage": {"type": "string"}, "properties": {"$ref": "#/definitions/propertyBag"}
      }
    },
    "artifactContent": {
      "type": "object", "additionalProperties": false,
      "properties": {"text": {"type": "string"}, "binary": {"type": "string"}, "rendered": {"$ref": "#/definitions/multiformatMessageString"},
                     "properties": {"$ref": "#/definitions/propertyBag"}}
    },
    "logicalLocation": {
      "type": "object", "additionalProperties": false,
      "properties": {"name": {"type": "string"}, "index": {"type": "integer", "minimum": -1}, "fullyQualifiedName": {"type": "string"},
                     "decoratedName": {"type": "string"}, "parentIndex": {"type": "integer", "minimum": -1}, "kind": {"type": "string"},
                     "properties": {"$ref": "#/definitions/propertyBag"}}
    }
  }
}
"""#
