import Foundation
import XCTest
@testable import Huashu

/// The reviewer in-process: staff-only judging, call-level steps, scoring,
/// baseline fingerprints and totals, with the built-in phrasebook.
final class ReviewerTests: XCTestCase {
    nonisolated(unsafe) static var shared: Reviewer?

    func reviewer() throws -> Reviewer {
        if let r = Self.shared { return r }
        let r = try Reviewer(phrasebook: Phrasebook.builtIn())
        Self.shared = r
        return r
    }

    static func call(_ id: String, agent: String? = nil, _ turns: [(Turn.Role, String)]) -> Call {
        Call(id: id, agent: agent, turns: turns.map { Turn(speaker: $0.0 == .staff ? "坐席" : $0.0 == .customer ? "客户" : "旁人", role: $0.0, text: $0.1) })
    }

    func testOnlyStaffTurnsAreJudged() throws {
        let r = try reviewer()
        let words = "不行！你们神经病，你等着！保本吗？"
        let review = r.review(Self.call("c", [(.staff, "您好。"), (.customer, words), (.unknown, words), (.staff, "好的，再见。")]))
        XCTAssertEqual(review.findings.filter { $0.turn != nil }.count, 0, "\(review.findings.map(\.finding.ruleID))")
        let judged = r.review(Self.call("s", [(.staff, "您好。"), (.staff, words), (.staff, "好的，再见。")]))
        XCTAssertTrue(judged.findings.contains { $0.turn == 1 && $0.finding.category == .refusal })
        XCTAssertTrue(judged.findings.allSatisfy { $0.turn == nil || $0.speaker == "坐席" })
    }

    func testMissingStepsAreCallLevelFindingsAndScored() throws {
        let r = try reviewer()
        let review = r.review(Self.call("m", [(.staff, "说吧。"), (.customer, "你们怎么回事，我要投诉！"), (.staff, "请稍等。"), (.customer, "……"), (.staff, "查好了。")]))
        XCTAssertEqual(review.missing, ["greeting", "closing", "apology", "commitment", "hold-thanks"])
        let callLevel = review.findings.filter { $0.turn == nil }
        XCTAssertEqual(callLevel.map(\.finding.step), review.missing.map { Optional($0) })
        XCTAssertTrue(callLevel.allSatisfy { $0.finding.category == .structure && $0.finding.ruleID.hasPrefix("call.missing-") && !$0.finding.message.isEmpty })
        XCTAssertEqual(review.score, r.scoring.score(review.findings.map(\.finding)))
        XCTAssertLessThan(review.score, 100)
    }

    func testHoldNeedsALaterThankYou() throws {
        let r = try reviewer()
        // A hold in the last staff turn has no "afterwards".
        XCTAssertFalse(r.review(Self.call("h0", [(.staff, "您好。"), (.staff, "好的，请稍等，再见。")])).missing.contains("hold-thanks"))
        XCTAssertTrue(r.review(Self.call("h1", [(.staff, "您好。"), (.staff, "请稍等。"), (.staff, "好的，再见。")])).missing.contains("hold-thanks"))
        XCTAssertFalse(r.review(Self.call("h2", [(.staff, "您好。"), (.staff, "请稍等。"), (.staff, "谢谢您的耐心等待，再见。")])).missing.contains("hold-thanks"))
        // A thank-you before the hold does not count.
        XCTAssertTrue(r.review(Self.call("h3", [(.staff, "您好，让您久等了。"), (.staff, "请稍等。"), (.staff, "好的，再见。")])).missing.contains("hold-thanks"))
    }

    func testCallWithoutStaffTurnsHasNoMissingSteps() throws {
        let review = try reviewer().review(Self.call("x", [(.customer, "你们怎么回事，我要投诉！")]))
        XCTAssertEqual(review.missing, [])
        XCTAssertEqual(review.findings.count, 0)
    }

    func testBaselineFingerprintsIgnorePositionAndCountRepeats() throws {
        let r = try reviewer()
        let a = r.review(Self.call("B", [(.staff, "您好。"), (.staff, "办不了。"), (.staff, "再见。")]))
        let b = r.review(Self.call("B", [(.staff, "您好。"), (.customer, "能办吗？"), (.staff, "这个真办不了。"), (.staff, "再见。")]))
        var accepted = Baseline()
        accepted.add(a)
        let filtered = accepted.filter(b, scoring: r.scoring)
        XCTAssertEqual(filtered.findings.count, 0, "same call, rule and words elsewhere: still accepted")
        XCTAssertEqual(filtered.score, 100)

        let twice = r.review(Self.call("B", [(.staff, "您好。"), (.staff, "办不了。"), (.staff, "还是办不了。"), (.staff, "再见。")]))
        let prints = Baseline.fingerprints(of: twice).filter { $0.contains("\t办不了\t") }
        XCTAssertEqual(prints.map { $0.split(separator: "\t").last.map(String.init) }, ["0", "1"])
        let shown = accepted.filter(twice, scoring: r.scoring)
        XCTAssertEqual(shown.findings.map(\.turn), [2], "the second 办不了 is new")

        let otherCall = r.review(Self.call("B2", [(.staff, "您好。"), (.staff, "办不了。"), (.staff, "再见。")]))
        XCTAssertEqual(accepted.filter(otherCall, scoring: r.scoring).findings.count, otherCall.findings.count, "fingerprints are per call id")
    }

    func testBaselineRoundTripsThroughAFile() throws {
        let r = try reviewer()
        var accepted = Baseline()
        accepted.add(r.review(Self.call("F\t1", [(.staff, "你等一下。")])))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("huashu-baseline-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try accepted.write(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("#"))
        XCTAssertEqual(try Baseline(contentsOf: path).fingerprints, accepted.fingerprints)
    }

    func testSummaryGroupsByAgent() throws {
        let r = try reviewer()
        var summary = ReviewSummary()
        summary.add(r.review(Self.call("1", agent: "A", [(.staff, "您好。"), (.staff, "再见。")])))
        summary.add(r.review(Self.call("2", agent: "A", [(.staff, "您好。"), (.staff, "办不了。"), (.staff, "再见。")])))
        summary.add(r.review(Self.call("3", [(.staff, "你好。"), (.staff, "再见。")])))
        XCTAssertEqual(summary.overall.calls, 3)
        XCTAssertEqual(summary.byAgent["A"]?.calls, 2)
        XCTAssertEqual(summary.byAgent[ReviewSummary.unknownAgent]?.calls, 1)
        XCTAssertEqual(summary.byAgent["A"]?.worst.first?.id, "2")
        XCTAssertEqual(summary.overall.findingsByCategory[.refusal], 1)
        XCTAssertNil(summary.overall.findingsByCategory[.structure], "missing steps are counted as steps")
        XCTAssertEqual(summary.overall.missingBySteps["commitment"], 1)
    }

    /// The plain-text summary is for people: one decimal at most, like the HTML report.
    func testTextSummaryShowsRoundedMeans() throws {
        let r = try reviewer()
        var summary = ReviewSummary()
        summary.add(r.review(Self.call("1", agent: "A", [(.staff, "您好。"), (.staff, "再见。")])))
        summary.add(r.review(Self.call("2", agent: "A", [(.staff, "请讲。"), (.staff, "再见。")])))
        summary.add(r.review(Self.call("3", agent: "A", [(.staff, "您好。"), (.staff, "再见。")])))
        XCTAssertEqual(summary.overall.meanScore, 295.0 / 3, accuracy: 1e-9)
        let text = ReviewText.summary(summary)
        XCTAssertTrue(text.contains("平均得分 98.3\n"), text)
        XCTAssertTrue(text.contains("A：3 通，平均 98.3，"), text)
    }
}
