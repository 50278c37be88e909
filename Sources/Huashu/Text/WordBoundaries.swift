/// ICU word boundaries of a text, computed only where they are asked for.
///
/// Segmenting a whole text with ICU's dictionary break iterator is the slow part
/// of Chinese text processing, and a linter only needs boundaries at the edges
/// of candidate matches. Asking about a position segments the run of word
/// characters around it (ICU's dictionary segmentation of Han text depends only
/// on that run), bounded to `maxRun` scalars on each side, and caches it.
final class WordBoundaries {
    private let text: [UInt32]
    private let breaker: ICU.Breaker
    /// Recently segmented runs, each with its boundaries (ascending scalar offsets).
    private var runs: [(range: Range<Int>, boundaries: [Int])] = []
    // Buffers reused from run to run.
    private var utf16: [UInt16] = []
    private var offsets: [Int32] = []
    static let maxRun = 256

    init(text: [UInt32], breaker: ICU.Breaker) {
        self.text = text
        self.breaker = breaker
    }

    /// Whether ICU puts a word boundary at scalar position `p`.
    func contains(_ p: Int) -> Bool {
        if p <= 0 || p >= text.count { return true }
        if !joins(p - 1) || !joins(p) { return true }
        for run in runs.reversed() where run.range.contains(p) && run.range.lowerBound != p {
            return run.boundaries.contains(p)
        }
        var lo = p, hi = p
        while lo > 0, p - lo < Self.maxRun, joins(lo - 1) { lo -= 1 }
        while hi < text.count, hi - p < Self.maxRun, joins(hi) { hi += 1 }
        let boundaries = segment(lo..<hi)
        // Candidates arrive in text order: a few recent runs are all worth keeping.
        if runs.count >= 8 { runs.removeFirst() }
        runs.append((lo..<hi, boundaries))
        return boundaries.contains(p)
    }

    /// ICU's boundaries in `range` of the text, as text offsets.
    private func segment(_ range: Range<Int>) -> [Int] {
        utf16.removeAll(keepingCapacity: true)
        var astral = false
        for i in range {
            let v = text[i]
            if v < 0x1_0000 { utf16.append(UInt16(v)) } else {
                astral = true
                utf16.append(UInt16(0xD800 + ((v - 0x1_0000) >> 10))); utf16.append(UInt16(0xDC00 + ((v - 0x1_0000) & 0x3FF)))
            }
        }
        let n = utf16.withUnsafeBufferPointer { breaker.boundaries($0, into: &offsets) }
        guard astral else { return (0..<n).map { Int(offsets[$0]) + range.lowerBound } }
        // Map UTF-16 offsets back to scalars.
        var scalarAt = [Int](repeating: 0, count: utf16.count + 1)
        var u = 0
        for (s, i) in range.enumerated() {
            scalarAt[u] = s
            if text[i] >= 0x1_0000 { scalarAt[u + 1] = s; u += 2 } else { u += 1 }
        }
        scalarAt[u] = range.count
        return (0..<n).map { scalarAt[Int(offsets[$0])] + range.lowerBound }
    }

    /// Characters that may sit inside one ICU word: word characters, and `.` `,` `'`
    /// between ASCII letters or digits (3.5, don't).
    private func joins(_ i: Int) -> Bool {
        let c = text[i]
        if Punctuation.isWordCharacter(c) { return true }
        if c == 0x2E || c == 0x2C || c == 0x27 || c == 0x3A || c == 0x2019 {
            return i > 0 && i + 1 < text.count && Punctuation.isASCIIAlnum(text[i - 1]) && Punctuation.isASCIIAlnum(text[i + 1])
        }
        return false
    }

    /// Boundaries of `scalars` (scalar offsets, including 0 and the end) and the
    /// kind of each segment, from one ICU pass (for tokenization).
    static func segmentWithKinds(_ scalars: [UInt32], breaker: ICU.Breaker) -> [(offset: Int, kind: Int32)] {
        let utf16 = CharacterFolding.encode(scalars)
        let (offsets, kinds) = breaker.boundaries(utf16)
        // Map UTF-16 offsets back to scalar offsets.
        var scalarAt = [Int](repeating: 0, count: utf16.count + 1)
        var s = 0, u = 0
        for v in scalars {
            scalarAt[u] = s
            let w = v >= 0x1_0000 ? 2 : 1
            if w == 2 { scalarAt[u + 1] = s }
            u += w; s += 1
        }
        scalarAt[u] = s
        return zip(offsets, kinds).map { (scalarAt[Int($0.0)], $0.1) }
    }
}
