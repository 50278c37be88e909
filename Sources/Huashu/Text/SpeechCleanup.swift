/// Speech-recognition noise removal for transcripts: filler words (嗯, 啊, 那个,
/// 就是说 … from the phrasebook's `fillers` cue list) and stuttered repeats
/// (不不行) are dropped from the folded text, so they cannot hide a phrase
/// (说了、嗯、多少遍了 reads as 说了多少遍了). Dropped characters keep no folded
/// position, so spans still point at the right original characters.
public struct SpeechCleanup: Sendable {
    public let fillers: [Pattern]

    public init(fillers: [Pattern]) { self.fillers = fillers }

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
            if s[i] == last, Self.isHan(s[i]) { drop[i] = true } else { last = s[i] }
        }
        var scalars: [UInt32] = []
        var origin: [Int32] = []
        scalars.reserveCapacity(s.count)
        origin.reserveCapacity(s.count)
        for i in 0..<s.count where !drop[i] {
            scalars.append(s[i])
            origin.append(text.origin[i])
        }
        return NormalizedText(original: text.original, scalars: scalars, origin: origin)
    }

    static func isHan(_ c: UInt32) -> Bool { (0x4E00...0x9FFF).contains(c) || (0x3400...0x4DBF).contains(c) }
}

extension Pattern {
    /// The pattern with repeated Han characters collapsed, to match text that
    /// went through `SpeechCleanup` (谢谢 → 谢).
    public func collapsingRepeats() -> Pattern {
        Pattern(source: source, root: Self.collapse(root))
    }

    private static func collapse(_ node: Node) -> Node {
        switch node {
        case .sequence(let items):
            var out: [Node] = []
            for item in items.map(collapse) {
                if case .literal(let c) = item, case .literal(let d)? = out.last, c == d, SpeechCleanup.isHan(c) { continue }
                out.append(item)
            }
            return out.count == 1 ? out[0] : .sequence(out)
        case .alternation(let items): return .alternation(items.map(collapse))
        case .optional(let item): return .optional(collapse(item))
        default: return node
        }
    }
}
