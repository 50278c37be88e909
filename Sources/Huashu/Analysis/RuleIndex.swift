/// The rules of a phrasebook, compiled for scanning: every pattern is filed under
/// the scalars its matches can start with, so a scan over folded text only runs
/// the patterns whose first character is at hand.
struct RuleIndex: Sendable {
    struct Entry: Sendable {
        let rule: Int
        let pattern: Pattern
    }

    let rules: [Rule]
    /// For BMP scalars: index into `buckets`, or -1.
    private let dispatch: [Int32]
    private let buckets: [[Entry]]
    private let astral: [UInt32: Int]

    init(rules: [Rule]) {
        self.rules = rules
        var byScalar: [UInt32: [Entry]] = [:]
        for (r, rule) in rules.enumerated() {
            for pattern in rule.patterns {
                for c in pattern.firstScalars ?? [] { byScalar[c, default: []].append(Entry(rule: r, pattern: pattern)) }
            }
        }
        var dispatch = [Int32](repeating: -1, count: 0x1_0000)
        var buckets: [[Entry]] = []
        var astral: [UInt32: Int] = [:]
        for (c, entries) in byScalar.sorted(by: { $0.key < $1.key }) {
            if c < 0x1_0000 { dispatch[Int(c)] = Int32(buckets.count) } else { astral[c] = buckets.count }
            buckets.append(entries)
        }
        self.dispatch = dispatch
        self.buckets = buckets
        self.astral = astral
    }

    /// The patterns that may match at a position whose scalar is `c`.
    @inline(__always)
    func entries(startingWith c: UInt32) -> [Entry]? {
        if c < 0x1_0000 {
            let b = dispatch[Int(c)]
            return b < 0 ? nil : buckets[Int(b)]
        }
        return astral[c].map { buckets[$0] }
    }
}
