import Foundation
import XCTest
@testable import Huashu

final class BookLayeringTests: XCTestCase {
    func testRelativeExtendsDisableAndOverride() throws {
        let book = try Phrasebook.load(paths: [BookFixture.path("layers/child.yaml")])
        XCTAssertEqual(book.files.map { URL(fileURLWithPath: $0).lastPathComponent }, ["base.yaml", "child.yaml"])
        XCTAssertEqual(book.rules.map(\.id), ["refusal.flat-no", "blame.your-fault"], "disabled by id and by category")
        let flat = try XCTUnwrap(book.rules.first)
        XCTAssertEqual(flat.severity, .error)
        XCTAssertEqual(flat.message, "本行要求：不得直接说“不行”。")
        XCTAssertTrue(flat.location.file.hasSuffix("base.yaml"))
        XCTAssertEqual(flat.overrides.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line)" }, ["child.yaml:6"])
        XCTAssertEqual(book.provenance.count, 2)
        XCTAssertTrue(book.provenance[0].contains("vague-wait.wait-a-bit"))
        XCTAssertTrue(book.provenance[1].contains("jargon"))
        XCTAssertEqual(book.lines.map(\.id), ["thanks.basic"])
        XCTAssertEqual(book.scenarios.map(\.id), ["base-scenario"])
    }

    func testExtendsBuiltinAndDisablesOneOfItsRules() throws {
        let builtin = try Phrasebook.builtIn()
        let victim = try XCTUnwrap(builtin.rules.first).id
        let dir = try BookFixture.temporaryDirectory(self)
        let file = dir.appendingPathComponent("bank.yaml")
        try """
        extends: builtin
        disable:
          rules: [\(victim)]
        rules:
          - id: jargon.bank-only
            category: jargon
            message: 说“自动存取款机”。
            patterns: [柜员机]
            examples:
              fire: [您去柜员机取吧。]
        """.write(to: file, atomically: true, encoding: .utf8)
        let book = try Phrasebook.load(paths: [file.path])
        XCTAssertEqual(book.rules.count, builtin.rules.count)
        XCTAssertFalse(book.rules.contains { $0.id == victim })
        XCTAssertEqual(book.rules.last?.id, "jargon.bank-only")
        XCTAssertEqual(book.lines.count, builtin.lines.count)
        XCTAssertTrue(book.provenance.contains { $0.contains(victim) })
    }

    func testCyclesAndMissingParentsAreClearErrors() {
        func errors(_ name: String) -> [String] {
            do {
                _ = try Phrasebook.load(paths: [BookFixture.path("layers/\(name).yaml")])
                return []
            } catch let e as PhrasebookLoadError {
                return e.errors.map(\.description)
            } catch { return ["\(error)"] }
        }
        let cycle = errors("cycle-a")
        XCTAssertEqual(cycle.count, 1)
        XCTAssertTrue(cycle[0].contains("extends 形成循环：cycle-a.yaml → cycle-b.yaml → cycle-a.yaml"), cycle[0])
        let missing = errors("missing-parent")
        XCTAssertEqual(missing.count, 1)
        XCTAssertTrue(missing[0].contains("missing-parent.yaml:1:10"), missing[0])
        XCTAssertTrue(missing[0].contains("“./no-such-book.yaml” 不存在"), missing[0])
    }
}
