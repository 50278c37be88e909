/// The rule index compiled for scanning, in memory this object owns (stable
/// addresses, freed on deinit), so the scan reads it through raw pointers.
///
/// Per BMP character a flag byte says what can start there: a single-character
/// factor, a two-character factor (`pairs`), a longer factor (`triples`, keyed
/// by its first three characters), or the first character of a pattern that has
/// no factor.
final class FlatTables: @unchecked Sendable {
    static let hasSingle: UInt8 = 1, hasPair: UInt8 = 2, hasStart: UInt8 = 4, hasTriple: UInt8 = 8

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
    /// One bit per BMP character whose flag has `hasSingle` or `hasStart`: an
    /// 8 KB bitset the scan tests first, where the 64 KB flag table would miss the cache.
    let singleOrStart: UnsafeBufferPointer<UInt64>
    /// Entries with a one-character factor, and entries without a factor by
    /// their possible first characters: small hash tables (keyed by `key(c)`)
    /// into `singleItems` / `startItems`, consulted only when the flag says so.
    let singles: GramTable
    let singleItems: UnsafeBufferPointer<Int32>
    let starts: GramTable
    let startItems: UnsafeBufferPointer<Int32>
    /// Factors of two characters, and of three or more, by their opening characters.
    let pairs: GramTable
    let triples: GramTable
    /// One bit per hash of two adjacent characters, set when some pair or
    /// triple factor opens with them: most lookups stop at this bit.
    let openers: UnsafeBufferPointer<UInt64>
    static let openerBits = 1 << 16
    // The factors the gram tables point into.
    let factorEntry: UnsafeBufferPointer<Int32>
    let factorScalarStart: UnsafeBufferPointer<Int32>
    let factorScalarCount: UnsafeBufferPointer<Int32>
    let factorScalars: UnsafeBufferPointer<UInt32>
    /// Exception patterns (see `RuleIndex.RuleChecks`), in the same instruction array.
    let contexts: UnsafeBufferPointer<Context>
    /// Entries with neither a factor nor known first characters: tried at every position.
    let anywhere: [Int32]
    /// Anything keyed by a scalar outside the BMP (rare: emoji, CJK extensions).
    let astral: [UInt32: (singles: [Int], factors: [(Int, [UInt32])], starts: [Int])]
    private let owned: [UnsafeMutableRawPointer]

    /// An exception pattern laid out in the tables: entry points of its
    /// programs (`backward` −1 when not compiled) and its start scalars
    /// (`firstCount` −1 when a match may start anywhere).
    struct Context {
        let scope: Exception.Scope
        let forward: Int32
        let backward: Int32
        let firstStart: Int32
        let firstCount: Int32
    }

    init(patterns: [Pattern], factors: [LiteralFactors.Required?], contexts: [RuleIndex.ContextPattern] = []) {
        entryCount = patterns.count
        var ops: [Program.Op] = [], sets: [UInt32] = [], entryPC: [Int32] = []
        var firsts: [UInt32] = [], firstRange: [Range32] = [], lows: [Int32] = [], highs: [Int32] = []
        var singles: [UInt32: [Int32]] = [:], starts: [UInt32: [Int32]] = [:]
        var pairs: [UInt64: [(Int32, [UInt32])]] = [:], triples: [UInt64: [(Int32, [UInt32])]] = [:]
        var astral: [UInt32: (singles: [Int], factors: [(Int, [UInt32])], starts: [Int])] = [:]
        var anywhere: [Int32] = []
        for (e, pattern) in patterns.enumerated() {
            entryPC.append(Int32(ops.count))
            ops += pattern.forward.rebased(to: ops.count, setBase: sets.count)
            sets += pattern.forward.sets
            // A count of −1: the match may start with anything (an optional part opening with a gap).
            let first = pattern.firstSorted ?? []
            firstRange.append(Range32(start: Int32(firsts.count), count: pattern.firstScalars == nil ? -1 : Int32(first.count)))
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
                    } else if f.count == 2 {
                        pairs[Self.key(f[0], f[1]), default: []].append((Int32(e), f))
                    } else {
                        triples[Self.key(f[0], f[1], f[2]), default: []].append((Int32(e), f))
                    }
                }
            } else if pattern.firstScalars == nil {
                anywhere.append(Int32(e))
            } else {
                for c in first {
                    if c >= 0x1_0000 { astral[c, default: ([], [], [])].starts.append(e) } else { starts[c, default: []].append(Int32(e)) }
                }
            }
        }
        var laidOut: [Context] = []
        for c in contexts {
            func place(_ program: Program) -> Int32 {
                let entry = Int32(ops.count)
                ops += program.rebased(to: ops.count, setBase: sets.count)
                sets += program.sets
                return entry
            }
            let forward = place(c.forward)
            let backward = c.backward.map(place) ?? -1
            laidOut.append(Context(scope: c.scope, forward: forward, backward: backward, firstStart: Int32(firsts.count),
                                   firstCount: c.first.map { Int32($0.count) } ?? -1))
            firsts += c.first ?? []
        }
        var flags = [UInt8](repeating: 0, count: 0x1_0000)
        /// The slots and the flat item list of a per-character table.
        func table(_ map: [UInt32: [Int32]], _ flag: UInt8) -> ([(UInt64, Range32)], [Int32]) {
            var slots: [(UInt64, Range32)] = []
            var items: [Int32] = []
            for (c, list) in map.sorted(by: { $0.key < $1.key }) {
                slots.append((Self.key(c), Range32(start: Int32(items.count), count: Int32(list.count))))
                items += list
                flags[Int(c)] |= flag
            }
            return (slots, items)
        }
        let (singleSlots, singleItems) = table(singles, Self.hasSingle)
        let (startSlots, startItems) = table(starts, Self.hasStart)
        var factorEntry: [Int32] = [], factorStart: [Int32] = [], factorCount: [Int32] = [], factorScalars: [UInt32] = []
        /// Lays out the factors of `grams` and returns their gram-table slots.
        func layOut(_ grams: [UInt64: [(Int32, [UInt32])]], flag: UInt8) -> [(UInt64, Range32)] {
            grams.sorted { $0.key < $1.key }.map { key, list in
                let range = Range32(start: Int32(factorEntry.count), count: Int32(list.count))
                for (e, f) in list {
                    factorEntry.append(e)
                    factorStart.append(Int32(factorScalars.count))
                    factorCount.append(Int32(f.count))
                    factorScalars += f
                    flags[Int(f[0])] |= flag
                }
                return (key, range)
            }
        }
        var openers = [UInt64](repeating: 0, count: Self.openerBits / 64)
        for key in Array(pairs.keys) + Array(triples.keys) {
            let bit = Self.openerBit(UInt32(truncatingIfNeeded: key >> 42), UInt32(truncatingIfNeeded: key >> 21) & 0x1F_FFFF)
            openers[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        let pairSlots = layOut(pairs, flag: Self.hasPair)
        let tripleSlots = layOut(triples, flag: Self.hasTriple)
        self.astral = astral
        self.anywhere = anywhere

        var allocations: [UnsafeMutableRawPointer] = []
        func own<T>(_ array: [T]) -> UnsafeBufferPointer<T> {
            let p = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
            _ = p.initialize(from: array)
            allocations.append(UnsafeMutableRawPointer(p.baseAddress!))
            return UnsafeBufferPointer(start: p.baseAddress, count: array.count)
        }
        self.contexts = own(laidOut)
        self.openers = own(openers)
        self.ops = own(ops)
        self.sets = own(sets)
        self.entryPC = own(entryPC)
        self.firstScalars = own(firsts)
        self.firstRange = own(firstRange)
        self.offsetLow = own(lows)
        self.offsetHigh = own(highs)
        self.flags = own(flags)
        var bits = [UInt64](repeating: 0, count: 0x1_0000 / 64)
        for c in 0..<0x1_0000 where flags[c] & (Self.hasSingle | Self.hasStart) != 0 { bits[c >> 6] |= 1 << UInt64(c & 63) }
        self.singleOrStart = own(bits)
        func gramTable(_ slots: [(UInt64, Range32)]) -> GramTable {
            let t = GramTable.layout(slots)
            return GramTable(keys: own(t.keys), ranges: own(t.ranges), mask: t.mask)
        }
        self.singles = gramTable(singleSlots)
        self.singleItems = own(singleItems)
        self.starts = gramTable(startSlots)
        self.startItems = own(startItems)
        self.pairs = gramTable(pairSlots)
        self.triples = gramTable(tripleSlots)
        self.factorEntry = own(factorEntry)
        self.factorScalarStart = own(factorStart)
        self.factorScalarCount = own(factorCount)
        self.factorScalars = own(factorScalars)
        owned = allocations
    }

    deinit { for p in owned { p.deallocate() } }

    /// The key of one, two or three opening scalars (21 bits each; a single
    /// scalar's key lives in its own tables, so it cannot clash with a pair's).
    @inline(__always)
    static func key(_ a: UInt32, _ b: UInt32 = 0, _ c: UInt32 = 0) -> UInt64 {
        UInt64(a) << 42 | UInt64(b) << 21 | UInt64(c)
    }

    /// The `openers` bit of two adjacent characters.
    @inline(__always)
    static func openerBit(_ a: UInt32, _ b: UInt32) -> Int {
        Int(truncatingIfNeeded: ((UInt64(a) << 21 | UInt64(b)) &* 0x9E37_79B9_7F4A_7C15) >> 48)
    }

    /// Whether some pair or triple factor opens with `a`, `b` (false positives possible).
    @inline(__always)
    func mayOpen(_ a: UInt32, _ b: UInt32) -> Bool {
        let bit = Self.openerBit(a, b)
        return openers[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// Whether exception pattern `x` can start with scalar `c`.
    @inline(__always)
    func contextCanStart(_ x: Context, _ c: UInt32) -> Bool {
        x.firstCount < 0 || Program.contains(firstScalars, Int(x.firstStart), Int(x.firstCount), c)
    }

    /// Whether entry `e` can start with scalar `c`.
    @inline(__always)
    func canStart(_ e: Int, _ c: UInt32) -> Bool {
        let r = firstRange[e]
        return r.count < 0 || Program.contains(firstScalars, Int(r.start), Int(r.count), c)
    }
}

/// An open-addressed hash table (at most half full) from a gram key to a range of factors.
struct GramTable {
    let keys: UnsafeBufferPointer<UInt64>
    let ranges: UnsafeBufferPointer<FlatTables.Range32>
    let mask: Int
    static let empty = UInt64.max

    /// The slot arrays for `slots`: capacity a power of two, linear probing.
    static func layout(_ slots: [(UInt64, FlatTables.Range32)]) -> (keys: [UInt64], ranges: [FlatTables.Range32], mask: Int) {
        var capacity = 16
        while capacity < slots.count * 2 { capacity <<= 1 }
        var keys = [UInt64](repeating: empty, count: capacity)
        var ranges = [FlatTables.Range32](repeating: FlatTables.Range32(start: 0, count: 0), count: capacity)
        for (key, range) in slots {
            var slot = hash(key) & (capacity - 1)
            while keys[slot] != empty { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = key
            ranges[slot] = range
        }
        return (keys, ranges, capacity - 1)
    }

    @inline(__always)
    static func hash(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) }

    /// The factors filed under `key`, if any.
    @inline(__always)
    func lookup(_ key: UInt64) -> FlatTables.Range32? {
        var slot = Self.hash(key) & mask
        while true {
            let k = keys[slot]
            if k == key { return ranges[slot] }
            if k == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
    }
}
