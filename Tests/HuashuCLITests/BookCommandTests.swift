import Foundation
import XCTest

/// Runs the built `huashu` binary for the `book` command tests.
private enum BookCLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
    }

    /// The binary under test, found as for the other end-to-end tests.
    static var binary: URL { HuashuBinary.url }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("HuashuTests/Fixtures/book")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryDirectory(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("huashu-book-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}

final class BookCommandTests: XCTestCase {
    // MARK: new → lint → test

    func testNewBookPassesLintAndTestOutOfTheBox() throws {
        let dir = try BookCLI.temporaryDirectory(self)
        let created = try BookCLI.run(["book", "new", "mybank"], in: dir)
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertTrue(created.stdout.contains("mybank/book.yaml"))
        let lint = try BookCLI.run(["book", "lint", "mybank"], in: dir)
        XCTAssertEqual(lint.status, 0, lint.stdout + lint.stderr)
        XCTAssertTrue(lint.stdout.hasSuffix("1 个文件：0 个错误，0 个警告\n"), lint.stdout)
        let test = try BookCLI.run(["book", "test", "mybank"], in: dir)
        XCTAssertEqual(test.status, 0, test.stdout + test.stderr)
        XCTAssertEqual(test.stdout, "2 passed, 0 failed\n", "only the new book's own rule")
        let show = try BookCLI.run(["book", "show", "--resolved", "mybank"], in: dir)
        XCTAssertEqual(show.status, 0, show.stderr)
        XCTAssertTrue(show.stdout.contains("jargon.bank-crm-system"))
        XCTAssertTrue(show.stdout.contains("来自 mybank/book.yaml:"), show.stdout)
        let again = try BookCLI.run(["book", "new", "mybank"], in: dir)
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("已经存在"))
        let single = try BookCLI.run(["book", "new", "other.yaml", "--format", "json"], in: dir)
        XCTAssertEqual(single.status, 0, single.stderr)
        XCTAssertEqual((single.json as? [String: Any])?["created"] as? String, "other.yaml")
        XCTAssertEqual(try BookCLI.run(["book", "lint", "other.yaml"], in: dir).status, 0)
    }

    // MARK: lint

    func testLintCleanBook() throws {
        let r = try BookCLI.run(["book", "lint", BookCLI.fixture("lint/clean.yaml")])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertEqual(r.stdout, "1 个文件：0 个错误，0 个警告\n")
    }

    func testLintReportsEachMistakeWithLocationSeverityAndHint() throws {
        let cases: [(file: String, kinds: [String], status: Int32)] = [
            ("duplicate-id", ["duplicate-id", "duplicate-id"], 1),
            ("duplicate-pattern", ["duplicate-pattern"], 1),
            ("boundary", ["boundary"], 1),
            ("exception", ["exception-cancels-all"], 1),
            ("wording", ["suggestion-fires", "line-fires", "step-fires"], 1),
            ("unknown-category", ["unknown-category"], 1),
            ("unknown-tag", ["unknown-tag"], 1),
            ("empty-message", ["empty-message"], 1),
            ("no-examples", ["no-examples", "no-examples"], 0),
        ]
        for c in cases {
            let path = BookCLI.fixture("lint/\(c.file).yaml")
            let json = try BookCLI.run(["book", "lint", "--format", "json", path])
            XCTAssertEqual(json.status, c.status, c.file)
            let object = try XCTUnwrap(json.json as? [String: Any], "\(c.file): \(json.stdout)")
            let problems = try XCTUnwrap(object["problems"] as? [[String: Any]])
            XCTAssertEqual(problems.map { $0["kind"] as? String ?? "" }, c.kinds, c.file)
            for p in problems {
                XCTAssertTrue((p["file"] as? String ?? "").hasSuffix("\(c.file).yaml"), c.file)
                XCTAssertGreaterThan(p["line"] as? Int ?? 0, 0, c.file)
                XCTAssertGreaterThan(p["column"] as? Int ?? 0, 0, c.file)
                XCTAssertEqual(p["severity"] as? String, c.status == 0 ? "warning" : "error", c.file)
                XCTAssertFalse((p["hint"] as? String ?? "").isEmpty, c.file)
            }

            let text = try BookCLI.run(["book", "lint", path])
            XCTAssertEqual(text.status, c.status, c.file)
            let lines = text.stdout.split(separator: "\n").map(String.init)
            let label = c.status == 0 ? "警告" : "错误"
            XCTAssertEqual(lines.filter { $0.contains(".yaml:") && $0.contains(": \(label): ") }.count, c.kinds.count, "\(c.file): \(text.stdout)")
            XCTAssertEqual(lines.filter { $0.hasPrefix("    提示：") }.count, c.kinds.count, c.file)
        }
    }

    func testLintLayeringErrorsAndUnreadablePaths() throws {
        for name in ["cycle-a", "missing-parent", "bad-override"] {
            let r = try BookCLI.run(["book", "lint", BookCLI.fixture("layers/\(name).yaml")])
            XCTAssertEqual(r.status, 1, "\(name): \(r.stdout)")
            XCTAssertTrue(r.stdout.contains(": 错误: "), name)
        }
        let missing = try BookCLI.run(["book", "lint", "/no/such/book.yaml"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("不存在"))
        XCTAssertEqual(try BookCLI.run(["book", "lint", "--format", "xml"]).status, 2)
    }

    // MARK: test

    func testTestSummaryAndFailureDetails() throws {
        let ok = try BookCLI.run(["book", "test", BookCLI.fixture("lint/clean.yaml")])
        XCTAssertEqual(ok.status, 0)
        XCTAssertEqual(ok.stdout, "2 passed, 0 failed\n")

        let bad = try BookCLI.run(["book", "test", BookCLI.fixture("lint/exception.yaml")])
        XCTAssertEqual(bad.status, 1)
        let lines = bad.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.last, "0 passed, 2 failed")
        XCTAssertTrue(lines[0].hasSuffix("exception.yaml:10:14: 失败: fire 示例没有触发规则 “refusal.flat-no”"), lines[0])
        XCTAssertEqual(lines[1], "    示例：不行，今天零钱已经换完了。")
        XCTAssertEqual(lines[2], "    期望：触发 refusal.flat-no")
        XCTAssertEqual(lines[3], "    实际：没有触发任何规则")

        let dir = try BookCLI.temporaryDirectory(self)
        let book = dir.appendingPathComponent("pass.yaml")
        try """
        rules:
          - id: refusal.flat-no
            category: refusal
            message: 不要直接说“不行”。
            patterns: [不行]
            examples:
              fire: [不行。]
              pass: [这样不行使权利。, 这个真不行。]
        """.write(to: book, atomically: true, encoding: .utf8)
        let pass = try BookCLI.run(["book", "test", book.path])
        XCTAssertEqual(pass.status, 1)
        XCTAssertTrue(pass.stdout.contains("pass 示例触发了规则 “refusal.flat-no”"), pass.stdout)
        XCTAssertTrue(pass.stdout.contains("    期望：不触发 refusal.flat-no\n    实际：触发了 refusal.flat-no（“不行”，第4列）"), pass.stdout)
        XCTAssertTrue(pass.stdout.hasSuffix("\n2 passed, 1 failed\n"), pass.stdout)

        let json = try BookCLI.run(["book", "test", "--format", "json", book.path])
        let object = try XCTUnwrap(json.json as? [String: Any])
        XCTAssertEqual(object["passed"] as? Int, 2)
        XCTAssertEqual(object["failed"] as? Int, 1)
        let failure = try XCTUnwrap((object["failures"] as? [[String: Any]])?.first)
        XCTAssertEqual(failure["expected"] as? String, "pass")
        XCTAssertEqual((failure["fired"] as? [[String: Any]])?.first?["match"] as? String, "不行")

        XCTAssertEqual(try BookCLI.run(["book", "test", "--rule", "no.such-rule", book.path]).status, 2)
        XCTAssertEqual(try BookCLI.run(["book", "test", BookCLI.fixture("layers/cycle-a.yaml")]).status, 2)
    }

    func testTestBuiltInBook() throws {
        let r = try BookCLI.run(["book", "test"])
        XCTAssertTrue(r.stdout.range(of: #"(^|\n)\d+ passed, \d+ failed\n$"#, options: .regularExpression) != nil, r.stdout)
    }

    // MARK: show

    func testShowResolvedLayers() throws {
        let child = BookCLI.fixture("layers/child.yaml")
        let text = try BookCLI.run(["book", "show", "--resolved", child])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("话术库：2 个文件，2 条规则，1 条话术，1 个场景"), text.stdout)
        XCTAssertTrue(text.stdout.contains("refusal.flat-no  [refusal 直接拒绝 · error]  本行要求：不得直接说“不行”。"), text.stdout)
        XCTAssertTrue(text.stdout.contains("base.yaml:2；覆盖于 "), text.stdout)
        XCTAssertTrue(text.stdout.contains("child.yaml:6:5"), text.stdout)
        XCTAssertTrue(text.stdout.contains("禁用规则 vague-wait.wait-a-bit"), text.stdout)
        XCTAssertTrue(text.stdout.contains("禁用类别 jargon"), text.stdout)

        let json = try BookCLI.run(["book", "show", "--resolved", "--format", "json", child])
        let object = try XCTUnwrap(json.json as? [String: Any])
        let rules = try XCTUnwrap(object["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.map { $0["id"] as? String ?? "" }, ["refusal.flat-no", "blame.your-fault"])
        XCTAssertEqual(rules[0]["severity"] as? String, "error")
        XCTAssertTrue((rules[0]["defined"] as? String ?? "").hasSuffix("base.yaml:2"))
        XCTAssertEqual((rules[0]["overrides"] as? [String])?.count, 1)
        XCTAssertEqual((object["disabled"] as? [String])?.count, 2)
        let files = try XCTUnwrap(object["files"] as? [[String: Any]])
        XCTAssertEqual(files.map { $0["lines"] as? Int ?? -1 }, [1, 0])
        XCTAssertEqual(files.map { $0["scenarios"] as? Int ?? -1 }, [1, 0])

        let brief = try BookCLI.run(["book", "show", child])
        XCTAssertEqual(brief.status, 0)
        XCTAssertFalse(brief.stdout.contains("生效的规则"))

        for name in ["cycle-a", "missing-parent"] {
            let r = try BookCLI.run(["book", "show", "--resolved", BookCLI.fixture("layers/\(name).yaml")])
            XCTAssertEqual(r.status, 2, name)
            XCTAssertTrue(r.stderr.contains("extends"), r.stderr)
        }
    }

    // MARK: stats, coverage, mine

    func testStats() throws {
        let text = try BookCLI.run(["book", "stats", BookCLI.fixture("lint/clean.yaml")])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("规则 1 条，话术 1 条，场景 1 个"), text.stdout)
        XCTAssertTrue(text.stdout.contains("refusal 1，ignorance 0"), text.stdout)
        let json = try BookCLI.run(["book", "stats", "--format", "json", BookCLI.fixture("lint/no-examples.yaml")])
        let object = try XCTUnwrap(json.json as? [String: Any])
        XCTAssertEqual(object["rules_without_examples"] as? [String], ["refusal.flat-no", "refusal.cannot-do"])
        XCTAssertEqual((object["rules_by_category"] as? [String: Int])?["refusal"], 2)
    }

    func testCoverage() throws {
        let dir = try BookCLI.temporaryDirectory(self)
        try "不行，今天零钱已经换完了。\n\n不行！\n您好，请坐。\n".write(to: dir.appendingPathComponent("drafts.txt"), atomically: true, encoding: .utf8)
        try #"{"id": "r1", "text": "这个不可以。"}"#.write(to: dir.appendingPathComponent("more.jsonl"), atomically: true, encoding: .utf8)
        let book = BookCLI.fixture("lint/clean.yaml")
        let text = try BookCLI.run(["book", "coverage", book, "--corpus", dir.path])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("语料：4 条文本，其中 3 条有问题"), text.stdout)
        XCTAssertTrue(text.stdout.contains("refusal.flat-no  3 次（3 条文本）"), text.stdout)
        XCTAssertTrue(text.stdout.contains("不行 ×2，不可以 ×1"), text.stdout)
        let json = try BookCLI.run(["book", "coverage", "--format", "json", book, "--corpus", dir.appendingPathComponent("drafts.txt").path])
        let object = try XCTUnwrap(json.json as? [String: Any])
        XCTAssertEqual(object["texts"] as? Int, 3)
        XCTAssertEqual(object["never_fired"] as? [String], [])
        XCTAssertEqual(((object["rules"] as? [[String: Any]])?.first?["top"] as? [[String: Any]])?.first?["match"] as? String, "不行")
        XCTAssertEqual(try BookCLI.run(["book", "coverage", book, "--corpus", dir.appendingPathComponent("none").path]).status, 2)
        XCTAssertEqual(try BookCLI.run(["book", "coverage", book]).status, 2, "--corpus is required")
    }

    func testMineWritesAYAMLStub() throws {
        let book = BookCLI.fixture("mine/book.yaml")
        let corpus = BookCLI.fixture("mine")
        let r = try BookCLI.run(["book", "mine", book, "--corpus", corpus])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("rules:\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("- id: candidate.01\n    category: CATEGORY"), r.stdout)
        XCTAssertTrue(r.stdout.contains("      - \"我也没辙\"\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("投诉前一句 6/8 句"), r.stdout)

        let dir = try BookCLI.temporaryDirectory(self)
        let stub = dir.appendingPathComponent("candidates.yaml")
        try r.stdout.replacingOccurrences(of: "category: CATEGORY", with: "category: refusal").write(to: stub, atomically: true, encoding: .utf8)
        let lint = try BookCLI.run(["book", "lint", "--format", "json", stub.path])
        let problems = try XCTUnwrap((lint.json as? [String: Any])?["problems"] as? [[String: Any]])
        XCTAssertFalse(problems.contains { ["load", "unknown-category"].contains($0["kind"] as? String ?? "") }, lint.stdout)

        let json = try BookCLI.run(["book", "mine", "--format", "json", book, "--corpus", corpus, "--limit", "1"])
        let object = try XCTUnwrap(json.json as? [String: Any])
        XCTAssertEqual(object["complaint_calls"] as? Int, 8)
        let candidates = try XCTUnwrap(object["candidates"] as? [[String: Any]])
        XCTAssertEqual(candidates.count, 1)
        XCTAssertEqual(candidates[0]["pattern"] as? String, "我也没辙")
        XCTAssertEqual((candidates[0]["examples"] as? [[String: Any]])?.count, 3)

        XCTAssertEqual(try BookCLI.run(["book", "mine", BookCLI.fixture("lint/clean.yaml"), "--corpus", corpus]).status, 2,
                       "a book without a complaint cue")
    }
}
