import XCTest
@testable import Huashu

/// A malformed phrasebook is never skipped: loading fails and every problem is
/// reported as `file:line:column: 错误: message`, at the place to fix.
final class MalformedPhrasebookTests: XCTestCase {

    /// Loads fixture `malformed/<name>` and returns its errors (failing when it loads).
    private func loadErrors(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> (path: String, errors: [PhrasebookError]) {
        let path = try CoreFixture.path(name, file: file, line: line)
        do {
            let book = try Phrasebook.load(contentsOf: path)
            XCTFail("\(name) loaded with \(book.rules.count) rules instead of failing", file: file, line: line)
            return (path, [])
        } catch let error as PhrasebookLoadError {
            XCTAssertFalse(error.errors.isEmpty, "a load error without problems", file: file, line: line)
            return (path, error.errors)
        }
    }

    /// Asserts that fixture `name` fails with exactly one problem at `line:column` whose message mentions `mention`.
    private func assertSingleError(_ name: String, at expectedLine: Int, _ expectedColumn: Int, mentioning mention: String,
                                   file: StaticString = #filePath, line: UInt = #line) throws {
        let (path, errors) = try loadErrors("malformed/" + name, file: file, line: line)
        XCTAssertEqual(errors.count, 1, "expected one problem, got:\n\(errors.map(\.description).joined(separator: "\n"))", file: file, line: line)
        guard let e = errors.first else { return }
        XCTAssertEqual(e.location.file, path, file: file, line: line)
        XCTAssertEqual("\(e.location.line):\(e.location.column)", "\(expectedLine):\(expectedColumn)", e.description, file: file, line: line)
        XCTAssertTrue(e.message.contains(mention), "“\(e.message)” should mention “\(mention)”", file: file, line: line)
        XCTAssertTrue(e.description.hasPrefix("\(path):\(expectedLine):\(expectedColumn): 错误: "), e.description, file: file, line: line)
    }

    // MARK: One problem each

    func testYAMLSyntaxErrorIsReportedWhereTheParserStops() throws {
        // `message: [unclosed` — libyaml notices at the next key (line 5, column 13).
        try assertSingleError("yaml-syntax.yaml", at: 5, 13, mentioning: "YAML")
    }

    func testTabIndentationIsAYAMLErrorAtTheTab() throws {
        try assertSingleError("yaml-tab.yaml", at: 3, 1, mentioning: "YAML")
    }

    func testControlCharacterIsAYAMLErrorAtThatCharacter() throws {
        // A BEL byte after `    message: 不要` on line 4, column 16.
        try assertSingleError("control-character.yaml", at: 4, 16, mentioning: "YAML")
    }

    func testUnknownCategoryPointsAtTheValue() throws {
        try assertSingleError("unknown-category.yaml", at: 3, 15, mentioning: "refusals")
    }

    func testMissingMessagePointsAtTheRule() throws {
        try assertSingleError("missing-message.yaml", at: 2, 5, mentioning: "message")
    }

    func testMissingPatternsPointsAtTheRule() throws {
        try assertSingleError("missing-patterns.yaml", at: 2, 5, mentioning: "patterns")
    }

    func testUnparseablePatternPointsAtTheOffendingCharacter() throws {
        // `      - (你|您去问别人`: the unclosed parenthesis is column 9.
        try assertSingleError("bad-pattern.yaml", at: 7, 9, mentioning: "(你|您去问别人")
    }

    func testUnparseableQuotedPatternInAFlowListPointsInsideTheQuotes() throws {
        // `    patterns: ["不行", "a|"]`: the `|` with nothing after it is column 24.
        try assertSingleError("bad-pattern-quoted.yaml", at: 5, 24, mentioning: "a|")
    }

    func testUnparseableExceptionPatternPointsAtTheOffendingCharacter() throws {
        // `      - after: 使(用`: the unclosed parenthesis is column 17.
        try assertSingleError("bad-exception-pattern.yaml", at: 7, 17, mentioning: "使(用")
    }

    func testUnknownRuleKeyPointsAtTheKey() throws {
        try assertSingleError("unknown-key.yaml", at: 6, 5, mentioning: "severty")
    }

    func testUnknownExceptionScopePointsAtTheScope() throws {
        try assertSingleError("unknown-scope.yaml", at: 7, 9, mentioning: "befor")
    }

    func testUnknownTopLevelKeyPointsAtTheKey() throws {
        try assertSingleError("unknown-top-level-key.yaml", at: 1, 1, mentioning: "rulez")
    }

    func testDuplicateRuleIDPointsAtTheSecondRuleAndNamesTheFirst() throws {
        try assertSingleError("duplicate-id.yaml", at: 6, 5, mentioning: "refusal.no")
        let (path, errors) = try loadErrors("malformed/duplicate-id.yaml")
        XCTAssertTrue(errors.first?.message.contains("\(path):2:5") ?? false, errors.first?.message ?? "")
    }

    func testUnknownLineReferenceIsAnError() throws {
        try assertSingleError("unknown-line-reference.yaml", at: 2, 5, mentioning: "alternative.nope")
    }

    func testInvalidUTF8NamesTheByteLineAndColumn() throws {
        // `    message: 不要` then 0xFF: line 4, column 16, byte 67 (0-based) of the file.
        try assertSingleError("invalid-utf8.yaml", at: 4, 16, mentioning: "UTF-8")
        let (_, errors) = try loadErrors("malformed/invalid-utf8.yaml")
        XCTAssertTrue(errors.first?.message.contains("67") ?? false, errors.first?.message ?? "")
    }

    // MARK: Several problems, several files

    func testEveryProblemInAFileIsReported() throws {
        let (path, errors) = try loadErrors("malformed/several-problems.yaml")
        let located = Set(errors.map { "\($0.location.line):\($0.location.column)" })
        XCTAssertEqual(located, ["6:15", "7:16", "8:15"], errors.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(errors.allSatisfy { $0.location.file == path })
    }

    func testDuplicateIDAcrossFilesOfADirectoryPointsAtTheLaterFile() throws {
        let directory = try CoreFixture.path("split-duplicate")
        do {
            _ = try Phrasebook.load(contentsOf: directory)
            XCTFail("a book with a duplicated rule id loaded")
        } catch let error as PhrasebookLoadError {
            XCTAssertEqual(error.errors.count, 1, error.description)
            let e = try XCTUnwrap(error.errors.first)
            XCTAssertEqual(URL(fileURLWithPath: e.location.file).lastPathComponent, "b.yaml")
            XCTAssertEqual("\(e.location.line):\(e.location.column)", "3:5")
            XCTAssertTrue(e.message.contains("a.yaml:2:5"), e.message)
        }
    }

    func testABadFileInADirectoryFailsTheWholeBook() throws {
        let directory = try CoreFixture.path("mixed-directory")
        do {
            let book = try Phrasebook.load(contentsOf: directory)
            XCTFail("the directory loaded with rules \(book.rules.map(\.id)) although 2-bad.yaml is broken")
        } catch let error as PhrasebookLoadError {
            XCTAssertEqual(error.errors.count, 1, error.description)
            let e = try XCTUnwrap(error.errors.first)
            XCTAssertEqual(URL(fileURLWithPath: e.location.file).lastPathComponent, "2-bad.yaml")
            XCTAssertEqual("\(e.location.line):\(e.location.column)", "3:15")
            XCTAssertTrue(e.message.contains("rudeness"), e.message)
        }
    }

    func testMissingPathIsAnErrorNamingThePath() throws {
        let dir = try CoreFixture.temporaryDirectory(self)
        let missing = dir.appendingPathComponent("nope.yaml").path
        XCTAssertThrowsError(try Phrasebook.load(contentsOf: missing)) { error in
            let e = (error as? PhrasebookLoadError)?.errors.first
            XCTAssertEqual(e?.location.file, missing)
        }
        let empty = dir.appendingPathComponent("empty-dir")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        XCTAssertThrowsError(try Phrasebook.load(contentsOf: empty.path), "a directory without .yaml files is not a book")
    }

    func testInMemoryBookErrorsNameTheGivenFile() throws {
        let yaml = """
        rules:
          - id: refusal.no
            category: refusal
            message: 测试
            patterns:
              - 不…{0}行
        """
        XCTAssertThrowsError(try Phrasebook.parse(yaml: yaml, file: "bank.yaml")) { error in
            XCTAssertEqual((error as? PhrasebookLoadError)?.description.hasPrefix("bank.yaml:6:11: 错误: "), true, "\(error)")
        }
    }

    func testBrokenFilesNeverCrashTheLoader() throws {
        // Odd but possible inputs: each either loads or throws a located error.
        let dir = try CoreFixture.temporaryDirectory(self)
        let inputs: [String: [UInt8]] = [
            "only-bom.yaml": [0xEF, 0xBB, 0xBF],
            "nul.yaml": Array("rules:\n  - id: a\u{0}b\n".utf8),
            "scalar.yaml": Array("不行\n".utf8),
            "list.yaml": Array("- 不行\n- 不可以\n".utf8),
            "rules-scalar.yaml": Array("rules: 不行\n".utf8),
            "rule-scalar.yaml": Array("rules:\n  - 不行\n".utf8),
            "deep.yaml": Array((String(repeating: "[", count: 2000) + String(repeating: "]", count: 2000)).utf8),
            "truncated-utf8.yaml": Array("rules:\n  - id: 不".utf8).dropLast(),
            "anchors.yaml": Array("a: &x [*x]\n".utf8),
        ]
        for (name, bytes) in inputs.sorted(by: { $0.key < $1.key }) {
            let path = dir.appendingPathComponent(name).path
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            do {
                _ = try Phrasebook.load(contentsOf: path)
            } catch let error as PhrasebookLoadError {
                for e in error.errors {
                    XCTAssertEqual(e.location.file, path, name)
                    XCTAssertGreaterThan(e.location.line, 0, "\(name): \(e)")
                    XCTAssertGreaterThan(e.location.column, 0, "\(name): \(e)")
                }
            }
        }
    }
}
