import Foundation
import XCTest
@testable import Huashu

final class BookToolsTests: XCTestCase {
    private func book(_ yaml: String) throws -> Phrasebook { try Phrasebook.parse(yaml: yaml) }

    func testStatsCountsAndGaps() throws {
        let stats = BookStats(try book("""
        rules:
          - id: refusal.flat-no
            category: refusal
            severity: error
            message: 不要直接说“不行”。
            patterns: [不行]
            suggestions:
              - line: alternative.other-way
            examples:
              fire: [不行。]
          - id: vague-wait.wait
            category: vague-wait
            message: 说清楚要等多久。
            patterns: [等一下]
            suggestions:
              - text: 请您稍等，大约需要三分钟。
        lines:
          - id: alternative.other-way
            tags: [alternative, sandwich]
            text: 我们还会有其他办法的。
          - id: wait.three-minutes
            tag: wait
            text: 请您稍等，大约需要三分钟。
          - id: empathy.feel
            tags: [empathy, 3f]
            text: 我理解您的感受。
        scenarios:
          - id: s1
            title: 场景
            technique: taichi
            steps:
              - label: 认同
                text: 正因为这笔钱很重要，所以要仔细核对。
        """))
        XCTAssertEqual([stats.rules, stats.lines, stats.scenarios], [2, 3, 1])
        XCTAssertEqual(stats.rulesByCategory.count, 14)
        XCTAssertEqual(stats.rulesByCategory.first { $0.category == .refusal }?.count, 1)
        XCTAssertEqual(stats.rulesByCategory.first { $0.category == .rude }?.count, 0)
        XCTAssertEqual(stats.rulesBySeverity.map(\.count), [1, 1, 0])
        XCTAssertEqual(stats.linesByFamily.first { $0.tag == "empathy" }?.count, 1)
        XCTAssertEqual(stats.linesByTechnique.first { $0.tag == "sandwich" }?.count, 1)
        XCTAssertEqual(stats.scenariosByTechnique.first { $0.tag == "taichi" }?.count, 1)
        XCTAssertEqual(stats.rulesWithoutExamples, ["vague-wait.wait"])
        XCTAssertEqual(stats.unusedLines, ["empathy.feel"], "used by id, used by text, unused")
    }

    func testCoverageCountsRulesAndMatches() throws {
        let analyzer = try Analyzer(phrasebook: try Phrasebook.load(contentsOf: BookFixture.path("lint/clean.yaml")))
        let texts = ["不行，今天零钱已经换完了。", "不可以。这个不行！", "不行。", "您好，请坐。"]
        let coverage = BookCoverage(analyzer: analyzer, texts: texts, top: 1)
        XCTAssertEqual(coverage.texts, 4)
        XCTAssertEqual(coverage.textsWithFindings, 3)
        let rule = try XCTUnwrap(coverage.rules.first)
        XCTAssertEqual(rule.hits, 4)
        XCTAssertEqual(rule.texts, 3)
        XCTAssertEqual(rule.top.map(\.match), ["不行"])
        XCTAssertEqual(rule.top.map(\.count), [3])
        XCTAssertEqual(coverage.neverFired, [])
        XCTAssertEqual(BookCoverage(analyzer: analyzer, texts: ["您好"]).neverFired, ["refusal.flat-no"])
    }

    func testCorpusReadsTextLinesAndJSONL() throws {
        let dir = try BookFixture.temporaryDirectory(self)
        try "不行。\n\n  您好。  \n".write(to: dir.appendingPathComponent("drafts.txt"), atomically: true, encoding: .utf8)
        try """
        {"id": "a", "text": "不可以"}
        not json
        {"id": 7, "turns": [{"speaker": "agent", "text": "您好"}, {"speaker": "customer", "text": "不行"}]}
        """.write(to: dir.appendingPathComponent("records.jsonl"), atomically: true, encoding: .utf8)
        let read = try BookCorpus.texts(at: dir.path)
        XCTAssertEqual(read.texts.map(\.text), ["不行。", "您好。", "不可以", "您好"])
        XCTAssertEqual(read.texts.map(\.id)[2...], ["a", "7#1"])
        XCTAssertEqual(read.errors.count, 1)
        XCTAssertTrue(read.errors[0].description.contains("records.jsonl:2"))
        XCTAssertThrowsError(try BookCorpus.texts(at: dir.appendingPathComponent("missing").path))
    }

    private func fixtureCalls() -> [Call] {
        TranscriptReader().events(file: BookFixture.path("mine/calls.jsonl")).compactMap(\.call)
    }

    func testMinerProposesUncoveredComplaintWording() throws {
        let analyzer = try Analyzer(phrasebook: try Phrasebook.load(contentsOf: BookFixture.path("mine/book.yaml")))
        let calls = fixtureCalls()
        XCTAssertEqual(calls.count, 16)
        let report = try BookMiner(analyzer: analyzer).mine(calls)
        XCTAssertEqual(report.calls, 16)
        XCTAssertEqual(report.complaintCalls, 8)
        XCTAssertEqual(report.beforeComplaintTurns, 8)
        let best = try XCTUnwrap(report.candidates.first)
        XCTAssertEqual(best.text, "我也没辙")
        XCTAssertEqual(best.inComplaintCalls, 6)
        XCTAssertEqual(best.inOtherCalls, 0)
        XCTAssertEqual(best.signal, "before-complaint")
        XCTAssertEqual(best.examples.count, 3)
        let texts = report.candidates.map(\.text)
        XCTAssertTrue(texts.contains("您自己想办法吧"), "overlapping n-grams are joined: \(texts)")
        XCTAssertTrue(texts.contains("规定就是这样"), "\(texts)")
        XCTAssertFalse(texts.contains { $0.contains("不行") }, "the book already flags 不行: \(texts)")
        XCTAssertFalse(texts.contains { $0.contains("您好") || $0.contains("客服") }, "said in every call: \(texts)")
        XCTAssertTrue(report.candidates.allSatisfy { $0.score >= 1.5 })
    }

    func testMinerStubIsAPhrasebookOnceACategoryIsChosen() throws {
        let analyzer = try Analyzer(phrasebook: try Phrasebook.load(contentsOf: BookFixture.path("mine/book.yaml")))
        let stub = try BookMiner(analyzer: analyzer).mine(fixtureCalls()).yamlStub
        XCTAssertTrue(stub.contains("category: CATEGORY"))
        XCTAssertThrowsError(try Phrasebook.parse(yaml: stub), "the placeholder must be edited")
        let edited = try Phrasebook.parse(yaml: stub.replacingOccurrences(of: "category: CATEGORY", with: "category: refusal"))
        XCTAssertEqual(edited.rules.first?.patterns.map(\.source), ["我也没辙"])
        XCTAssertEqual(edited.rules.first?.examples.fire.count, 3)
        XCTAssertEqual(ExampleRunner(analyzer: try Analyzer(phrasebook: edited)).run(ruleIDs: ["candidate.01"]).failures.count, 0)
    }

    func testMinerNeedsAComplaintCue() throws {
        let analyzer = try Analyzer(phrasebook: try Phrasebook.load(contentsOf: BookFixture.path("lint/clean.yaml")))
        XCTAssertThrowsError(try BookMiner(analyzer: analyzer))
    }

    func testMinerEscapesPatternSyntax() {
        XCTAssertEqual(BookMiner.escape("3.5(年)"), "3\\.5\\(年\\)")
        XCTAssertEqual(BookMiner.join(["atm", "机", "vip", "3"]), "atm机vip 3")
    }

    func testTestResultPointsAtTheFailingExample() throws {
        let analyzer = try Analyzer(phrasebook: try Phrasebook.load(contentsOf: BookFixture.path("lint/exception.yaml")))
        let result = BookTestResult(analyzer: analyzer)
        XCTAssertEqual(result.passed, 0)
        XCTAssertEqual(result.failures.count, 2)
        XCTAssertEqual(result.failures.map(\.location.line), [10, 10])
        XCTAssertEqual(result.failures.map(\.location.column), [14, 29])
        XCTAssertTrue(result.failures.allSatisfy { $0.expectedToFire && $0.fired.isEmpty })
    }
}
