import XCTest
@testable import Huashu

/// The built-in zh-CN phrasebook: it loads, and every rule's own examples hold.
final class DefaultPhrasebookTests: XCTestCase {

    func testBuiltInPhrasebookLoads() throws {
        let book: Phrasebook
        do {
            book = try Phrasebook.builtIn()
        } catch {
            return XCTFail("the built-in phrasebook does not load:\n\(error)")
        }
        XCTAssertFalse(book.rules.isEmpty, "the built-in phrasebook has no rules")
        XCTAssertFalse(book.files.isEmpty)
        for rule in book.rules {
            XCTAssertFalse(rule.patterns.isEmpty, "\(rule.location): \(rule.id) has no patterns")
            XCTAssertNotEqual(rule.category, .structure, "\(rule.location): \(rule.id)")
        }
        XCTAssertEqual(Set(book.rules.map(\.id)).count, book.rules.count, "rule ids must be unique")
    }

    func testEveryBuiltInRuleExampleHolds() throws {
        let book: Phrasebook
        do {
            book = try Phrasebook.builtIn()
        } catch {
            return XCTFail("the built-in phrasebook does not load:\n\(error)")
        }
        let report = ExampleRunner(analyzer: try Analyzer(phrasebook: book)).run()
        XCTAssertGreaterThan(report.total, 0, "the built-in phrasebook has no examples")
        if !report.failures.isEmpty {
            let list = report.failures.map { "  " + $0.description.replacingOccurrences(of: "\n", with: "\n  ") }
            XCTFail("\(report.failures.count) of \(report.total) built-in examples do not hold:\n" + list.joined(separator: "\n"))
        }
    }

    func testExampleRunnerReportsEachFailingExample() throws {
        // The runner itself, on a small book with one wrong fire and one wrong pass example.
        let yaml = """
        rules:
          - id: refusal.no
            category: refusal
            message: 测试
            patterns: [不行]
            examples:
              fire: [不行。, 可以。]
              pass: [可以。, 这个不行。]
        """
        let report = ExampleRunner(analyzer: try TestBook.analyzer(yaml)).run()
        XCTAssertEqual(report.total, 4)
        XCTAssertEqual(report.passed, 2)
        XCTAssertEqual(report.failures.map(\.example), ["可以。", "这个不行。"])
        XCTAssertEqual(report.failures.map(\.expectedToFire), [true, false])
        XCTAssertEqual(report.failures.last?.fired, ["refusal.no"])
        XCTAssertTrue(report.failures.first?.description.hasPrefix("<memory>:2:5:") ?? false,
                      report.failures.first?.description ?? "")
    }
}
