/// Full ICU segmentation of a text into words and sentences, for trainers
/// debugging patterns (`huashu tokenize`) and for features that need every token.
public struct Tokenization: Sendable {
    public struct Segment: Sendable, Hashable {
        /// The segment as written in the original text.
        public let text: String
        /// The segment after folding.
        public let folded: String
        /// Unicode-scalar offsets into the original text.
        public let start: Int
        public let end: Int
        /// `word`, `number`, `ideographic`, `kana` or `other` (punctuation, space).
        public let kind: String
    }

    public let normalized: NormalizedText
    public let words: [Segment]
    public let sentences: [Segment]

    /// Segments `text` (folded first) with ICU's word and sentence break iterators for `zh`.
    public init(_ text: String) throws {
        let normalized = NormalizedText(text)
        self.normalized = normalized
        let wordBreaker = try ICU.Breaker(.word)
        let sentenceBreaker = try ICU.Breaker(.sentence)
        let scalars = normalized.scalars
        func segments(_ bounds: [(offset: Int, kind: Int32)], skipSpace: Bool) -> [Segment] {
            var out: [Segment] = []
            for k in 1..<max(1, bounds.count) {
                let r = bounds[k - 1].offset..<bounds[k].offset
                if r.isEmpty { continue }
                let folded = Array(scalars[r])
                if skipSpace && folded.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x3000 }) { continue }
                let o = normalized.originalRange(r)
                let kind: String
                switch bounds[k].kind {
                case 1: kind = "number"
                case 2: kind = "word"
                case 3: kind = "kana"
                case 4: kind = "ideographic"
                default: kind = "other"
                }
                if let last = out.last, o.lowerBound < last.end {
                    // One original character folded to several (㈱ → (株)): keep one segment.
                    let merged = last.start..<max(last.end, o.upperBound)
                    out[out.count - 1] = Segment(text: normalized.original.text(merged), folded: last.folded + Self.string(folded),
                                                 start: merged.lowerBound, end: merged.upperBound, kind: last.kind)
                    continue
                }
                out.append(Segment(text: normalized.original.text(o), folded: Self.string(folded), start: o.lowerBound, end: o.upperBound, kind: kind))
            }
            return out
        }
        words = scalars.isEmpty ? [] : segments(WordBoundaries.segmentWithKinds(scalars, breaker: wordBreaker), skipSpace: true)
        sentences = scalars.isEmpty ? [] : segments(WordBoundaries.segmentWithKinds(scalars, breaker: sentenceBreaker).map { ($0.offset, Int32(0)) }, skipSpace: false)
    }

    /// The ICU version in use.
    public static var icuVersion: String { ICU.version }

    static func string<S: Sequence>(_ scalars: S) -> String where S.Element == UInt32 {
        var v = String.UnicodeScalarView()
        for s in scalars { if let u = Unicode.Scalar(s) { v.append(u) } }
        return String(v)
    }
}
