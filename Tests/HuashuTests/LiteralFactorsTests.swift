import XCTest
@testable import Huashu

/// `LiteralFactors` picks the factors the scan looks for; a different choice
/// changes speed, never results, so these tests pin the choice itself against
/// the original (straightforward, slower) formulation kept below.
final class LiteralFactorsTests: XCTestCase {

    private func assertSameFactors(_ pattern: Pattern, file: StaticString = #filePath, line: UInt = #line) {
        let got = LiteralFactors.of(pattern)
        let want = ReferenceFactors.of(pattern)
        XCTAssertEqual(got?.strings, want?.strings, "strings of \(pattern.source)", file: file, line: line)
        XCTAssertEqual(got?.minOffset, want?.minOffset, "minOffset of \(pattern.source)", file: file, line: line)
        XCTAssertEqual(got?.maxOffset, want?.maxOffset, "maxOffset of \(pattern.source)", file: file, line: line)
    }

    func testExamples() throws {
        let flatNo = try XCTUnwrap(LiteralFactors.of(try Pattern("(不行|不可以)就是(不行|不可以)")))
        XCTAssertEqual(flatNo.strings.map { String(String.UnicodeScalarView($0.compactMap(Unicode.Scalar.init))) },
                       ["不行就是不行", "不行就是不可以", "不可以就是不行", "不可以就是不可以"])
        XCTAssertEqual(flatNo.minOffset, 0)
        XCTAssertEqual(flatNo.maxOffset, 0)
        let gap = try XCTUnwrap(LiteralFactors.of(try Pattern("请…{5}稍等")))
        XCTAssertEqual(gap.strings, [Array("稍等".unicodeScalars.map(\.value))])
        XCTAssertEqual(gap.minOffset, 1)
        XCTAssertEqual(gap.maxOffset, 6)
        XCTAssertNil(LiteralFactors.of(try Pattern("\\d")))
    }

    /// Every pattern of the built-in phrasebook (rules, exceptions and cues).
    func testBuiltInPatternsKeepTheirFactors() throws {
        let book = try Phrasebook.builtIn()
        var patterns = book.rules.flatMap { $0.patterns + $0.exceptions.map(\.pattern) }
        patterns += book.cues.values.flatMap { $0 }
        XCTAssertGreaterThan(patterns.count, 400)
        for p in patterns { assertSameFactors(p) }
    }

    func testRandomPatternsKeepTheirFactors() {
        var rng = SplitMix(seed: 0x5EED)
        var checked = 0
        for _ in 0..<4000 {
            let source = RandomPatterns.make(&rng)
            guard let pattern = try? Pattern(source, allowingEdgeGaps: true) else { continue }
            assertSameFactors(pattern)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 2000)
    }
}

/// Random pattern sources over a small alphabet, so that products, duplicates
/// and ties between candidates are common. Some do not parse.
enum RandomPatterns {
    static func make(_ rng: inout SplitMix, depth: Int = 0) -> String {
        let atoms = ["甲", "乙", "丙", "丁", "甲乙", "[甲乙]", "[甲乙丙丁戊己庚辛壬]", "\\d", "…", "…{3}", "^", "$"]
        var out = ""
        for _ in 0..<(1 + Int(rng.next() % 6)) {
            var item: String
            if depth < 3, rng.next() % 10 < 2 {
                let n = 2 + Int(rng.next() % 4)
                item = "(" + (0..<n).map { _ in make(&rng, depth: depth + 1) }.joined(separator: "|") + ")"
            } else {
                item = atoms[Int(rng.next() % UInt64(atoms.count))]
            }
            if rng.next() % 5 == 0, !item.hasPrefix("…"), item != "^", item != "$" { item = "(" + item + ")?" }
            out += item
        }
        return out
    }
}

/// A small deterministic generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The original formulation of `LiteralFactors.of`, kept as the specification
/// the optimised one must agree with.
private enum ReferenceFactors {
    /// Cross products stop growing past this many strings.
    static let limit = 8

    /// Strings one of which occurs in every match, starting between `minOffset`
    /// and `maxOffset` scalars after the match start.
    struct Required {
        var strings: [[UInt32]]
        var minOffset: Int
        var maxOffset: Int
        /// Length of the shortest string.
        let shortest: Int

        init(strings: [[UInt32]], minOffset: Int, maxOffset: Int) {
            self.strings = strings
            self.minOffset = minOffset
            self.maxOffset = maxOffset
            var shortest = Int.max
            for s in strings where s.count < shortest { shortest = s.count }
            self.shortest = strings.isEmpty ? 0 : shortest
        }

        /// Higher is better: a long shortest string, then fewer strings, then a narrow window.
        var score: Double {
            Double(min(shortest, 4)) * 100_000 - Double(strings.count) * 10 - Double(maxOffset - minOffset)
        }

        var isUsable: Bool { !strings.isEmpty && shortest > 0 }

        func shifted(_ min: Int, _ max: Int) -> Required {
            Required(strings: strings, minOffset: minOffset + min, maxOffset: maxOffset + max)
        }
    }

    struct Info {
        /// Every string a match of the node can be, when few and finite.
        var exact: [[UInt32]]?
        /// The best required factor set, offsets relative to the node's start.
        var required: Required?
        /// Shortest and longest match of the node.
        var minLength = 0
        var maxLength = 0
    }

    /// The best required factor set of `pattern`, or nil when there is none
    /// (e.g. a pattern of optional parts and gaps only).
    static func of(_ pattern: Pattern) -> Required? {
        let info = analyze(pattern.root)
        guard var chosen = best([info.required, info.exact.map { Required(strings: $0, minOffset: 0, maxOffset: 0) }]) else {
            return nil
        }
        var seen = Set<[UInt32]>()
        chosen.strings = chosen.strings.filter { seen.insert($0).inserted }
        return chosen
    }

    static func best(_ candidates: [Required?]) -> Required? {
        candidates.compactMap { $0 }.filter(\.isUsable).max { $0.score < $1.score }
    }

    static func analyze(_ node: Pattern.Node) -> Info {
        switch node {
        case .literal(let c):
            return Info(exact: [[c]], required: Required(strings: [[c]], minOffset: 0, maxOffset: 0), minLength: 1, maxLength: 1)
        case .oneOf(let set):
            let exact = set.count <= limit ? set.sorted().map { [$0] } : nil
            return Info(exact: exact, required: exact.map { Required(strings: $0, minOffset: 0, maxOffset: 0) }, minLength: 1, maxLength: 1)
        case .digit:
            return Info(exact: nil, required: nil, minLength: 1, maxLength: 1)
        case .gap(let max):
            return Info(exact: nil, required: nil, minLength: 0, maxLength: max)
        case .clauseStart, .clauseEnd:
            return Info(exact: [[]], required: nil)
        case .optional(let item):
            let inner = analyze(item)
            return Info(exact: inner.exact.map { $0 + [[]] }, required: nil, minLength: 0, maxLength: inner.maxLength)
        case .alternation(let options):
            var exact: [[UInt32]]? = []
            var required: Required? = Required(strings: [], minOffset: Int.max, maxOffset: 0)
            var minLength = Int.max, maxLength = 0
            for o in options {
                let i = analyze(o)
                minLength = min(minLength, i.minLength)
                maxLength = max(maxLength, i.maxLength)
                if let e = i.exact, let x = exact, x.count + e.count <= limit { exact = x + e } else { exact = nil }
                let b = best([i.required, i.exact.map { Required(strings: $0, minOffset: 0, maxOffset: 0) }])
                if let b, let r = required {
                    required = Required(strings: r.strings + b.strings, minOffset: min(r.minOffset, b.minOffset),
                                        maxOffset: max(r.maxOffset, b.maxOffset))
                } else {
                    required = nil
                }
            }
            return Info(exact: exact, required: required, minLength: minLength, maxLength: maxLength)
        case .sequence(let items):
            var candidates: [Required] = []
            // The run of exact children being multiplied out, and where it starts.
            var run: [[UInt32]] = [[]]
            var runMin = 0, runMax = 0
            var wholeExact: [[UInt32]]? = [[]]
            var prefixMin = 0, prefixMax = 0
            for item in items {
                let info = analyze(item)
                if let r = info.required { candidates.append(r.shifted(prefixMin, prefixMax)) }
                if let e = info.exact {
                    if run.count * e.count <= limit {
                        run = run.flatMap { a in e.map { a + $0 } }
                    } else {
                        candidates.append(Required(strings: run, minOffset: runMin, maxOffset: runMax))
                        run = e
                        runMin = prefixMin; runMax = prefixMax
                    }
                    if let w = wholeExact, w.count * e.count <= limit { wholeExact = w.flatMap { a in e.map { a + $0 } } } else { wholeExact = nil }
                } else {
                    candidates.append(Required(strings: run, minOffset: runMin, maxOffset: runMax))
                    run = [[]]
                    wholeExact = nil
                }
                prefixMin += info.minLength
                prefixMax += info.maxLength
                if info.exact == nil { runMin = prefixMin; runMax = prefixMax }
            }
            candidates.append(Required(strings: run, minOffset: runMin, maxOffset: runMax))
            return Info(exact: wholeExact, required: best(candidates), minLength: prefixMin, maxLength: prefixMax)
        }
    }
}
