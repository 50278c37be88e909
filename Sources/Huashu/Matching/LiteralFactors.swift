/// Literal strings that every match of a pattern must contain, used to find
/// candidates fast: the scan looks for these factors, and only around a factor
/// does it run the pattern itself (the idea behind the literal prefilters of
/// regex engines such as RE2 and Hyperscan).
enum LiteralFactors {
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
            shortest = Self.shortest(of: strings)
        }

        /// Higher is better: a long shortest string, then fewer strings, then a narrow window.
        var score: Double { Self.score(shortest: shortest, count: strings.count, width: maxOffset - minOffset) }

        var isUsable: Bool { !strings.isEmpty && shortest > 0 }

        func shifted(_ min: Int, _ max: Int) -> Required {
            Required(strings: strings, minOffset: minOffset + min, maxOffset: maxOffset + max)
        }

        static func score(shortest: Int, count: Int, width: Int) -> Double {
            Double(Swift.min(shortest, 4)) * 100_000 - Double(count) * 10 - Double(width)
        }

        static func shortest(of strings: [[UInt32]]) -> Int {
            var shortest = Int.max
            for s in strings where s.count < shortest { shortest = s.count }
            return strings.isEmpty ? 0 : shortest
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

    /// Keeps the best of a stream of candidate factor sets: the first usable one
    /// with the highest score, as `max` over the whole list would pick.
    struct Best {
        private(set) var value: Required?
        private var score = 0.0

        mutating func consider(_ r: Required?) {
            guard let r, r.isUsable else { return }
            let s = r.score
            if value == nil || score < s { value = r; score = s }
        }

        /// A single scalar at `minOffset...maxOffset`, built only when it wins.
        mutating func consider(scalar c: UInt32, minOffset: Int, maxOffset: Int) {
            let s = Required.score(shortest: 1, count: 1, width: maxOffset - minOffset)
            if value == nil || score < s {
                value = Required(strings: [[c]], minOffset: minOffset, maxOffset: maxOffset)
                score = s
            }
        }
    }

    /// The best required factor set of `pattern`, or nil when there is none
    /// (e.g. a pattern of optional parts and gaps only).
    static func of(_ pattern: Pattern) -> Required? {
        let info = analyze(pattern.root)
        guard var chosen = best(info) else { return nil }
        chosen.strings = unique(chosen.strings)
        return chosen
    }

    /// The first usable candidate with the highest score.
    static func best(_ candidates: [Required?]) -> Required? {
        var best = Best()
        for c in candidates { best.consider(c) }
        return best.value
    }

    /// The better of a node's required set and its exact strings (taken as factors at offset 0).
    static func best(_ info: Info) -> Required? {
        var best = Best()
        best.consider(info.required)
        if let e = info.exact { best.consider(Required(strings: e, minOffset: 0, maxOffset: 0)) }
        return best.value
    }

    /// `strings` without repeats, first occurrences in order.
    static func unique(_ strings: [[UInt32]]) -> [[UInt32]] {
        guard strings.count > 1 else { return strings }
        if strings.count <= 16 {
            var out: [[UInt32]] = []
            out.reserveCapacity(strings.count)
            for s in strings where !out.contains(s) { out.append(s) }
            return out
        }
        var seen = Set<[UInt32]>()
        return strings.filter { seen.insert($0).inserted }
    }

    static func analyze(_ node: Pattern.Node) -> Info {
        switch node {
        case .literal(let c):
            let strings: [[UInt32]] = [[c]]
            return Info(exact: strings, required: Required(strings: strings, minOffset: 0, maxOffset: 0), minLength: 1, maxLength: 1)
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
            var exact = inner.exact
            exact?.append([])
            return Info(exact: exact, required: nil, minLength: 0, maxLength: inner.maxLength)
        case .alternation(let options):
            return alternation(options)
        case .sequence(let items):
            return sequence(items)
        }
    }

    /// Exact strings concatenate while few; the required set is the union of each
    /// option's best set, over the widest window.
    private static func alternation(_ options: [Pattern.Node]) -> Info {
        var exact: [[UInt32]]? = []
        var strings: [[UInt32]] = []
        var hasRequired = true
        var minOffset = Int.max, maxOffset = 0
        var minLength = Int.max, maxLength = 0
        for o in options {
            let i = analyze(o)
            minLength = min(minLength, i.minLength)
            maxLength = max(maxLength, i.maxLength)
            if let e = i.exact, let count = exact?.count, count + e.count <= limit {
                exact!.append(contentsOf: e)
            } else {
                exact = nil
            }
            guard hasRequired else { continue }
            if let b = best(i) {
                strings.append(contentsOf: b.strings)
                minOffset = min(minOffset, b.minOffset)
                maxOffset = max(maxOffset, b.maxOffset)
            } else {
                hasRequired = false
                strings = []
            }
        }
        let required = hasRequired ? Required(strings: strings, minOffset: minOffset, maxOffset: maxOffset) : nil
        return Info(exact: exact, required: required, minLength: minLength, maxLength: maxLength)
    }

    /// Runs of exact children multiply out (while few) into candidate factors;
    /// the best of those and of the children's own sets wins.
    private static func sequence(_ items: [Pattern.Node]) -> Info {
        if let word = literalWord(items) {
            // What the loop below computes for plain words (the common case in
            // alternations): the word itself outscores each of its characters.
            let strings = [word]
            return Info(exact: strings, required: Required(strings: strings, minOffset: 0, maxOffset: 0),
                        minLength: word.count, maxLength: word.count)
        }
        var best = Best()
        // The run of exact children being multiplied out, and where it starts.
        var run = [emptyString()]
        var runMin = 0, runMax = 0
        // Whether the run still spans every child so far (then it is the exact set).
        var whole = true
        var prefixMin = 0, prefixMax = 0
        for item in items {
            if case .literal(let c) = item {
                // Inline `analyze` of a literal: no intermediate sets.
                best.consider(scalar: c, minOffset: prefixMin, maxOffset: prefixMax)
                if run.count <= limit {
                    for k in run.indices { run[k].append(c) }
                } else {
                    best.consider(Required(strings: run, minOffset: runMin, maxOffset: runMax))
                    run = [[c]]
                    runMin = prefixMin; runMax = prefixMax
                    whole = false
                }
                prefixMin += 1
                prefixMax += 1
                continue
            }
            let info = analyze(item)
            if let r = info.required { best.consider(r.shifted(prefixMin, prefixMax)) }
            if let e = info.exact {
                if run.count * e.count <= limit {
                    extend(&run, by: e)
                } else {
                    best.consider(Required(strings: run, minOffset: runMin, maxOffset: runMax))
                    run = e
                    runMin = prefixMin; runMax = prefixMax
                    whole = false
                }
            } else {
                best.consider(Required(strings: run, minOffset: runMin, maxOffset: runMax))
                run = [emptyString()]
                whole = false
            }
            prefixMin += info.minLength
            prefixMax += info.maxLength
            if info.exact == nil { runMin = prefixMin; runMax = prefixMax }
        }
        best.consider(Required(strings: run, minOffset: runMin, maxOffset: runMax))
        return Info(exact: whole ? run : nil, required: best.value, minLength: prefixMin, maxLength: prefixMax)
    }

    /// The scalars of a sequence of two or more literals, else nil.
    private static func literalWord(_ items: [Pattern.Node]) -> [UInt32]? {
        guard items.count >= 2 else { return nil }
        var word: [UInt32] = []
        word.reserveCapacity(items.count)
        for item in items {
            guard case .literal(let c) = item else { return nil }
            word.append(c)
        }
        return word
    }

    /// Replaces `strings` with every `a + b` for `a` in `strings`, `b` in `suffixes`, in that order.
    private static func extend(_ strings: inout [[UInt32]], by suffixes: [[UInt32]]) {
        if suffixes.count == 1 {
            for k in strings.indices { strings[k].append(contentsOf: suffixes[0]) }
            return
        }
        var out: [[UInt32]] = []
        out.reserveCapacity(strings.count * suffixes.count)
        for a in strings {
            for b in suffixes { out.append(a + b) }
        }
        strings = out
    }

    /// An empty string with room for a typical factor, so runs grow in place.
    private static func emptyString() -> [UInt32] {
        var s: [UInt32] = []
        s.reserveCapacity(8)
        return s
    }
}
