/// Text as the matcher sees it: folded scalars (see `CharacterFolding`) with, for
/// each one, the index of the original Unicode scalar it came from.
public struct NormalizedText: Sendable {
    /// The text as written.
    public let original: OriginalText
    /// Folded scalar values, the matching alphabet.
    public let scalars: [UInt32]
    /// The origin map, stored as the positions where the difference between an
    /// original and a folded index changes (`shiftAt`, ascending) and the
    /// difference from there on (`shift`): folding is one to one almost
    /// everywhere, so this stays small.
    private let shiftAt: [Int32]
    private let shift: [Int32]

    init(original: OriginalText, scalars: [UInt32], shiftAt: [Int32], shift: [Int32]) {
        self.original = original
        self.scalars = scalars
        self.shiftAt = shiftAt
        self.shift = shift
    }

    /// Folds `text`.
    public init(_ text: String) {
        var text = text
        text.makeContiguousUTF8()
        let folding = CharacterFolding.shared
        let folded = text.withUTF8 { Self.fold($0, folding: folding, validating: false)! }
        self.init(.string(text), folded)
    }

    /// Folds UTF-8 bytes, checking them as it goes; nil when they are not valid
    /// UTF-8 (`UTF8Validation` says where). Spares a large input the separate
    /// validation and copy that making a `String` costs.
    public init?(validatingUTF8 bytes: [UInt8]) {
        let folding = CharacterFolding.shared
        guard let folded = bytes.withUnsafeBufferPointer({ Self.fold($0, folding: folding, validating: true) }) else { return nil }
        self.init(.bytes(bytes), folded)
    }

    private init(_ storage: OriginalText.Storage, _ folded: Folded) {
        self.init(original: folded.original.finish(storage), scalars: folded.scalars, shiftAt: folded.shiftAt, shift: folded.shift)
    }

    /// This text with other folded scalars, `origin[i]` being the index in
    /// `scalars` of the one that produced new scalar `i` (speech cleanup drops some).
    func replacingScalars(_ newScalars: [UInt32], origin: [Int]) -> NormalizedText {
        var shiftAt: [Int32] = [], shift: [Int32] = []
        var current: Int32 = 0
        for (i, o) in origin.enumerated() {
            let d = self.origin(at: o) - Int32(i)
            if d != current { current = d; shiftAt.append(Int32(i)); shift.append(d) }
        }
        return NormalizedText(original: original, scalars: newScalars, shiftAt: shiftAt, shift: shift)
    }

    /// The index in `original` of the scalar that produced folded scalar `i`.
    func origin(at i: Int) -> Int32 {
        // The last shift at or before i.
        var lo = 0, hi = shiftAt.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(shiftAt[mid]) <= i { lo = mid + 1 } else { hi = mid }
        }
        return Int32(i) + (lo == 0 ? 0 : shift[lo - 1])
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
            let p = range.lowerBound < scalars.count ? Int(origin(at: range.lowerBound)) : original.count
            return p..<p
        }
        return Int(origin(at: range.lowerBound))..<(Int(origin(at: range.upperBound - 1)) + 1)
    }

    // MARK: Folding

    private struct Folded {
        var scalars: [UInt32]
        var shiftAt: [Int32]
        var shift: [Int32]
        var original: OriginalText.Builder
    }

    /// Folds UTF-8, or nil when `validating` and the bytes are invalid.
    private static func fold(_ utf8: UnsafeBufferPointer<UInt8>, folding: CharacterFolding, validating: Bool) -> Folded? {
        // One folded scalar per byte is plenty unless expansions pile up; then count first.
        let first = validating
            ? fold(utf8, folding: folding, capacity: utf8.count + 16, validating: true)
            : fold(utf8, folding: folding, capacity: utf8.count + 16, validating: false)
        switch first {
        case .folded(let f): return f
        case .invalid: return nil
        case .overflow:
            if case .folded(let f) = fold(utf8, folding: folding, capacity: foldedCount(utf8, folding: folding), validating: false) {
                return f
            }
            return nil
        }
    }

    private enum Outcome {
        case folded(Folded)
        case overflow
        case invalid
    }

    /// Decodes (and with `validating`, checks) UTF-8 and folds it in one pass
    /// into a buffer of `capacity` scalars.
    @inline(__always)
    private static func fold(_ utf8: UnsafeBufferPointer<UInt8>, folding: CharacterFolding, capacity: Int,
                             validating: Bool) -> Outcome {
        var shiftAt: [Int32] = [], shift: [Int32] = []
        var original = OriginalText.Builder()
        var expansion: [UInt32] = []
        var overflow = false, invalid = false
        let scalars = [UInt32](unsafeUninitializedCapacity: capacity) { out, count in
            HugePages.advise(out.baseAddress, bytes: capacity * 4)
            folding.withTable { table in
                var i = 0, j = 0
                while i < utf8.count {
                    let start = i
                    let v: UInt32
                    if validating {
                        guard let checked = decodeChecked(utf8, at: &i) else { invalid = true; break }
                        v = checked
                    } else {
                        v = decode(utf8, at: &i)
                    }
                    let k = original.count
                    original.scalar(startingAt: start, isNewline: v == 0x0A)
                    let f = v < 0x1_0000 ? table[Int(v)] : CharacterFolding.expansionFlag
                    if f & CharacterFolding.expansionFlag == 0 {
                        out[j] = f
                        j += 1
                        continue
                    }
                    expansion.removeAll(keepingCapacity: true)
                    _ = folding.fold(v, into: &expansion)
                    if j + expansion.count > capacity { overflow = true; break }
                    if expansion.count != 1 {
                        // Each scalar of the expansion maps back to k; what follows, to k + 1 on.
                        for m in 0..<expansion.count {
                            shiftAt.append(Int32(j + m)); shift.append(Int32(k - j - m))
                        }
                        shiftAt.append(Int32(j + expansion.count)); shift.append(Int32(k + 1 - j - expansion.count))
                    }
                    for e in expansion {
                        out[j] = e
                        j += 1
                    }
                }
                count = overflow || invalid ? 0 : j
            }
        }
        if invalid { return .invalid }
        if overflow { return .overflow }
        return .folded(Folded(scalars: scalars, shiftAt: shiftAt, shift: shift, original: original))
    }

    /// How many scalars folding `utf8` produces.
    private static func foldedCount(_ utf8: UnsafeBufferPointer<UInt8>, folding: CharacterFolding) -> Int {
        var i = 0, n = 0
        var scratch: [UInt32] = []
        while i < utf8.count {
            scratch.removeAll(keepingCapacity: true)
            n += folding.fold(decode(utf8, at: &i), into: &scratch)
        }
        return n
    }

    /// The scalar of possibly invalid UTF-8 at `i`, advancing `i` past it; nil
    /// for an ill-formed sequence (overlong, surrogate, beyond U+10FFFF, cut short).
    @inline(__always)
    private static func decodeChecked(_ utf8: UnsafeBufferPointer<UInt8>, at i: inout Int) -> UInt32? {
        let n = utf8.count
        let b0 = utf8[i]
        if b0 < 0x80 { i += 1; return UInt32(b0) }
        @inline(__always) func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> UInt32? {
            guard i + k < n else { return nil }
            let b = utf8[i + k]
            return b >= low && b <= high ? UInt32(b & 0x3F) : nil
        }
        switch b0 {
        case 0xC2...0xDF:
            guard let c1 = continuation(1) else { return nil }
            i += 2
            return UInt32(b0 & 0x1F) << 6 | c1
        case 0xE0...0xEF:
            let low: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80, high: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            guard let c1 = continuation(1, low, high), let c2 = continuation(2) else { return nil }
            i += 3
            return UInt32(b0 & 0x0F) << 12 | c1 << 6 | c2
        case 0xF0...0xF4:
            let low: UInt8 = b0 == 0xF0 ? 0x90 : 0x80, high: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
            guard let c1 = continuation(1, low, high), let c2 = continuation(2), let c3 = continuation(3) else { return nil }
            i += 4
            return UInt32(b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
        default:
            return nil
        }
    }

    /// The scalar of valid UTF-8 at `i`, advancing `i` past it.
    @inline(__always)
    private static func decode(_ utf8: UnsafeBufferPointer<UInt8>, at i: inout Int) -> UInt32 {
        let b0 = UInt32(utf8[i])
        if b0 < 0x80 { i += 1; return b0 }
        if b0 < 0xE0 { defer { i += 2 }; return (b0 & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F) }
        if b0 < 0xF0 {
            defer { i += 3 }
            return (b0 & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)
        }
        defer { i += 4 }
        return (b0 & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12 | UInt32(utf8[i + 2] & 0x3F) << 6 | UInt32(utf8[i + 3] & 0x3F)
    }
}
