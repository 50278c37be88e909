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
    private static let expansionFlag: UInt32 = 0x8000_0000

    /// The process-wide folding, built on first use.
    static let shared = CharacterFolding()

    private init() {
        var table = [UInt32](repeating: 0, count: 0x1_0000)
        var expansions: [[UInt32]] = []
        let separator: UInt16 = 0x0A

        // 1. NFKC_Casefold of every BMP scalar, in one ICU call with separators.
        var bulk: [UInt16] = []
        bulk.reserveCapacity(0x2_0000)
        var scalars: [UInt32] = []
        for c in UInt32(0)..<0x1_0000 where !(0xD800...0xDFFF).contains(c) && c != UInt32(separator) {
            bulk.append(UInt16(c)); bulk.append(separator)
            scalars.append(c)
        }
        var folded = Self.split(ICU.nfkcCasefold(bulk), on: separator)
        if folded.count != scalars.count {
            // Never seen with ICU 72; fall back to one call per scalar.
            folded = scalars.map { Self.decode(ICU.nfkcCasefold([UInt16($0)])) }
        }

        // 2. Hant-Hans on the folded results of scalars that the transliterator may change.
        if let hantHans = try? ICU.Transliterator("Hant-Hans") {
            let ranges = hantHans.sourceRanges()
            func inSource(_ s: UInt32) -> Bool { ranges.contains { $0.contains(s) } }
            var targets: [Int] = []
            var input: [UInt16] = []
            for (i, f) in folded.enumerated() where f.contains(where: inSource) {
                targets.append(i)
                input.append(contentsOf: Self.encode(f)); input.append(separator)
            }
            let output = Self.split(hantHans.apply(input), on: separator)
            if output.count == targets.count {
                for (k, i) in targets.enumerated() { folded[i] = output[k] }
            }
        }

        for c in UInt32(0)..<0x1_0000 { table[Int(c)] = c }
        for (i, c) in scalars.enumerated() {
            let f = folded[i]
            if f.count == 1 {
                table[Int(c)] = f[0]
            } else {
                table[Int(c)] = Self.expansionFlag | UInt32(expansions.count)
                expansions.append(f)
            }
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
