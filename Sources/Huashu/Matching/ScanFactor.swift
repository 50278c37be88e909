/// Chooses the factor the scan looks for, per pattern: the required literals
/// from `LiteralFactors` or the opening strings from `PrefixFactors`, whichever
/// is expected to wake the pattern up least often.
///
/// How often a string occurs is estimated from a sample of staff text (the
/// phrasebook's own examples), so a rare character (熟) beats a common pair
/// (这个) even though the pair is longer. A factor in the middle of a pattern
/// wakes it at each start its window allows, but only where the character
/// there can open a match, which the sample also estimates.
struct ScanFactor {
    /// Folded sample text, and how many times each string of interest occurs in it.
    private let sampleLength: Int
    private let counts: [UInt64: Int]
    /// Weight of the length-based prior against the sample, in scalars.
    static let priorWeight = 200.0
    /// Prior odds that a given scalar is one particular character of a pattern.
    static let oddsPerScalar = 1.0 / 30

    /// Bump whenever `LiteralFactors`, `PrefixFactors` or the cost model change:
    /// cached choices are keyed by the compiled patterns, not by this code.
    static let formatVersion = 2
    /// Smaller phrasebooks are analysed at every start; the cache is not worth a file.
    static let cacheThreshold = 64

    /// The factor to scan for, for each of `patterns`, with `sample` to weigh
    /// the options; read from the cache when the same patterns and sample were
    /// analysed before.
    static func choose(for patterns: [Pattern], sample: [String]) -> [LiteralFactors.Required?] {
        guard patterns.count >= cacheThreshold else { return analyse(patterns, sample: sample) }
        let name = FactorCache.name(for: patterns, sample: sample, version: formatVersion)
        if let cached = FactorCache.load(name, count: patterns.count) { return cached }
        let chosen = analyse(patterns, sample: sample)
        FactorCache.store(chosen, as: name)
        return chosen
    }

    /// Works out every pattern's options and picks the cheapest.
    static func analyse(_ patterns: [Pattern], sample: [String]) -> [LiteralFactors.Required?] {
        let options = patterns.map { p in ([LiteralFactors.of(p)].compactMap { $0 } + PrefixFactors.ofTails(p)).filter(\.isUsable) }
        var keys = Set<UInt64>()
        for list in options { for option in list { for s in option.strings { keys.insert(key(s)) } } }
        for p in patterns { for c in p.firstScalars ?? [] { keys.insert(key([c])) } }
        let odds = ScanFactor(sample: sample.map { CharacterFolding.shared.fold($0) }, keys: keys)
        return zip(patterns, options).map { p, list in
            let opening = odds.openingOdds(p)
            return list.min { odds.cost($0, opening: opening) < odds.cost($1, opening: opening) }
        }
    }

    init(sample: [[UInt32]], keys: Set<UInt64>) {
        var counts: [UInt64: Int] = [:]
        var length = 0
        for text in sample {
            length += text.count
            for i in text.indices {
                for n in 1...3 where i + n <= text.count {
                    let k = Self.key(text[i..<(i + n)])
                    if keys.contains(k) { counts[k, default: 0] += 1 }
                }
            }
        }
        self.counts = counts
        sampleLength = length
    }

    /// Expected work per scanned scalar, in pattern runs: each string's odds
    /// of occurring, times the runs one hit causes. A factor that opens the
    /// match causes one; any other is tried at each start of its window where
    /// the character can open a match (`opening` odds), plus a little for
    /// looking at each start.
    func cost(_ factor: LiteralFactors.Required, opening: Double) -> Double {
        var hits = 0.0
        for s in factor.strings { hits += odds(s) }
        if factor.minOffset == 0 && factor.maxOffset == 0 { return hits }
        let window = Double(factor.maxOffset - factor.minOffset + 1)
        return hits * window * (0.1 + opening)
    }

    /// The odds that a given scalar can open a match of `pattern` (1 when anything can).
    func openingOdds(_ pattern: Pattern) -> Double {
        guard let first = pattern.firstScalars else { return 1 }
        return min(1, first.reduce(0) { $0 + odds([$1]) })
    }

    /// The odds that a string starts at a given scalar: its sample frequency,
    /// smoothed towards a prior that falls with length. Strings longer than
    /// three are judged by their first three scalars.
    func odds(_ s: [UInt32]) -> Double {
        var prior = 1.0
        for _ in 0..<min(s.count, 3) { prior *= Self.oddsPerScalar }
        let seen = Double(counts[Self.key(s)] ?? 0)
        return (seen + Self.priorWeight * prior) / (Double(sampleLength) + Self.priorWeight)
    }

    /// Up to three scalars packed 21 bits each, with the length.
    static func key<C: Collection>(_ s: C) -> UInt64 where C.Element == UInt32 {
        var k: UInt64 = 0
        for c in s.prefix(3) { k = k << 21 | UInt64(c) }
        return k << 2 | UInt64(min(s.count, 3))
    }
}
