import Dispatch

/// The rules of a phrasebook compiled for scanning.
///
/// Each pattern is filed under the literal factors every match must contain
/// (`LiteralFactors`); the scan looks those up with flat tables (one entry per
/// BMP character, plus a bitmap of bigram starts) and runs a pattern only in the
/// window before a factor hit. Patterns without a usable factor are filed under
/// the characters a match can start with.
struct RuleIndex: Sendable {
    struct Entry: Sendable {
        let rule: Int
        let pattern: Pattern
        /// Sorted scalars a match can start with.
        let first: [UInt32]
        /// How far after the match start its factor can begin.
        let factorOffsets: ClosedRange<Int>

        @inline(__always)
        func canStart(with c: UInt32) -> Bool {
            if first.count <= 8 { return first.contains(c) }
            var lo = 0, hi = first.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if first[mid] < c { lo = mid + 1 } else { hi = mid }
            }
            return lo < first.count && first[lo] == c
        }
    }

    /// A factor of length ≥ 2 and the entry it belongs to.
    struct Factor: Sendable {
        let entry: Int
        let scalars: [UInt32]
    }

    let rules: [Rule]
    let entries: [Entry]
    /// Per BMP scalar, which tables have something for it (`hasSingle` | `hasBigram` | `hasStart`),
    /// so the common case — nothing — costs one byte load.
    private let flags: [UInt8]
    private static let hasSingle: UInt8 = 1, hasBigram: UInt8 = 2, hasStart: UInt8 = 4
    /// BMP scalar → index into `singleLists` (entries with a one-character factor), or -1.
    private let singles: [Int32]
    private let singleLists: [[Int]]
    /// Bit per BMP scalar: some factor of length ≥ 2 starts with it.
    private let bigramStarts: [UInt64]
    private let bigrams: [UInt64: [Factor]]
    /// BMP scalar → index into `startLists` (entries without factors), or -1.
    private let starts: [Int32]
    private let startLists: [[Int]]
    /// Everything keyed by a scalar outside the BMP.
    private let astral: [UInt32: (singles: [Int], factors: [Factor], starts: [Int])]

    init(rules: [Rule]) {
        self.rules = rules
        var entries: [Entry] = []
        var singleMap: [UInt32: [Int]] = [:]
        var bigramMap: [UInt64: [Factor]] = [:]
        var startMap: [UInt32: [Int]] = [:]
        var astral: [UInt32: (singles: [Int], factors: [Factor], starts: [Int])] = [:]
        // Factor analysis is the costly part of startup: spread it over the cores.
        let all = rules.flatMap(\.patterns)
        let analysed = FactorBox(count: all.count)
        DispatchQueue.concurrentPerform(iterations: all.count) { analysed.set($0, LiteralFactors.of(all[$0])) }
        var next = 0
        for (r, rule) in rules.enumerated() {
            for pattern in rule.patterns {
                let e = entries.count
                let first = (pattern.firstScalars ?? []).sorted()
                let required = analysed.values[next]
                next += 1
                let offsets = required.map { $0.minOffset...$0.maxOffset } ?? 0...0
                entries.append(Entry(rule: r, pattern: pattern, first: first, factorOffsets: offsets))
                if let factors = required?.strings {
                    for f in factors {
                        if f[0] >= 0x1_0000 {
                            if f.count == 1 { astral[f[0], default: ([], [], [])].singles.append(e) } else {
                                astral[f[0], default: ([], [], [])].factors.append(Factor(entry: e, scalars: f))
                            }
                        } else if f.count == 1 {
                            singleMap[f[0], default: []].append(e)
                        } else {
                            bigramMap[Self.key(f[0], f[1]), default: []].append(Factor(entry: e, scalars: f))
                        }
                    }
                } else {
                    for c in first {
                        if c >= 0x1_0000 { astral[c, default: ([], [], [])].starts.append(e) } else { startMap[c, default: []].append(e) }
                    }
                }
            }
        }
        self.entries = entries
        (singles, singleLists) = Self.table(singleMap)
        (starts, startLists) = Self.table(startMap)
        var bits = [UInt64](repeating: 0, count: 0x1_0000 / 64)
        for k in bigramMap.keys { let c = Int(k >> 32); bits[c >> 6] |= 1 << UInt64(c & 63) }
        bigramStarts = bits
        bigrams = bigramMap
        self.astral = astral
        var flags = [UInt8](repeating: 0, count: 0x1_0000)
        for c in 0..<0x1_0000 {
            if singles[c] >= 0 { flags[c] |= Self.hasSingle }
            if bits[c >> 6] & (1 << UInt64(c & 63)) != 0 { flags[c] |= Self.hasBigram }
            if starts[c] >= 0 { flags[c] |= Self.hasStart }
        }
        self.flags = flags
    }

    private static func table(_ map: [UInt32: [Int]]) -> ([Int32], [[Int]]) {
        var table = [Int32](repeating: -1, count: 0x1_0000)
        var lists: [[Int]] = []
        for (c, list) in map.sorted(by: { $0.key < $1.key }) {
            table[Int(c)] = Int32(lists.count)
            lists.append(list)
        }
        return (table, lists)
    }

    @inline(__always)
    private static func key(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 32 | UInt64(b) }

    /// A candidate: entry `entry` matches at `start`, with these possible ends.
    struct Candidate {
        let entry: Int
        let start: Int
        let ends: [Int]
    }

    /// Every anchored pattern match in `text`, found through factor hits.
    func candidates(in text: [UInt32]) -> [Candidate] {
        let matcher = PatternMatcher(text: text)
        var out: [Candidate] = []
        var tried = [Int](repeating: -1, count: entries.count)
        let n = text.count
        var ends: [Int] = []
        var stack: [(pc: Int32, pos: Int)] = []

        @inline(__always)
        func attempt(_ e: Int, at p: Int) {
            guard p > tried[e] else { return }
            tried[e] = p
            let entry = entries[e]
            guard entry.canStart(with: text[p]) else { return }
            matcher.ends(of: entry.pattern, at: p, into: &ends, stack: &stack)
            if ends.contains(where: { $0 > p }) { out.append(Candidate(entry: e, start: p, ends: ends.filter { $0 > p })) }
        }

        func hit(_ e: Int, at h: Int) {
            let offsets = entries[e].factorOffsets
            var p = max(0, h - offsets.upperBound, tried[e] + 1)
            let last = h - offsets.lowerBound
            while p <= last { attempt(e, at: p); p += 1 }
        }

        func factorHit(_ f: Factor, at i: Int) {
            let count = f.scalars.count
            guard i + count <= n else { return }
            var k = 2
            while k < count { if text[i + k] != f.scalars[k] { return }; k += 1 }
            hit(f.entry, at: i)
        }

        for i in 0..<n {
            let c = text[i]
            if c < 0x1_0000 {
                let flag = flags[Int(c)]
                if flag == 0 { continue }
                let s = singles[Int(c)]
                if s >= 0 { for e in singleLists[Int(s)] { hit(e, at: i) } }
                if bigramStarts[Int(c) >> 6] & (1 << UInt64(c & 63)) != 0, i + 1 < n,
                   let list = bigrams[Self.key(c, text[i + 1])] {
                    for f in list { factorHit(f, at: i) }
                }
                let t = starts[Int(c)]
                if t >= 0 { for e in startLists[Int(t)] { attempt(e, at: i) } }
            } else if let a = astral[c] {
                for e in a.singles { hit(e, at: i) }
                for f in a.factors where i + 1 < n && text[i + 1] == f.scalars[1] { factorHit(f, at: i) }
                for e in a.starts { attempt(e, at: i) }
            }
        }
        return out
    }
}

/// Slots written by concurrent workers, each index exactly once.
private final class FactorBox: @unchecked Sendable {
    private(set) var values: [LiteralFactors.Required?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: LiteralFactors.Required?) { values.withUnsafeMutableBufferPointer { $0[i] = r } }
}
