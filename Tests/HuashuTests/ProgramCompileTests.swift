import XCTest
@testable import Huashu

/// Compiling and parsing patterns gives what the original, simpler code gave.
final class ProgramCompileTests: XCTestCase {

    private func assertSamePrograms(_ pattern: Pattern, file: StaticString = #filePath, line: UInt = #line) {
        for reversed in [false, true] {
            let got = Program(pattern.root, reversed: reversed)
            let want = ReferenceCompiler(pattern.root, reversed: reversed)
            XCTAssertEqual(got.ops, want.ops, "ops of \(pattern.source), reversed: \(reversed)", file: file, line: line)
            XCTAssertEqual(got.sets, want.sets, "sets of \(pattern.source), reversed: \(reversed)", file: file, line: line)
        }
    }

    func testBuiltInPatternsCompileAsBefore() throws {
        let book = try Phrasebook.builtIn()
        var patterns = book.rules.flatMap { $0.patterns + $0.exceptions.map(\.pattern) }
        patterns += book.cues.values.flatMap { $0 }
        for p in patterns { assertSamePrograms(p) }
    }

    func testRandomPatternsCompileAsBefore() {
        var rng = SplitMix(seed: 0xC0DE)
        for _ in 0..<2000 {
            guard let pattern = try? Pattern(RandomPatterns.make(&rng), allowingEdgeGaps: true) else { continue }
            assertSamePrograms(pattern)
        }
    }

    /// Only `before:` exceptions carry a backward program; matching works without one.
    func testBackwardProgramsOnlyWhereNeeded() throws {
        let book = try Phrasebook.parse(yaml: TestBook.book(TestBook.rule(
            "refusal.test", patterns: ["不行"], exceptions: [(scope: "before", pattern: "这样…"), (scope: "sentence", pattern: "办法")])))
        let rule = try XCTUnwrap(book.rules.first)
        XCTAssertNil(rule.patterns[0].backward)
        XCTAssertNotNil(rule.exceptions[0].pattern.backward)
        XCTAssertNil(rule.exceptions[1].pattern.backward)
        let without = try Pattern("这样…", allowingEdgeGaps: true, backwards: false)
        XCTAssertNil(without.backward)
        let matcher = PatternMatcher(text: CharacterFolding.shared.fold("这样也不行"), forward: false, limit: 0..<3)
        XCTAssertEqual(matcher.ends(of: rule.exceptions[0].pattern, at: 3), [0])
        XCTAssertEqual(matcher.ends(of: without, at: 3), [0])
    }

    /// An empty option is reported at the `|` of its own alternation, nested or not.
    func testEmptyOptionsInNestedAlternations() {
        func offset(_ source: String) -> Int? {
            do { _ = try Pattern(source); return nil } catch { return error.offset }
        }
        XCTAssertEqual(offset("(甲|乙)|"), 5)
        XCTAssertEqual(offset("丙(甲|(乙|))"), 6)
        XCTAssertEqual(offset("(甲|(乙|丙)|)丁"), 8)
    }
}

/// The original pattern compiler, kept as the specification the current one must agree with.
private struct ReferenceCompiler {
    private(set) var ops: [Program.Op] = []
    private(set) var sets: [UInt32] = []

    init(_ node: Pattern.Node, reversed: Bool) {
        emit(node, reversed: reversed)
        ops.append(.match)
    }

    private mutating func emit(_ node: Pattern.Node, reversed: Bool) {
        switch node {
        case .literal(let c): ops.append(.char(c))
        case .oneOf(let s):
            let sorted = s.sorted()
            ops.append(.set(Int32(sets.count), Int32(sorted.count)))
            sets.append(contentsOf: sorted)
        case .digit: ops.append(.digit)
        case .sequence(let items):
            for item in reversed ? items.reversed() : items { emit(item, reversed: reversed) }
        case .alternation(let options):
            var jumps: [Int] = []
            for (k, o) in options.enumerated() {
                if k < options.count - 1 {
                    let split = ops.count
                    ops.append(.split(0, 0))
                    emit(o, reversed: reversed)
                    jumps.append(ops.count)
                    ops.append(.jump(0))
                    ops[split] = .split(Int32(split + 1), Int32(ops.count))
                } else {
                    emit(o, reversed: reversed)
                }
            }
            for j in jumps { ops[j] = .jump(Int32(ops.count)) }
        case .optional(let item):
            let split = ops.count
            ops.append(.split(0, 0))
            emit(item, reversed: reversed)
            ops[split] = .split(Int32(split + 1), Int32(ops.count))
        case .gap(let max):
            var splits: [Int] = []
            for _ in 0..<max {
                splits.append(ops.count)
                ops.append(.split(0, 0))
                ops.append(.gapStep)
            }
            for s in splits { ops[s] = .split(Int32(s + 1), Int32(ops.count)) }
        case .clauseStart: ops.append(.clauseStart)
        case .clauseEnd: ops.append(.clauseEnd)
        }
    }
}
