/// Speech-recognition noise removal for transcripts: filler words (嗯, 啊, 那个,
/// 就是说 … from the phrasebook's `fillers` cue list) and stuttered repeats
/// (不不行) are dropped from the folded text, so they cannot hide a phrase
/// (说了、嗯、多少遍了 reads as 说了多少遍了). Dropped characters keep no folded
/// position, so spans still point at the right original characters.
public struct SpeechCleanup: Sendable {
    public let fillers: [Pattern]
    /// Characters whose doubling some pattern spells out (谢谢, 等等): never collapsed.
    public let keepDoubled: Set<UInt32>

    /// A cleanup that drops `fillers` and collapses stuttered characters, except
    /// those doubled in `patterns` (so 谢谢 still meets a rule written 谢谢).
    public init(fillers: [Pattern], patterns: [Pattern] = []) {
        self.fillers = fillers
        keepDoubled = patterns.reduce(into: Set<UInt32>()) { $0.formUnion($1.doubledCharacters) }
    }

    /// A cleanup for `phrasebook`: its `fillers` cue, and every rule and cue pattern.
    public init(phrasebook: Phrasebook) {
        var patterns = phrasebook.rules.flatMap { $0.patterns + $0.exceptions.map(\.pattern) }
        patterns += phrasebook.cues.values.flatMap { $0 }
        self.init(fillers: phrasebook.cues["fillers"] ?? [], patterns: patterns)
    }

    public func apply(to text: NormalizedText) -> NormalizedText {
        let s = text.scalars
        var drop = [Bool](repeating: false, count: s.count)
        let matcher = PatternMatcher(text: s)
        func isSeparator(_ i: Int) -> Bool { i >= 0 && i < s.count && Punctuation.separatesClauses(s[i]) && !Punctuation.endsSentence(s[i]) }
        var p = 0
        while p < s.count {
            var consumed = 0
            for f in fillers {
                if let first = f.firstScalars, !first.contains(s[p]) { continue }
                guard let end = matcher.ends(of: f, at: p).filter({ $0 > p }).max() else { continue }
                let before = p == 0 || Punctuation.separatesClauses(s[p - 1])
                let after = end == s.count || Punctuation.separatesClauses(s[end])
                let standalone = after || (end - p == 1 && before)
                guard standalone, end - p > consumed else { continue }
                consumed = end - p
            }
            if consumed > 0 {
                for i in p..<(p + consumed) { drop[i] = true }
                // The pauses around a filler go too: 说了、嗯、多少遍 → 说了多少遍.
                var q = p + consumed
                while isSeparator(q) { drop[q] = true; q += 1 }
                var b = p - 1
                while isSeparator(b) { drop[b] = true; b -= 1 }
                p = q
                continue
            }
            p += 1
        }
        // Stuttered repeats of a Han character: 不不行 → 不行.
        var last: UInt32 = 0
        for i in 0..<s.count where !drop[i] {
            if s[i] == last, Self.isHan(s[i]), !keepDoubled.contains(s[i]) { drop[i] = true } else { last = s[i] }
        }
        var scalars: [UInt32] = []
        var origin: [Int] = []
        scalars.reserveCapacity(s.count)
        origin.reserveCapacity(s.count)
        for i in 0..<s.count where !drop[i] {
            scalars.append(s[i])
            origin.append(i)
        }
        return text.replacingScalars(scalars, origin: origin)
    }

    static func isHan(_ c: UInt32) -> Bool { (0x4E00...0x9FFF).contains(c) || (0x3400...0x4DBF).contains(c) }
}

extension Pattern {
    /// Han characters that appear twice in a row in some literal run of the pattern.
    var doubledCharacters: Set<UInt32> {
        var out: Set<UInt32> = []
        func walk(_ node: Node) {
            switch node {
            case .sequence(let items):
                for (a, b) in zip(items, items.dropFirst()) {
                    if case .literal(let c) = a, case .literal(let d) = b, c == d, SpeechCleanup.isHan(c) { out.insert(c) }
                }
                items.forEach(walk)
            case .alternation(let items): items.forEach(walk)
            case .optional(let item): walk(item)
            default: break
            }
        }
        walk(root)
        return out
    }
}
