/// The strings a pattern's matches can begin with, up to a few scalars long.
///
/// `LiteralFactors` finds a literal every match contains, but for patterns that
/// open with a short alternation of common characters (`(你|您)(们)?(去)?(问|找)…`)
/// the best such literal is a single very common character. The first two or
/// three scalars of a match are far more telling (`你问`, `您找`, `你们去`), so
/// they are used as the factor when that is expected to be cheaper to scan for.
enum PrefixFactors {
    /// Longest prefix tracked.
    static let depth = 3
    /// At most this many prefixes: past it, strings stop growing where they are.
    static let limit = 96

    /// The minimal set of prefixes, each 1…`depth` scalars long, one of which
    /// starts every match of `pattern`; nil when a match can begin with anything
    /// (a leading gap) or be empty.
    static func of(_ pattern: Pattern) -> LiteralFactors.Required? {
        of([pattern.root])
    }

    /// The opening strings of every tail of the pattern's top-level sequence
    /// (`…{4}(不太|不)(熟|熟悉)` offers `不太熟`/`不熟` and `熟`), each with the
    /// window of offsets at which it can start.
    static func ofTails(_ pattern: Pattern) -> [LiteralFactors.Required] {
        guard case .sequence(let items) = pattern.root else { return of([pattern.root]).map { [$0] } ?? [] }
        var out: [LiteralFactors.Required] = []
        var minOffset = 0, maxOffset = 0
        for k in items.indices {
            if var r = of(Array(items[k...])) {
                r.minOffset = minOffset
                r.maxOffset = maxOffset
                out.append(r)
            }
            minOffset += minLength(items[k])
            maxOffset += Pattern.maxLength(items[k])
        }
        return out
    }

    /// The minimal prefix set of the sequence `items`, or nil.
    private static func of(_ items: [Pattern.Node]) -> LiteralFactors.Required? {
        var state = [Prefix(packed: 0, length: 0, open: true)]
        for item in items { extend(&state, with: item) }
        let strings = minimal(state.map(\.scalars))
        guard !strings.isEmpty, !strings.contains(where: \.isEmpty) else { return nil }
        return LiteralFactors.Required(strings: strings, minOffset: 0, maxOffset: 0)
    }

    /// The fewest scalars a match of `node` spans.
    static func minLength(_ node: Pattern.Node) -> Int {
        switch node {
        case .literal, .oneOf, .digit: return 1
        case .sequence(let items): return items.reduce(0) { $0 + minLength($1) }
        case .alternation(let items): return items.map(minLength).min() ?? 0
        case .optional, .gap, .clauseStart, .clauseEnd: return 0
        }
    }

    /// A prefix being built, its scalars packed 21 bits each; `open` while the
    /// next scalar of the match is still known to follow it.
    struct Prefix: Comparable {
        var packed: UInt64
        var length: Int
        var open: Bool

        var scalars: [UInt32] {
            (0..<length).map { UInt32(truncatingIfNeeded: packed >> (42 - 21 * UInt64($0))) & 0x1F_FFFF }
        }

        func appending(_ c: UInt32) -> Prefix {
            Prefix(packed: packed | UInt64(c) << (42 - 21 * UInt64(length)), length: length + 1, open: length + 1 < depth)
        }

        static func < (a: Prefix, b: Prefix) -> Bool {
            (a.packed, a.length, a.open ? 1 : 0) < (b.packed, b.length, b.open ? 1 : 0)
        }
    }

    private static func extend(_ state: inout [Prefix], with node: Pattern.Node) {
        guard state.contains(where: \.open) else { return }
        switch node {
        case .literal(let c):
            append([c], to: &state)
        case .oneOf(let set):
            append(set.sorted(), to: &state)
        case .digit:
            append(Punctuation.digitScalars, to: &state)
        case .gap:
            // What follows a gap is not known: every prefix stops here.
            close(&state)
        case .clauseStart, .clauseEnd:
            break
        case .sequence(let items):
            for item in items { extend(&state, with: item) }
        case .optional(let item):
            var taken = state
            extend(&taken, with: item)
            state = unique(state + taken)
        case .alternation(let options):
            var union: [Prefix] = []
            for option in options {
                var branch = state
                extend(&branch, with: option)
                union += branch
            }
            state = unique(union)
            if state.count > limit { close(&state) }
        }
    }

    /// Appends each of `scalars` to every open prefix (branching), or closes them when that would exceed `limit`.
    private static func append(_ scalars: [UInt32], to state: inout [Prefix]) {
        let open = state.filter(\.open).count
        guard state.count - open + open * scalars.count <= limit else {
            close(&state)
            return
        }
        var next: [Prefix] = []
        next.reserveCapacity(state.count - open + open * scalars.count)
        for p in state {
            guard p.open else { next.append(p); continue }
            for c in scalars { next.append(p.appending(c)) }
        }
        state = next
    }

    private static func close(_ state: inout [Prefix]) {
        for i in state.indices { state[i].open = false }
        state = unique(state)
    }

    /// Sorted, without repeats.
    private static func unique(_ prefixes: [Prefix]) -> [Prefix] {
        var out: [Prefix] = []
        out.reserveCapacity(prefixes.count)
        for p in prefixes.sorted() where out.last != p { out.append(p) }
        return out
    }

    /// Drops every string that has another string of the set as a prefix (finding the shorter finds both).
    static func minimal(_ strings: [[UInt32]]) -> [[UInt32]] {
        let sorted = Set(strings).sorted { $0.lexicographicallyPrecedes($1) }
        var out: [[UInt32]] = []
        for s in sorted {
            if let last = out.last, s.starts(with: last) { continue }
            out.append(s)
        }
        return out
    }
}
