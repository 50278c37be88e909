/// Per-character folding used before matching: NFKC with case folding (full-width
/// letters, digits and punctuation become half-width, `ATM` and `atm` meet), then
/// ICU's `Hant-Hans` transliteration (`這個` → `这个`).
///
/// Folding is done one scalar at a time so that every folded scalar keeps a link
/// to the original scalar it came from; that is what lets findings report spans
/// in the original text. The Basic Multilingual Plane is folded into a table once
/// per process (a handful of bulk ICU calls); other planes go to ICU per scalar.
struct CharacterFolding: Sendable {
    /// `table[c]` is the folded scalar for BMP scalar `c`, or `expansionFlag | i`
    /// when `c` folds to `expansions[i]` (zero or several scalars).
    private let table: [UInt32]
    private let expansions: [[UInt32]]
    static let expansionFlag: UInt32 = 0x8000_0000

    /// Variant characters folded by hand: 妳 (feminine 你) → 你.
    static let variants: [(UInt32, UInt32)] = [(0x59B3, 0x4F60)]

    /// The process-wide folding, built on first use (or read from the cache).
    static let shared: CharacterFolding = {
        if let cached = FoldingCache.load() { return cached }
        let built = CharacterFolding()
        FoldingCache.store(built)
        return built
    }()

    init(table: [UInt32], expansions: [[UInt32]]) {
        self.table = table
        self.expansions = expansions
    }

    /// The raw table and expansions, for the cache.
    var storage: (table: [UInt32], expansions: [[UInt32]]) { (table, expansions) }

    private init() {
        var table = [UInt32](repeating: 0, count: 0x1_0000)
        for c in 0..<0x1_0000 { table[c] = UInt32(c) }
        var expansions: [[UInt32]] = []
        let separator: UInt16 = 0x0A

        // 1. NFKC_Casefold of every BMP scalar, in one ICU call with separators.
        var bulk: [UInt16] = []
        bulk.reserveCapacity(0x2_0000)
        for c in 0..<0x1_0000 where !(0xD800...0xDFFF).contains(c) && c != Int(separator) {
            bulk.append(UInt16(c)); bulk.append(separator)
        }
        let folded = ICU.nfkcCasefold(bulk)
        var multi: [UInt32: [UInt32]] = [:]
        var c = 0
        var segment: [UInt32] = []
        func nextScalar() { c += 1; while (0xD800...0xDFFF).contains(c) || c == Int(separator) { c += 1 } }
        while (0xD800...0xDFFF).contains(c) || c == Int(separator) { c += 1 }
        var i = 0
        while i < folded.count, c < 0x1_0000 {
            let u = folded[i]
            if u == separator {
                if segment.count == 1 { table[c] = segment[0] } else { multi[UInt32(c)] = segment }
                segment.removeAll(keepingCapacity: true)
                nextScalar()
                i += 1
                continue
            }
            if (0xD800...0xDBFF).contains(u), i + 1 < folded.count {
                segment.append(0x1_0000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(folded[i + 1]) - 0xDC00))
                i += 2
            } else {
                segment.append(UInt32(u)); i += 1
            }
        }

        // 2. Hant-Hans on single-scalar results that the transliterator may change.
        if let hantHans = try? ICU.Transliterator("Hant-Hans") {
            var inSource = [UInt64](repeating: 0, count: 0x1_0000 / 64)
            for r in hantHans.sourceRanges() where r.lowerBound < 0x1_0000 {
                for s in r.lowerBound...min(r.upperBound, 0xFFFF) { inSource[Int(s) >> 6] |= 1 << (UInt64(s) & 63) }
            }
            var targets: [Int] = []
            var input: [UInt16] = []
            for k in 0..<0x1_0000 where multi[UInt32(k)] == nil {
                let f = table[k]
                guard f < 0x1_0000, inSource[Int(f) >> 6] & (1 << (UInt64(f) & 63)) != 0 else { continue }
                targets.append(k)
                input.append(UInt16(f)); input.append(separator)
            }
            let output = Self.split(hantHans.apply(input), on: separator)
            if output.count == targets.count {
                for (n, k) in targets.enumerated() {
                    if output[n].count == 1 { table[k] = output[n][0] } else { multi[UInt32(k)] = output[n] }
                }
            }
        }

        // Variant forms ICU leaves alone but readers take as the same word.
        for (variant, standard) in Self.variants { table[Int(variant)] = standard }

        for (k, e) in multi.sorted(by: { $0.key < $1.key }) {
            table[Int(k)] = Self.expansionFlag | UInt32(expansions.count)
            expansions.append(e)
        }
        self.table = table
        self.expansions = expansions
    }

    /// Appends the folding of `scalar` to `output`; returns how many scalars it appended.
    @inline(__always)
    func fold(_ scalar: UInt32, into output: inout [UInt32]) -> Int {
        if scalar < 0x1_0000 {
            let v = table[Int(scalar)]
            if v & Self.expansionFlag == 0 { output.append(v); return 1 }
            let e = expansions[Int(v & ~Self.expansionFlag)]
            output.append(contentsOf: e)
            return e.count
        }
        let e = Self.decode(ICU.nfkcCasefold(Self.encode([scalar])))
        output.append(contentsOf: e)
        return e.count
    }

    /// Runs `body` over the BMP table: entry `c` is the folded scalar of `c`, or
    /// has `expansionFlag` set when `c` must go through `fold(_:into:)`.
    @inline(__always)
    func withTable<R>(_ body: (UnsafeBufferPointer<UInt32>) -> R) -> R { table.withUnsafeBufferPointer(body) }

    /// The folding of a whole string, without offsets (for patterns and keys).
    func fold(_ text: String) -> [UInt32] {
        var out: [UInt32] = []
        for s in text.unicodeScalars { _ = fold(s.value, into: &out) }
        return out
    }

    static func encode(_ scalars: [UInt32]) -> [UInt16] {
        var out: [UInt16] = []
        for s in scalars {
            if s < 0x1_0000 { out.append(UInt16(s)) } else {
                let v = s - 0x1_0000
                out.append(UInt16(0xD800 + (v >> 10))); out.append(UInt16(0xDC00 + (v & 0x3FF)))
            }
        }
        return out
    }

    static func decode(_ utf16: [UInt16]) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(utf16.count)
        var i = 0
        while i < utf16.count {
            let u = UInt32(utf16[i])
            if (0xD800...0xDBFF).contains(u), i + 1 < utf16.count, (0xDC00...0xDFFF).contains(UInt32(utf16[i + 1])) {
                out.append(0x1_0000 + ((u - 0xD800) << 10) + (UInt32(utf16[i + 1]) - 0xDC00))
                i += 2
            } else {
                out.append(u); i += 1
            }
        }
        return out
    }

    private static func split(_ utf16: [UInt16], on separator: UInt16) -> [[UInt32]] {
        var parts: [[UInt32]] = []
        var current: [UInt16] = []
        for u in utf16 {
            if u == separator { parts.append(decode(current)); current.removeAll(keepingCapacity: true) } else { current.append(u) }
        }
        if !current.isEmpty { parts.append(decode(current)) }
        return parts
    }
}
