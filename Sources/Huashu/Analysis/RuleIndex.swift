import Dispatch

/// The rules of a phrasebook compiled for scanning.
///
/// Each pattern is filed under the literal factors every match must contain
/// (`LiteralFactors`); the scan looks those up in flat tables (a flag byte per
/// BMP character, then single-character lists or an open-addressed bigram
/// table) and runs a pattern only in the window where its factor allows a
/// match to start. Patterns without a usable factor are filed under the
/// characters a match can start with. All patterns' programs are laid end to
/// end in one instruction array, so the scan touches no reference counts.
struct RuleIndex: Sendable {
    let rules: [Rule]
    /// For each pattern entry: its rule.
    let entryRule: [Int]
    let tables: FlatTables

    init(rules: [Rule]) {
        self.rules = rules
        let patterns = rules.flatMap(\.patterns)
        entryRule = rules.enumerated().flatMap { r, rule in rule.patterns.map { _ in r } }
        // Factor analysis is the costly part of startup: spread it over the cores.
        let analysed = ConcurrentSlots<LiteralFactors.Required?>(count: patterns.count)
        DispatchQueue.concurrentPerform(iterations: patterns.count) { analysed.set($0, LiteralFactors.of(patterns[$0])) }
        tables = FlatTables(patterns: patterns, factors: analysed.values)
    }

    /// A candidate: pattern entry `entry` matches at `start`, with these possible ends.
    struct Candidate {
        let entry: Int
        let start: Int
        let ends: [Int]
    }

    /// Every anchored pattern match in `text`, found through factor hits.
    func candidates(in text: [UInt32]) -> [Candidate] {
        text.withUnsafeBufferPointer { t in
            var scanner = Scanner(tables: tables, text: t)
            scanner.scan()
            return scanner.out
        }
    }
}

/// The scan over one text: state lives in a struct (statically checked
/// exclusivity) and reads the tables through raw pointers.
private struct Scanner {
    let tables: FlatTables
    let text: UnsafeBufferPointer<UInt32>
    var out: [RuleIndex.Candidate] = []
    /// Per entry, the last start position tried (starts are tried in increasing order).
    var tried: [Int]
    var ends: [Int] = []
    var stack: [(pc: Int32, pos: Int)] = []

    init(tables: FlatTables, text: UnsafeBufferPointer<UInt32>) {
        self.tables = tables
        self.text = text
        tried = [Int](repeating: -1, count: tables.entryCount)
        ends.reserveCapacity(8)
        stack.reserveCapacity(32)
    }

    mutating func scan() {
        let n = text.count
        let tb = tables
        for i in 0..<n {
            let c = text[i]
            if c < 0x1_0000 {
                let flag = tb.flags[Int(c)]
                if flag == 0 { continue }
                if flag & FlatTables.hasSingle != 0 {
                    let r = tb.singleRange[Int(c)]
                    for k in Int(r.start)..<Int(r.start + r.count) { hit(Int(tb.singleItems[k]), at: i) }
                }
                if flag & FlatTables.hasBigram != 0, i + 1 < n, let slot = tb.bigramSlot(c, text[i + 1]) {
                    let r = tb.factorRange[slot]
                    for k in Int(r.start)..<Int(r.start + r.count) { factorHit(k, at: i) }
                }
                if flag & FlatTables.hasStart != 0 {
                    let r = tb.startRange[Int(c)]
                    for k in Int(r.start)..<Int(r.start + r.count) { attempt(Int(tb.startItems[k]), at: i) }
                }
            } else if let a = tb.astral[c] {
                for e in a.singles { hit(e, at: i) }
                for (e, f) in a.factors where i + f.count <= n && text[i..<(i + f.count)].elementsEqual(f) { hit(e, at: i) }
                for e in a.starts { attempt(e, at: i) }
            }
        }
    }

    /// A factor of length ≥ 2 (number `k` in the flat factor list) whose first two scalars match at `i`.
    @inline(__always)
    mutating func factorHit(_ k: Int, at i: Int) {
        let tb = tables
        let start = Int(tb.factorScalarStart[k]), count = Int(tb.factorScalarCount[k])
        guard i + count <= text.count else { return }
        var j = 2
        while j < count { if text[i + j] != tb.factorScalars[start + j] { return }; j += 1 }
        hit(Int(tb.factorEntry[k]), at: i)
    }

    @inline(__always)
    mutating func hit(_ e: Int, at h: Int) {
        let lo = Int(tables.offsetLow[e]), hi = Int(tables.offsetHigh[e])
        var p = max(0, h - hi, tried[e] + 1)
        let last = h - lo
        while p <= last { attempt(e, at: p); p += 1 }
    }

    @inline(__always)
    mutating func attempt(_ e: Int, at p: Int) {
        guard p > tried[e] else { return }
        tried[e] = p
        let tb = tables
        guard tb.canStart(e, text[p]) else { return }
        ends.removeAll(keepingCapacity: true)
        Program.run(ops: tb.ops, sets: tb.sets, entry: Int(tb.entryPC[e]), text, from: p, forward: true,
                    limit: 0..<text.count, into: &ends, stack: &stack)
        if ends.contains(where: { $0 > p }) {
            out.append(RuleIndex.Candidate(entry: e, start: p, ends: ends.filter { $0 > p }))
        }
    }
}

/// The compiled tables, in memory this object owns (stable addresses, freed on deinit).
final class FlatTables: @unchecked Sendable {
    static let hasSingle: UInt8 = 1, hasBigram: UInt8 = 2, hasStart: UInt8 = 4

    struct Range32 { var start: Int32; var count: Int32 }

    let entryCount: Int
    // Programs of all entries, end to end.
    let ops: UnsafeBufferPointer<Program.Op>
    let sets: UnsafeBufferPointer<UInt32>
    let entryPC: UnsafeBufferPointer<Int32>
    // Start characters per entry (sorted) and factor offset windows.
    let firstScalars: UnsafeBufferPointer<UInt32>
    let firstRange: UnsafeBufferPointer<Range32>
    let offsetLow: UnsafeBufferPointer<Int32>
    let offsetHigh: UnsafeBufferPointer<Int32>
    // Per BMP character.
    let flags: UnsafeBufferPointer<UInt8>
    let singleRange: UnsafeBufferPointer<Range32>
    let singleItems: UnsafeBufferPointer<Int32>
    let startRange: UnsafeBufferPointer<Range32>
    let startItems: UnsafeBufferPointer<Int32>
    // Bigram hash (open addressing) → range of factors sharing the bigram.
    let bigramKeys: UnsafeBufferPointer<UInt64>
    let bigramMask: Int
    let factorRange: UnsafeBufferPointer<Range32>
    let factorEntry: UnsafeBufferPointer<Int32>
    let factorScalarStart: UnsafeBufferPointer<Int32>
    let factorScalarCount: UnsafeBufferPointer<Int32>
    let factorScalars: UnsafeBufferPointer<UInt32>
    /// Anything keyed by a scalar outside the BMP (rare: emoji, CJK extensions).
    let astral: [UInt32: (singles: [Int], factors: [(Int, [UInt32])], starts: [Int])]
    private let owned: [UnsafeMutableRawPointer]

    init(patterns: [Pattern], factors: [LiteralFactors.Required?]) {
        entryCount = patterns.count
        var ops: [Program.Op] = [], sets: [UInt32] = [], entryPC: [Int32] = []
        var firsts: [UInt32] = [], firstRange: [Range32] = [], lows: [Int32] = [], highs: [Int32] = []
        var singles: [UInt32: [Int32]] = [:], starts: [UInt32: [Int32]] = [:]
        var bigrams: [UInt64: [(Int32, [UInt32])]] = [:]
        var astral: [UInt32: (singles: [Int], factors: [(Int, [UInt32])], starts: [Int])] = [:]
        for (e, pattern) in patterns.enumerated() {
            entryPC.append(Int32(ops.count))
            ops += pattern.forward.rebased(to: ops.count, setBase: sets.count)
            sets += pattern.forward.sets
            let first = (pattern.firstScalars ?? []).sorted()
            firstRange.append(Range32(start: Int32(firsts.count), count: Int32(first.count)))
            firsts += first
            let required = factors[e]
            lows.append(Int32(required?.minOffset ?? 0))
            highs.append(Int32(required?.maxOffset ?? 0))
            if let strings = required?.strings {
                for f in strings.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                    if f[0] >= 0x1_0000 {
                        if f.count == 1 { astral[f[0], default: ([], [], [])].singles.append(e) } else {
                            astral[f[0], default: ([], [], [])].factors.append((e, f))
                        }
                    } else if f.count == 1 {
                        singles[f[0], default: []].append(Int32(e))
                    } else {
                        bigrams[UInt64(f[0]) << 32 | UInt64(f[1]), default: []].append((Int32(e), f))
                    }
                }
            } else {
                for c in first {
                    if c >= 0x1_0000 { astral[c, default: ([], [], [])].starts.append(e) } else { starts[c, default: []].append(Int32(e)) }
                }
            }
        }
        var flags = [UInt8](repeating: 0, count: 0x1_0000)
        func table(_ map: [UInt32: [Int32]], _ flag: UInt8) -> ([Range32], [Int32]) {
            var ranges = [Range32](repeating: Range32(start: 0, count: 0), count: 0x1_0000)
            var items: [Int32] = []
            for (c, list) in map.sorted(by: { $0.key < $1.key }) {
                ranges[Int(c)] = Range32(start: Int32(items.count), count: Int32(list.count))
                items += list
                flags[Int(c)] |= flag
            }
            return (ranges, items)
        }
        let (singleRange, singleItems) = table(singles, Self.hasSingle)
        let (startRange, startItems) = table(starts, Self.hasStart)
        // Open-addressed bigram table, at most half full.
        var capacity = 16
        while capacity < bigrams.count * 2 { capacity <<= 1 }
        var keys = [UInt64](repeating: UInt64.max, count: capacity)
        var slotRange = [Range32](repeating: Range32(start: 0, count: 0), count: capacity)
        var factorEntry: [Int32] = [], factorStart: [Int32] = [], factorCount: [Int32] = [], factorScalars: [UInt32] = []
        for (key, list) in bigrams.sorted(by: { $0.key < $1.key }) {
            var slot = Self.hash(key) & (capacity - 1)
            while keys[slot] != UInt64.max { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = key
            slotRange[slot] = Range32(start: Int32(factorEntry.count), count: Int32(list.count))
            for (e, f) in list {
                factorEntry.append(e)
                factorStart.append(Int32(factorScalars.count))
                factorCount.append(Int32(f.count))
                factorScalars += f
            }
            flags[Int(key >> 32)] |= Self.hasBigram
        }
        bigramMask = capacity - 1
        self.astral = astral

        var allocations: [UnsafeMutableRawPointer] = []
        func own<T>(_ array: [T]) -> UnsafeBufferPointer<T> {
            let p = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
            _ = p.initialize(from: array)
            allocations.append(UnsafeMutableRawPointer(p.baseAddress!))
            return UnsafeBufferPointer(start: p.baseAddress, count: array.count)
        }
        self.ops = own(ops)
        self.sets = own(sets)
        self.entryPC = own(entryPC)
        self.firstScalars = own(firsts)
        self.firstRange = own(firstRange)
        self.offsetLow = own(lows)
        self.offsetHigh = own(highs)
        self.flags = own(flags)
        self.singleRange = own(singleRange)
        self.singleItems = own(singleItems)
        self.startRange = own(startRange)
        self.startItems = own(startItems)
        self.bigramKeys = own(keys)
        self.factorRange = own(slotRange)
        self.factorEntry = own(factorEntry)
        self.factorScalarStart = own(factorStart)
        self.factorScalarCount = own(factorCount)
        self.factorScalars = own(factorScalars)
        owned = allocations
    }

    deinit { for p in owned { p.deallocate() } }

    @inline(__always)
    static func hash(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) }

    /// The bigram table slot for (a, b), if some factor starts with it.
    @inline(__always)
    func bigramSlot(_ a: UInt32, _ b: UInt32) -> Int? {
        let key = UInt64(a) << 32 | UInt64(b)
        var slot = Self.hash(key) & bigramMask
        while true {
            let k = bigramKeys[slot]
            if k == key { return slot }
            if k == UInt64.max { return nil }
            slot = (slot + 1) & bigramMask
        }
    }

    /// Whether entry `e` can start with scalar `c`.
    @inline(__always)
    func canStart(_ e: Int, _ c: UInt32) -> Bool {
        let r = firstRange[e]
        return Program.contains(firstScalars, Int(r.start), Int(r.count), c)
    }
}
