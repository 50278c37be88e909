/// Literal strings that every match of a pattern must contain, used to find
/// candidates fast: the scan looks for these factors, and only around a factor
/// does it run the pattern itself (the idea behind the literal prefilters of
/// regex engines such as RE2 and Hyperscan).
enum LiteralFactors {
    /// Cross products stop growing past this many strings.
    static let limit = 64

    struct Info {
        /// Every string a match of the node can be, when few and finite.
        var exact: Set<[UInt32]>?
        /// A set of strings one of which occurs in every match, when known.
        var required: Set<[UInt32]>?
    }

    /// The best required factor set of `pattern`, or nil when there is none
    /// (e.g. a pattern of optional parts and gaps only).
    static func of(_ pattern: Pattern) -> [[UInt32]]? {
        let info = analyze(pattern.root)
        let candidates = [info.required, info.exact].compactMap { $0 }.filter { !$0.contains([]) && !$0.isEmpty }
        return candidates.max { score($0) < score($1) }.map { Array($0) }
    }

    /// Higher is better: long shortest string first, then fewer strings.
    static func score(_ set: Set<[UInt32]>) -> Double {
        let shortest = set.map(\.count).min() ?? 0
        return Double(min(shortest, 4)) * 1000 - Double(set.count)
    }

    static func analyze(_ node: Pattern.Node) -> Info {
        switch node {
        case .literal(let c):
            return Info(exact: [[c]], required: [[c]])
        case .oneOf(let set):
            let exact = set.count <= limit ? Set(set.map { [$0] }) : nil
            return Info(exact: exact, required: exact)
        case .digit, .gap:
            return Info(exact: nil, required: nil)
        case .clauseStart, .clauseEnd:
            return Info(exact: [[]], required: nil)
        case .optional(let item):
            let inner = analyze(item)
            return Info(exact: inner.exact.map { $0.union([[]]) }, required: nil)
        case .alternation(let options):
            let infos = options.map(analyze)
            var exact: Set<[UInt32]>? = []
            var required: Set<[UInt32]>? = []
            for i in infos {
                if let e = i.exact, let x = exact, x.count + e.count <= limit { exact = x.union(e) } else { exact = nil }
                let best = [i.required, i.exact].compactMap { $0 }.filter { !$0.contains([]) }.max { score($0) < score($1) }
                if let b = best, let r = required { required = r.union(b) } else { required = nil }
            }
            return Info(exact: exact, required: required)
        case .sequence(let items):
            var candidates: [Set<[UInt32]>] = []
            var run: Set<[UInt32]>? = [[]]
            var wholeExact: Set<[UInt32]>? = [[]]
            for item in items {
                let info = analyze(item)
                if let r = info.required { candidates.append(r) }
                if let e = info.exact {
                    if let current = run, current.count * e.count <= limit {
                        run = Set(current.flatMap { a in e.map { a + $0 } })
                    } else {
                        if let current = run { candidates.append(current) }
                        run = e
                    }
                    if let w = wholeExact, w.count * e.count <= limit { wholeExact = Set(w.flatMap { a in e.map { a + $0 } }) } else { wholeExact = nil }
                } else {
                    if let current = run { candidates.append(current) }
                    run = [[]]
                    wholeExact = nil
                }
            }
            if let current = run { candidates.append(current) }
            let valid = candidates.filter { !$0.contains([]) && !$0.isEmpty }
            return Info(exact: wholeExact, required: valid.max { score($0) < score($1) })
        }
    }
}
