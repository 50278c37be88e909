/// Sentence, quotation and word-boundary facts about one folded text, computed
/// lazily around the positions that candidate matches ask about.
final class TextContext {
    let text: [UInt32]
    private let breakerPool: BreakerPool
    private var breaker: ICU.Breaker?
    private var boundaries: WordBoundaries?
    private var quoted: [Range<Int>]?
    /// The line `quoted` covers (with its newline).
    private var quotedLine: Range<Int>?
    /// How far sentence scans look (a 50 MB line must not make each lookup linear).
    static let maxSentence = 400

    init(text: [UInt32], breakerPool: BreakerPool) {
        self.text = text
        self.breakerPool = breakerPool
    }

    deinit { if let breaker { breakerPool.checkIn(breaker) } }

    func isWordBoundary(_ p: Int) -> Bool {
        if boundaries == nil {
            let b = breakerPool.checkOut()
            breaker = b
            boundaries = WordBoundaries(text: text, breaker: b)
        }
        return boundaries!.contains(p)
    }

    /// The sentence containing the range `r` (terminator included).
    func sentence(around r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound
        while lo > 0, r.lowerBound - lo < Self.maxSentence, !Punctuation.endsSentence(at: lo - 1, in: text) { lo -= 1 }
        var hi = r.upperBound
        while hi < text.count, hi - r.upperBound < Self.maxSentence {
            let end = Punctuation.endsSentence(at: hi, in: text)
            hi += 1
            if end { break }
        }
        // Include a run of closing punctuation (?!, 。」).
        while hi < text.count, hi - r.upperBound < Self.maxSentence, Punctuation.endsSentence(at: hi, in: text) { hi += 1 }
        return lo..<hi
    }

    /// The sentence after `sentence`, or an empty range at the end.
    func sentence(after s: Range<Int>) -> Range<Int> {
        guard s.upperBound < text.count else { return s.upperBound..<s.upperBound }
        return sentence(around: s.upperBound..<s.upperBound)
    }

    /// The sentence before `sentence`, or an empty range at the start.
    func sentence(before s: Range<Int>) -> Range<Int> {
        guard s.lowerBound > 0 else { return 0..<0 }
        var lo = s.lowerBound - 1
        while lo > 0, Punctuation.endsSentence(at: lo - 1, in: text), s.lowerBound - lo < 8 { lo -= 1 }
        return sentence(around: lo..<lo)
    }

    /// Whether position `p` lies inside quotation marks. Quotes never span
    /// lines, so only the line around `p` is looked at (once per line).
    func isQuoted(_ p: Int) -> Bool {
        if quotedLine == nil || !quotedLine!.contains(p) {
            var start = p, end = p
            while start > 0, text[start - 1] != 0x0A { start -= 1 }
            while end < text.count, text[end] != 0x0A { end += 1 }
            quotedLine = start..<(end + 1)
            quoted = Self.quotedRanges(text[start..<end]).map { ($0.lowerBound + start)..<($0.upperBound + start) }
        }
        return Self.contains(quoted!, p)
    }

    /// Binary search in sorted, non-overlapping ranges.
    static func contains(_ ranges: [Range<Int>], _ p: Int) -> Bool {
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].upperBound <= p { lo = mid + 1 } else { hi = mid }
        }
        return lo < ranges.count && ranges[lo].contains(p)
    }

    /// Ranges between matching quotation marks (“…”, 「…」, ‘…’, "…"). An unclosed
    /// quote runs to the end of its line.
    static func quotedRanges(_ text: ArraySlice<UInt32>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var open: (close: UInt32, start: Int)?
        for (i, c) in text.enumerated() {
            if let o = open {
                if c == o.close { out.append(o.start..<i); open = nil } else if c == 0x0A { out.append(o.start..<i); open = nil }
                continue
            }
            if c == 0x22 { open = (0x22, i + 1); continue }
            // Every other opening mark is in U+2018…U+300E.
            if c < 0x2018 || c > 0x300E { continue }
            if let pair = Punctuation.quotePairs.first(where: { $0.0 == c }) { open = (pair.1, i + 1) }
        }
        if let o = open { out.append(o.start..<text.count) }
        return out
    }
}
