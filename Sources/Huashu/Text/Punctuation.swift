/// Character classes on folded scalars that the matcher and the context checks use.
enum Punctuation {
    /// Ends a sentence: 。！？；… and newlines (after folding: `!`, `?`, `;`).
    @inline(__always)
    static func endsSentence(_ c: UInt32) -> Bool {
        switch c {
        case 0x0A, 0x0D, 0x21, 0x3F, 0x3B, 0x3002, 0xFF61, 0x2026, 0x2029, 0x2028: return true
        case 0x2E: return false  // ASCII '.' is ambiguous (3.5, a.m.); see `endsSentence(at:in:)`.
        default: return false
        }
    }

    /// Whether position `i` of `text` ends a sentence; an ASCII full stop counts
    /// unless it sits between two digits or letters.
    @inline(__always)
    static func endsSentence(at i: Int, in text: [UInt32]) -> Bool {
        text.withUnsafeBufferPointer { endsSentence(at: i, in: $0) }
    }

    @inline(__always)
    static func endsSentence(at i: Int, in text: UnsafeBufferPointer<UInt32>) -> Bool {
        let c = text[i]
        if c == 0x2E {
            let before = i > 0 ? text[i - 1] : 0
            let after = i + 1 < text.count ? text[i + 1] : 0
            return !(isASCIIAlnum(before) && isASCIIAlnum(after))
        }
        return endsSentence(c)
    }

    /// Separates clauses: sentence ends plus commas, enumeration commas, colons,
    /// quotes, brackets and spaces.
    @inline(__always)
    static func separatesClauses(_ c: UInt32) -> Bool {
        // Control characters (NUL, tabs, form feeds) separate clauses too.
        if c < 0x20 || endsSentence(c) || c == 0x2E { return true }
        switch c {
        case 0x20, 0x09, 0x2C, 0x3001, 0x3A, 0x22, 0x27, 0x28, 0x29, 0x5B, 0x5D,
             0x201C, 0x201D, 0x2018, 0x2019, 0x300C, 0x300D, 0x300E, 0x300F, 0x3010, 0x3011,
             0x300A, 0x300B, 0x3008, 0x3009, 0x2014, 0x7E, 0x3000:
            return true
        case 0x1F300...0x1FAFF, 0x2600...0x27BF:
            return true  // emoji and dingbats end a clause in chat text (这都不会吗😂)
        default:
            return false
        }
    }

    @inline(__always)
    static func isASCIIAlnum(_ c: UInt32) -> Bool {
        (0x30...0x39).contains(c) || (0x61...0x7A).contains(c) || (0x41...0x5A).contains(c)
    }

    /// Letters, digits, ideographs and marks: the characters ICU groups into words.
    static func isWordCharacter(_ c: UInt32) -> Bool {
        if c < 0x80 { return isASCIIAlnum(c) || c == 0x5F }
        if (0x4E00...0x9FFF).contains(c) || (0x3400...0x4DBF).contains(c) || (0x20000...0x3FFFF).contains(c) { return true }
        switch c {
        case 0x3001, 0x3002, 0x300A...0x3011, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026:
            return false  // 、。《》「」『』【】—‘’“”…: the common Chinese punctuation, without a property lookup.
        default:
            break
        }
        guard let s = Unicode.Scalar(c) else { return false }
        let p = s.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
            || p.generalCategory == .spacingMark
    }

    /// Digits, including Chinese numerals, for the pattern class `\d`.
    /// Every scalar `isDigit` accepts.
    static let digitScalars: [UInt32] = (0..<0x1_0000).filter { isDigit(UInt32($0)) }.map { UInt32($0) }

    static func isDigit(_ c: UInt32) -> Bool {
        if (0x30...0x39).contains(c) { return true }
        switch c {
        case 0x96F6, 0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D,
             0x5341, 0x767E, 0x5343, 0x4E07, 0x4E24, 0x534A, 0x51E0:  // 零〇一二三四五六七八九十百千万两半几
            return true
        default:
            return false
        }
    }

    /// Quotation marks: (open, close) pairs after folding; ASCII `"` toggles.
    static let quotePairs: [(UInt32, UInt32)] = [
        (0x201C, 0x201D), (0x2018, 0x2019), (0x300C, 0x300D), (0x300E, 0x300F),
    ]
}
