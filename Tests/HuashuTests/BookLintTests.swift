import Foundation
import XCTest
@testable import Huashu

/// Fixtures of `Fixtures/book/`, by path in the source tree (lint reports point into them).
enum BookFixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/book")
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A fresh temporary directory, removed by the caller's `addTeardownBlock`.
    static func temporaryDirectory(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("huashu-book-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}

final class BookLintTests: XCTestCase {
    private func lint(_ name: String) -> BookLintReport {
        BookLinter.lint(paths: [BookFixture.path("lint/\(name).yaml")])
    }

    private func only(_ report: BookLintReport, _ kind: BookProblem.Kind, file: StaticString = #filePath, line: UInt = #line) -> [BookProblem] {
        let others = report.problems.filter { $0.kind != kind }
        XCTAssertTrue(others.isEmpty, "unexpected problems: \(others)", file: file, line: line)
        return report.problems.filter { $0.kind == kind }
    }

    func testCleanBookHasNoProblems() {
        let report = lint("clean")
        XCTAssertEqual(report.problems.map(\.description), [])
        XCTAssertEqual(report.files.map { URL(fileURLWithPath: $0).lastPathComponent }, ["clean.yaml"])
    }

    func testDuplicateRuleAndLineIDs() {
        let problems = only(lint("duplicate-id"), .duplicateID)
        XCTAssertEqual(problems.map(\.location.line), [8, 18])
        XCTAssertTrue(problems.allSatisfy { $0.severity == .error })
        XCTAssertTrue(problems[0].message.contains("refusal.flat-no"))
        XCTAssertTrue(problems[0].message.contains("duplicate-id.yaml:2:5"), problems[0].message)
        XCTAssertTrue(problems[0].hint.contains("override"))
        XCTAssertTrue(problems[1].message.contains("thanks.basic"))
    }

    func testSamePatternAfterFoldingInTwoRules() {
        let problems = only(lint("duplicate-pattern"), .duplicatePattern)
        XCTAssertEqual(problems.count, 1)
        XCTAssertEqual(problems[0].severity, .error)
        XCTAssertEqual(problems[0].location.line, 12)
        XCTAssertEqual(problems[0].location.column, 16)  // the pattern itself, not its rule
        XCTAssertTrue(problems[0].message.contains("jargon.atm") && problems[0].message.contains("impolite.atm-again"))
    }

    func testPatternThatNeverFallsOnAWordBoundary() {
        let problems = only(lint("boundary"), .boundary)
        XCTAssertEqual(problems.count, 1, "办不了 matches; only 办不 is cut by the boundary (办 | 不了)")
        XCTAssertEqual(problems[0].location.line, 7)
        XCTAssertTrue(problems[0].message.contains("办不"))
        XCTAssertTrue(problems[0].message.contains("这个 | 办 | 不了"), problems[0].message)
        XCTAssertTrue(problems[0].hint.contains("boundary"))
    }

    func testExceptionThatCancelsEveryExample() {
        let problems = only(lint("exception"), .exceptionCancelsAll)
        XCTAssertEqual(problems.count, 1, "after: 使 cancels nothing; sentence: 今天 cancels both examples")
        XCTAssertEqual(problems[0].location.line, 8)
        XCTAssertTrue(problems[0].message.contains("sentence: 今天"))
    }

    func testApprovedWordingThatTriggersARule() {
        let problems = lint("wording").problems
        XCTAssertEqual(problems.map(\.kind), [.suggestionFires, .lineFires, .stepFires])
        XCTAssertEqual(problems.map(\.location.line), [7, 13, 20])
        XCTAssertTrue(problems.allSatisfy { $0.severity == .error && $0.message.contains("refusal.flat-no") })
    }

    func testUnknownCategoryWithAGuess() {
        let problems = only(lint("unknown-category"), .unknownCategory)
        XCTAssertEqual(problems.count, 1)
        XCTAssertEqual(problems[0].location.line, 3)
        XCTAssertTrue(problems[0].hint.contains("“refusal”"), problems[0].hint)
    }

    func testUnknownTagWithAGuess() {
        let problems = only(lint("unknown-tag"), .unknownTag)
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems[0].hint.contains("“empathy”"), problems[0].hint)
    }

    func testEmptyMessage() {
        let problems = only(lint("empty-message"), .emptyMessage)
        XCTAssertEqual(problems.map(\.location.line), [4])
    }

    func testRulesWithoutExamplesAreWarnings() {
        let report = lint("no-examples")
        let problems = only(report, .noExamples)
        XCTAssertEqual(problems.count, 2)
        XCTAssertTrue(problems.allSatisfy { $0.severity == .warning })
        XCTAssertEqual(report.errorCount, 0)
        XCTAssertEqual(report.warningCount, 2)
    }

    func testLayeringMistakesAreLoadErrors() {
        for (name, text) in [("cycle-a", "循环"), ("missing-parent", "不存在"), ("bad-override", "refusal.no-such-rule")] {
            let report = BookLinter.lint(paths: [BookFixture.path("layers/\(name).yaml")])
            XCTAssertEqual(report.problems.count, 1, name)
            XCTAssertEqual(report.problems.first?.kind, .load, name)
            XCTAssertTrue(report.problems.first?.message.contains(text) ?? false, "\(name): \(report.problems)")
        }
    }

    func testInheritedEntriesAreNotBlamedOnTheChild() throws {
        let dir = try BookFixture.temporaryDirectory(self)
        try """
        rules:
          - id: refusal.flat-no
            category: refusal
            message: 不要直接说“不行”。
            patterns: [不行]
        """.write(to: dir.appendingPathComponent("parent.yaml"), atomically: true, encoding: .utf8)
        try "extends: parent.yaml\nrules: []\n".write(to: dir.appendingPathComponent("child.yaml"), atomically: true, encoding: .utf8)
        let child = dir.appendingPathComponent("child.yaml").path
        XCTAssertEqual(BookLinter.lint(paths: [child], own: [child]).problems.count, 0)
        XCTAssertEqual(BookLinter.lint(paths: [child]).problems.map(\.kind), [.noExamples])
    }

    func testNewBookTemplatePassesLintAndTest() throws {
        let dir = try BookFixture.temporaryDirectory(self)
        let file = try BookTemplate.create(at: dir.appendingPathComponent("mybank").path)
        XCTAssertTrue(file.hasSuffix("mybank/book.yaml"))
        let report = BookLinter.lint(paths: [file], own: [file])
        XCTAssertEqual(report.problems.map(\.description), [])
        let book = try Phrasebook.load(paths: [file])
        XCTAssertTrue(book.files.count > 1, "extends the built-in book")
        let own = Set(book.rules.filter { $0.location.file == file }.map(\.id))
        XCTAssertEqual(own.count, 1)
        let result = BookTestResult(analyzer: try Analyzer(phrasebook: book), ruleIDs: own)
        XCTAssertEqual(result.failures.count, 0)
        XCTAssertEqual(result.passed, 2)
        XCTAssertThrowsError(try BookTemplate.create(at: dir.appendingPathComponent("mybank").path), "never overwrites")
        XCTAssertEqual(try BookTemplate.create(at: dir.appendingPathComponent("other.yaml").path), dir.appendingPathComponent("other.yaml").path)
    }
}
