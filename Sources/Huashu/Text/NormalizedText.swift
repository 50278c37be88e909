/// Text as the matcher sees it: folded scalars (see `CharacterFolding`) with, for
/// each one, the index of the original Unicode scalar it came from.
public struct NormalizedText: Sendable {
    /// The original text's Unicode scalars.
    public let original: [Unicode.Scalar]
    /// Folded scalar values, the matching alphabet.
    public let scalars: [UInt32]
    /// `origin[i]` is the index in `original` of the scalar that produced `scalars[i]`.
    let origin: [Int32]

    init(original: [Unicode.Scalar], scalars: [UInt32], origin: [Int32]) {
        self.original = original
        self.scalars = scalars
        self.origin = origin
    }

    /// Folds `text`.
    public init(_ text: String) {
        let folding = CharacterFolding.shared
        var original: [Unicode.Scalar] = []
        original.reserveCapacity(text.utf8.count / 2)
        var scalars: [UInt32] = []
        scalars.reserveCapacity(text.utf8.count / 2)
        var origin: [Int32] = []
        origin.reserveCapacity(text.utf8.count / 2)
        for s in text.unicodeScalars {
            let n = folding.fold(s.value, into: &scalars)
            for _ in 0..<n { origin.append(Int32(original.count)) }
            original.append(s)
        }
        self.original = original
        self.scalars = scalars
        self.origin = origin
    }

    /// The folded text as a string.
    public var folded: String {
        var s = String.UnicodeScalarView()
        for v in scalars { if let u = Unicode.Scalar(v) { s.append(u) } }
        return String(s)
    }

    /// Maps a folded range to the original scalar range it came from.
    public func originalRange(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let p = range.lowerBound < origin.count ? Int(origin[range.lowerBound]) : original.count
            return p..<p
        }
        return Int(origin[range.lowerBound])..<(Int(origin[range.upperBound - 1]) + 1)
    }
}
