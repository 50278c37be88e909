import Foundation

/// The scan factors chosen for a phrasebook's patterns, kept in the cache
/// directory (see `CacheFile`) so that starting `huashu check` does not analyse
/// every pattern again. The file name is a fingerprint of the compiled
/// programs (so parser or folding changes cannot serve stale factors), the
/// sample text and `ScanFactor.formatVersion`.
enum FactorCache {
    static let family = "factors-"
    static let magic = Array("HSFACT1\0".utf8)

    static func name(for patterns: [Pattern], sample: [String], version: Int) -> String {
        var words: [UInt32] = [UInt32(version), UInt32(patterns.count)]
        for p in patterns {
            words.append(UInt32(p.forward.ops.count))
            for op in p.forward.ops { words += encode(op) }
            words.append(UInt32(p.forward.sets.count))
            words += p.forward.sets
        }
        let programs = words.withUnsafeBytes { raw in CacheFile.fingerprint(bytes: raw) }
        let text = CacheFile.fingerprint(sample)
        return family + String(programs, radix: 36) + "-" + String(text, radix: 36) + "-v\(version).bin"
    }

    private static func encode(_ op: Program.Op) -> [UInt32] {
        switch op {
        case .char(let c): return [1, c]
        case .set(let s, let n): return [2, UInt32(bitPattern: s), UInt32(bitPattern: n)]
        case .digit: return [3]
        case .gapStep: return [4]
        case .split(let a, let b): return [5, UInt32(bitPattern: a), UInt32(bitPattern: b)]
        case .jump(let a): return [6, UInt32(bitPattern: a)]
        case .clauseStart: return [7]
        case .clauseEnd: return [8]
        case .match: return [9]
        }
    }

    /// The cached choices for `count` patterns, or nil when missing or malformed.
    static func load(_ name: String, count: Int, in directory: String? = CacheFile.directory) -> [LiteralFactors.Required?]? {
        guard let data = CacheFile.read(name, in: directory) else { return nil }
        return data.withUnsafeBytes { raw -> [LiteralFactors.Required?]? in
            var reader = WordReader(raw: raw)
            guard raw.count >= magic.count, raw.prefix(magic.count).elementsEqual(magic) else { return nil }
            reader.offset = magic.count
            guard reader.next() == UInt32(count) else { return nil }
            var out: [LiteralFactors.Required?] = []
            out.reserveCapacity(count)
            for _ in 0..<count {
                guard let n = reader.next() else { return nil }
                if n == UInt32.max { out.append(nil); continue }
                guard n > 0, n < 10_000, let lo = reader.next(), let hi = reader.next() else { return nil }
                var strings: [[UInt32]] = []
                for _ in 0..<n {
                    guard let length = reader.next(), length > 0, length < 1_000, let s = reader.words(Int(length)) else { return nil }
                    strings.append(s)
                }
                out.append(LiteralFactors.Required(strings: strings, minOffset: Int(lo), maxOffset: Int(hi)))
            }
            return reader.offset == raw.count ? out : nil
        }
    }

    static func store(_ choices: [LiteralFactors.Required?], as name: String, in directory: String? = CacheFile.directory) {
        var words: [UInt32] = [UInt32(choices.count)]
        for choice in choices {
            guard let choice else { words.append(UInt32.max); continue }
            words += [UInt32(choice.strings.count), UInt32(choice.minOffset), UInt32(choice.maxOffset)]
            for s in choice.strings { words.append(UInt32(s.count)); words += s }
        }
        var bytes = magic
        for w in words { withUnsafeBytes(of: w.littleEndian) { bytes += $0 } }
        CacheFile.write(bytes, as: name, family: family, in: directory)
    }

    /// Little-endian 32-bit words from raw bytes.
    private struct WordReader {
        let raw: UnsafeRawBufferPointer
        var offset = 0

        mutating func next() -> UInt32? {
            guard offset + 4 <= raw.count else { return nil }
            defer { offset += 4 }
            return UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        }

        mutating func words(_ n: Int) -> [UInt32]? {
            guard offset + 4 * n <= raw.count else { return nil }
            return (0..<n).map { _ in next()! }
        }
    }
}
