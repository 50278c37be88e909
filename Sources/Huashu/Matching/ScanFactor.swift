/// Chooses the factor the scan looks for, per pattern: the required literals
/// from `LiteralFactors` or the opening strings from `PrefixFactors`, whichever
/// is expected to wake the pattern up least often.
///
/// How often a string occurs is estimated from a sample of staff text (the
/// phrasebook's own examples), so a rare character (熟) beats a common pair
/// (这个) even though the pair is longer.
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
    static let formatVersion = 1
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
        let odds = ScanFactor(sample: sample.map { CharacterFolding.shared.fold($0) }, keys: keys)
        return options.map { list in list.min { odds.cost($0) < odds.cost($1) } }
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

    /// Expected pattern runs per scanned scalar: each string's odds of
    /// occurring, times the number of start positions its window allows.
    func cost(_ factor: LiteralFactors.Required) -> Double {
        var hits = 0.0
        for s in factor.strings { hits += odds(s) }
        return hits * Double(factor.maxOffset - factor.minOffset + 1)
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
