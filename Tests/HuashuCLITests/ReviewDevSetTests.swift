import Foundation
import XCTest

/// The bar on the public development set (`../shared/eval/dev_transcripts.jsonl`
/// relative to the repository root, see its README): `huashu review --format jsonl`
/// reading the file on stdin must find every expected category and every expected
/// missing step, produce nothing from customer turns, and score perfect calls 100.
/// Prints a per-call diff on failure.
final class ReviewDevSetTests: XCTestCase {
    typealias CLI = ReviewCLI

    /// `../shared/eval/dev_transcripts.jsonl` from the repository root, or the file
    /// named by `HUASHU_REVIEW_TRANSCRIPTS` (another set in the same format).
    static let devSet: URL = {
        if let path = ProcessInfo.processInfo.environment["HUASHU_REVIEW_TRANSCRIPTS"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return CLI.root.appendingPathComponent("../shared/eval/dev_transcripts.jsonl").standardizedFileURL
    }()

    struct Gold {
        var id: String
        var turns: [(speaker: String, text: String)]
        var expect: Set<String>
        var expectMissing: Set<String>
        var note: String
        var isPerfect: Bool { expect.isEmpty && expectMissing.isEmpty }
    }

    func loadGold() throws -> (data: Data, calls: [Gold]) {
        guard FileManager.default.fileExists(atPath: Self.devSet.path) else {
            throw XCTSkip("development set not found at \(Self.devSet.path)")
        }
        let data = try Data(contentsOf: Self.devSet)
        var calls: [Gold] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], String(line))
            let turns = (o["turns"] as? [[String: Any]] ?? []).map { ($0["speaker"] as? String ?? "", $0["text"] as? String ?? "") }
            calls.append(Gold(id: o["id"] as? String ?? "?", turns: turns, expect: Set(o["expect"] as? [String] ?? []),
                              expectMissing: Set(o["expect_missing"] as? [String] ?? []), note: o["note"] as? String ?? ""))
        }
        XCTAssertFalse(calls.isEmpty)
        return (data, calls)
    }

    func testDevelopmentSetBar() throws {
        let (data, gold) = try loadGold()
        let r = try CLI.review(["--format", "jsonl"], stdin: data)
        XCTAssertTrue([0, 1].contains(r.status), r.diagnostics)
        let out = CLI.byID(r.calls)
        XCTAssertEqual(r.calls.map(CLI.id), gold.map(\.id), "one output line per call, in input order")

        var problems: [String] = []
        var totals = (expected: 0, found: 0, steps: 0, stepsFound: 0, extraCategories: 0, extraSteps: 0)
        for g in gold {
            guard let call = out[g.id] else { problems.append("\(g.id): no output"); continue }
            let found = Set(CLI.categories(call))
            let missing = Set(CLI.missing(call))
            var issues: [String] = []
            let lostCategories = g.expect.subtracting(found)
            let lostSteps = g.expectMissing.subtracting(missing)
            if !lostCategories.isEmpty { issues.append("missed categories \(lostCategories.sorted())") }
            if !lostSteps.isEmpty { issues.append("missed steps \(lostSteps.sorted())") }
            // Customer turns are context only: no finding may point at one.
            for f in CLI.turnFindings(call) {
                if let t = f["turn"] as? Int, g.turns.indices.contains(t), g.turns[t].speaker != "agent" {
                    issues.append("finding in a \(g.turns[t].speaker) turn \(t): \(f["rule"] ?? "") “\(f["match"] ?? "")”")
                }
            }
            if g.isPerfect, CLI.score(call) != 100 {
                issues.append("perfect call scored \(CLI.score(call).map { String($0) } ?? "nil")")
            }
            totals.expected += g.expect.count
            totals.found += g.expect.intersection(found).count
            totals.steps += g.expectMissing.count
            totals.stepsFound += g.expectMissing.intersection(missing).count
            totals.extraCategories += found.subtracting(g.expect).count
            totals.extraSteps += missing.subtracting(g.expectMissing).count
            if !issues.isEmpty {
                let detail = CLI.turnFindings(call).map { "    turn \($0["turn"] ?? "-") \($0["category"] ?? "") \($0["rule"] ?? "") “\($0["match"] ?? "")”" }
                problems.append("""
                \(g.id) (\(g.note))
                  \(issues.joined(separator: "\n  "))
                  expected categories \(g.expect.sorted()), steps \(g.expectMissing.sorted())
                  found    categories \(found.sorted()), steps \(missing.sorted()), score \(CLI.score(call).map { String($0) } ?? "nil")
                \(detail.joined(separator: "\n"))
                """)
            }
        }
        let line = "dev set: categories \(totals.found)/\(totals.expected), missing steps \(totals.stepsFound)/\(totals.steps), "
            + "extra categories \(totals.extraCategories), extra steps \(totals.extraSteps)"
        print(line)
        if !problems.isEmpty {
            let report = "\(line)\n" + problems.joined(separator: "\n")
            print(report)
            XCTFail(report)
        }
    }

    /// Every customer turn of the set, around a neutral greeting and farewell from
    /// staff: the traps (不行, 神经病, 有病, ATM, 保证 …) must give no finding.
    func testCustomerTurnsOfTheDevelopmentSetGiveNothing() throws {
        let (_, gold) = try loadGold()
        let lines = gold.map { g in
            CLI.callLine("\(g.id)-customer", [("agent", "您好，请问有什么可以帮您？")]
                + g.turns.filter { $0.speaker != "agent" }.map { ($0.speaker, $0.text) }
                + [("agent", "感谢您的来电，再见。")])
        }
        let r = try CLI.review(["--format", "jsonl"], stdin: CLI.jsonl(lines))
        XCTAssertEqual(r.calls.count, gold.count, r.diagnostics)
        var problems: [String] = []
        for call in r.calls {
            let f = CLI.turnFindings(call)
            if !f.isEmpty {
                problems.append("\(CLI.id(call)): " + f.map { "turn \($0["turn"] ?? "-") \($0["rule"] ?? "") “\($0["match"] ?? "")”" }.joined(separator: "; "))
            }
        }
        if !problems.isEmpty {
            print(problems.joined(separator: "\n"))
            XCTFail(problems.joined(separator: "\n"))
        }
    }
}
