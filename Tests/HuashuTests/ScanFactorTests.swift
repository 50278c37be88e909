import Foundation
import XCTest
@testable import Huashu

/// The scan looks for a factor of each pattern (a required literal, or the
/// strings a match can open with) and runs the pattern only where one occurs.
/// The choice changes speed, never results: these tests pin the options and,
/// above all, that the factor scan finds exactly what trying every position finds.
final class ScanFactorTests: XCTestCase {
    private func strings(_ r: LiteralFactors.Required?) -> [String] {
        (r?.strings ?? []).map { String(String.UnicodeScalarView($0.compactMap(Unicode.Scalar.init))) }
    }

    func testPrefixesBranchThroughAlternativesAndOptionalParts() throws {
        let p = try Pattern("(你|您)(们)?去(问|找)")
        XCTAssertEqual(Set(strings(PrefixFactors.of(p))), ["你们去", "你去问", "你去找", "您们去", "您去问", "您去找"])
        // A gap ends every prefix where it starts; a leading gap leaves none.
        XCTAssertEqual(strings(PrefixFactors.of(try Pattern("(找|问)…去"))), ["找", "问"])
        XCTAssertNil(PrefixFactors.of(try Pattern("…不行", allowingEdgeGaps: true)))
    }

    func testTailsCarryTheWindowWhereTheyCanStart() throws {
        // Items: 请, (您)?, …{5}, 稍, 等 — the tail from 稍 starts 1 to 7 scalars in.
        let tails = PrefixFactors.ofTails(try Pattern("请(您)?…{5}稍等"))
        let slow = try XCTUnwrap(tails.first { strings($0) == ["稍等"] })
        XCTAssertEqual(slow.minOffset, 1)
        XCTAssertEqual(slow.maxOffset, 7)
        // 请您 and 请 both open a match; finding 请 finds both, so only 请 is kept.
        XCTAssertEqual(strings(tails.first), ["请"])
        XCTAssertEqual(tails.first?.maxOffset, 0)
    }

    func testSampleTextMakesARareCharacterBeatACommonPair() throws {
        let pattern = try Pattern("(这个|业务)…{4}不熟")
        let sample = Array(repeating: "这个业务这个那个这个您看这个", count: 20)
        let chosen = try XCTUnwrap(ScanFactor.analyse([pattern], sample: sample).first ?? nil)
        XCTAssertTrue(strings(chosen).allSatisfy { $0.hasSuffix("熟") || $0.hasPrefix("不熟") || $0 == "熟" }, "\(strings(chosen))")
        // Where the sample is full of 不熟 instead, the opening pair wins.
        let other = Array(repeating: "我不熟，他也不熟，都不熟", count: 20)
        let opening = try XCTUnwrap(ScanFactor.analyse([pattern], sample: other).first ?? nil)
        XCTAssertEqual(Set(strings(opening)), ["这个", "业务"])
    }

    /// Random patterns over a small alphabet, scanned in random texts over the
    /// same alphabet: the factor scan must produce exactly the candidates of
    /// running every pattern at every position.
    func testFactorScanFindsWhatTryingEveryPositionFinds() throws {
        var rng = SplitMix(seed: 0xFAC7)
        var sources: [String] = []
        while sources.count < 150 {
            let s = RandomPatterns.make(&rng)
            if (try? Pattern(s)) != nil, (try? Phrasebook.parse(yaml: TestBook.book(TestBook.rule("r", patterns: [s])))) != nil {
                sources.append(s)
            }
        }
        let yaml = TestBook.book(sources.enumerated().map { TestBook.rule("r\($0.offset)", patterns: [$0.element]) }.joined())
        let book = try Phrasebook.parse(yaml: yaml)
        let alphabet = Array("甲乙丙丁戊己庚辛壬一二3。，!".unicodeScalars.map(\.value))
        var texts: [[UInt32]] = []
        for _ in 0..<150 { texts.append((0..<(20 + Int(rng.next() % 50))).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }) }
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("huashu-scan-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: cache) }
        setenv("XDG_CACHE_HOME", cache, 1)
        defer { unsetenv("XDG_CACHE_HOME") }
        // Twice: the first index works the factors out and caches them, the second reads the cache.
        for round in 0..<2 {
            let index = RuleIndex(rules: book.rules)
            let patterns = book.rules.flatMap(\.patterns)
            for text in texts {
                let got = Set(index.candidates(in: text).map { "\($0.entry)@\($0.start):\($0.ends.sorted())" })
                var want = Set<String>()
                text.withUnsafeBufferPointer { t in
                    for (e, p) in patterns.enumerated() {
                        for start in 0..<t.count {
                            var ends: [Int] = [], stack: [(pc: Int32, pos: Int)] = []
                            p.forward.run(t, from: start, forward: true, limit: 0..<t.count, into: &ends, stack: &stack)
                            let longer = ends.filter { $0 > start }
                            if !longer.isEmpty { want.insert("\(e)@\(start):\(longer.sorted())") }
                        }
                    }
                }
                XCTAssertEqual(got, want, "round \(round), text \(String(String.UnicodeScalarView(text.compactMap(Unicode.Scalar.init))))")
                if got != want { return }
            }
        }
        let cached = try FileManager.default.contentsOfDirectory(atPath: cache + "/huashu").filter { $0.hasPrefix(FactorCache.family) }
        XCTAssertEqual(cached.count, 1, "the second index read the factors the first one cached")
    }

    func testFactorCacheRoundTripsAndRejectsDamagedFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("huashu-factors-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let patterns = try ["(你|您)(们)?去(问|找)", "请…{5}稍等", "\\d个点"].map { try Pattern($0) }
        let chosen = ScanFactor.analyse(patterns, sample: ["请您稍等一下"])
        let name = FactorCache.name(for: patterns, sample: ["请您稍等一下"], version: ScanFactor.formatVersion)
        FactorCache.store(chosen, as: name, in: dir)
        let loaded = try XCTUnwrap(FactorCache.load(name, count: patterns.count, in: dir))
        XCTAssertEqual(loaded.map { $0?.strings }, chosen.map { $0?.strings })
        XCTAssertEqual(loaded.map { $0?.minOffset }, chosen.map { $0?.minOffset })
        XCTAssertEqual(loaded.map { $0?.maxOffset }, chosen.map { $0?.maxOffset })
        XCTAssertNil(FactorCache.load(name, count: patterns.count + 1, in: dir), "a cache for another pattern count is not used")
        // A truncated file is ignored, not trusted.
        let path = dir + "/" + name
        let data = try XCTUnwrap(FileManager.default.contents(atPath: path))
        try data.prefix(data.count - 3).write(to: URL(fileURLWithPath: path))
        XCTAssertNil(FactorCache.load(name, count: patterns.count, in: dir))
        // The name changes with the compiled programs and with the sample.
        XCTAssertNotEqual(name, FactorCache.name(for: patterns, sample: ["请稍等"], version: ScanFactor.formatVersion))
        XCTAssertNotEqual(name, FactorCache.name(for: Array(patterns.reversed()), sample: ["请您稍等一下"], version: ScanFactor.formatVersion))
    }
}
