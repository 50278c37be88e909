import Synchronization

/// The rules of a phrasebook compiled for scanning.
///
/// Each pattern is filed under one factor (`ScanFactor`: required literals,
/// the strings a match opens with, or the opening of a later part, whichever is
/// expected to be cheapest); the scan looks factors up in `FlatTables` and runs
/// a pattern only in the window where its factor allows a match to start.
/// Patterns without a factor are filed under the characters a match can start
/// with. All patterns' and exceptions' programs are laid end to end in one
/// instruction array, so neither the scan nor `Confirmation` touches a
/// reference count.
struct RuleIndex: Sendable {
    let rules: [Rule]
    /// For each pattern entry: its rule.
    let entryRule: [Int]
    let tables: FlatTables
    private let scratch = ScanScratchPool()
    /// What confirming a match of each rule involves, in plain values.
    let checks: [RuleChecks]

    init(rules: [Rule]) {
        self.rules = rules
        let patterns = rules.flatMap(\.patterns)
        entryRule = rules.enumerated().flatMap { r, rule in rule.patterns.map { _ in r } }
        // The phrasebook's examples are a sample of staff text to weigh factors by.
        let sample = rules.flatMap { $0.examples.fire + $0.examples.pass }
        // Exception patterns join the same instruction array, forwards and (for `before:`) backwards.
        var contexts: [ContextPattern] = []
        var checks: [RuleChecks] = []
        for rule in rules {
            let first = Int32(contexts.count)
            for e in rule.exceptions {
                let backward = e.scope == .before ? (e.pattern.backward ?? Program(e.pattern.root, reversed: true)) : nil
                contexts.append(ContextPattern(scope: e.scope, forward: e.pattern.forward, backward: backward,
                                               first: e.pattern.firstSorted))
            }
            checks.append(RuleChecks(inQuotes: rule.inQuotes, boundary: rule.boundary,
                                     exceptions: first..<Int32(contexts.count)))
        }
        self.checks = checks
        tables = FlatTables(patterns: patterns, factors: ScanFactor.choose(for: patterns, sample: sample), contexts: contexts)
    }

    /// A rule's confirmation facts: quotation, boundaries and its range of `FlatTables.contexts`.
    struct RuleChecks {
        let inQuotes: Bool
        let boundary: Rule.BoundaryMode
        let exceptions: Range<Int32>
    }

    /// An exception pattern before it is laid out in the tables.
    struct ContextPattern {
        let scope: Exception.Scope
        let forward: Program
        let backward: Program?
        /// Sorted scalars a match can start with; nil for any.
        let first: [UInt32]?
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
            var scanner = Scanner(tables: tables, text: t, scratch: scratch.checkOut(entries: tables.entryCount))
            scanner.scan()
            scratch.checkIn(scanner.finish())
            return scanner.out
        }
    }
}

/// Buffers a scan needs, kept between texts: a JSON-lines stream of short
/// records would otherwise allocate and fill a slot per pattern for each one.
final class ScanScratchPool: Sendable {
    /// Per entry, the last start tried (−1: none), and which entries were touched.
    struct Scratch: Sendable {
        var tried: [Int] = []
        var touched: [Int] = []
        var ends: [Int] = []
        var stack: [(pc: Int32, pos: Int)] = []
    }

    private let free = Mutex<[Scratch]>([])

    func checkOut(entries: Int) -> Scratch {
        var s = free.withLock { $0.popLast() } ?? Scratch()
        if s.tried.count != entries { s.tried = [Int](repeating: -1, count: entries) }
        return s
    }

    /// Takes back a scratch whose touched slots are reset.
    func checkIn(_ scratch: Scratch) {
        free.withLock { if $0.count < 64 { $0.append(scratch) } }
    }
}

/// The scan over one text: state lives in a struct (statically checked
/// exclusivity) and reads the tables through raw pointers.
private struct Scanner {
    let tables: FlatTables
    let text: UnsafeBufferPointer<UInt32>
    var out: [RuleIndex.Candidate] = []
    /// Per entry, the last start position tried (starts are tried in increasing
    /// order; −1 for none), and the entries whose slot was set.
    var tried: [Int]
    var touched: [Int]
    var ends: [Int]
    var stack: [(pc: Int32, pos: Int)]

    init(tables: FlatTables, text: UnsafeBufferPointer<UInt32>, scratch: ScanScratchPool.Scratch) {
        self.tables = tables
        self.text = text
        tried = scratch.tried
        touched = scratch.touched
        ends = scratch.ends
        stack = scratch.stack
    }

    /// The buffers back, with every touched slot reset to −1.
    mutating func finish() -> ScanScratchPool.Scratch {
        for e in touched { tried[e] = -1 }
        touched.removeAll(keepingCapacity: true)
        return ScanScratchPool.Scratch(tried: tried, touched: touched, ends: ends, stack: stack)
    }

    mutating func scan() {
        let n = text.count
        let tb = tables
        for e in tb.anywhere { for i in 0..<n { attempt(Int(e), at: i) } }
        for i in 0..<n {
            let c = text[i]
            if c < 0x1_0000 {
                // Most positions open no factor: two L1-resident bit tests say so.
                if tb.singleOrStart[Int(c) >> 6] & (1 << UInt64(c & 63)) != 0 {
                    let flag = tb.flags[Int(c)]
                    if flag & FlatTables.hasSingle != 0, let r = tb.singles.lookup(FlatTables.key(c)) {
                        for k in Int(r.start)..<Int(r.start + r.count) { hit(Int(tb.singleItems[k]), at: i) }
                    }
                    if flag & FlatTables.hasStart != 0, let r = tb.starts.lookup(FlatTables.key(c)) {
                        for k in Int(r.start)..<Int(r.start + r.count) { attempt(Int(tb.startItems[k]), at: i) }
                    }
                }
                if i + 1 < n, tb.mayOpen(c, text[i + 1]) {
                    let flag = tb.flags[Int(c)]
                    if flag & FlatTables.hasPair != 0, let r = tb.pairs.lookup(FlatTables.key(c, text[i + 1])) {
                        for k in Int(r.start)..<Int(r.start + r.count) { hit(Int(tb.factorEntry[k]), at: i) }
                    }
                    if flag & FlatTables.hasTriple != 0, i + 2 < n, let r = tb.triples.lookup(FlatTables.key(c, text[i + 1], text[i + 2])) {
                        for k in Int(r.start)..<Int(r.start + r.count) { factorHit(k, at: i) }
                    }
                }
            } else if let a = tb.astral[c] {
                for e in a.singles { hit(e, at: i) }
                for (e, f) in a.factors where i + f.count <= n && text[i..<(i + f.count)].elementsEqual(f) { hit(e, at: i) }
                for e in a.starts { attempt(e, at: i) }
            }
        }
    }

    /// A factor of length ≥ 3 (number `k` in the flat factor list) whose first three scalars match at `i`.
    @inline(__always)
    mutating func factorHit(_ k: Int, at i: Int) {
        let tb = tables
        let start = Int(tb.factorScalarStart[k]), count = Int(tb.factorScalarCount[k])
        guard i + count <= text.count else { return }
        var j = 3
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
        if tried[e] < 0 { touched.append(e) }
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
