import Foundation

/// An on-disk copy of the folding table ICU produced, keyed by ICU version, so
/// that a short `huashu check` does not pay for opening ICU's Hant-Hans
/// transliterator and folding the whole BMP on every start.
///
/// Lives in the cache directory (see `CacheFile`). A missing, unreadable or
/// stale cache is rebuilt from ICU; failing to write one is silently ignored.
enum FoldingCache {
    /// Bump when the folding itself changes (steps, variants), so old caches are not reused.
    static let formatVersion = 3
    static let magic: [UInt8] = Array("HSFOLD\(formatVersion)\0".utf8)

    /// The file name: format version, ICU version and the hand-made variants.
    static var name: String {
        let variants = CharacterFolding.variants.reduce(0) { $0 &* 31 &+ Int($1.0) &* 7 &+ Int($1.1) }
        return "folding-v\(formatVersion)-icu\(ICU.version)-\(String(UInt(bitPattern: variants), radix: 36)).bin"
    }

    static var path: String? { CacheFile.directory.map { $0 + "/" + name } }

    static func load() -> CharacterFolding? {
        guard let data = CacheFile.read(name) else { return nil }
        return data.withUnsafeBytes { decode($0) }
    }

    /// The folding stored in `bytes`, or nil when they are not a complete cache file.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> CharacterFolding? {
        guard bytes.count > magic.count + 4 * 0x1_0000 + 4, bytes.prefix(magic.count).elementsEqual(magic) else { return nil }
        var offset = magic.count
        func word() -> UInt32? {
            guard offset + 4 <= bytes.count else { return nil }
            defer { offset += 4 }
            return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        }
        // The table is the bulk of the file: read it in one pass (the size was checked above).
        let table = [UInt32](unsafeUninitializedCapacity: 0x1_0000) { buffer, count in
            for i in 0..<0x1_0000 {
                buffer[i] = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4 * i, as: UInt32.self))
            }
            count = 0x1_0000
        }
        offset += 4 * 0x1_0000
        guard let count = word(), count < 100_000 else { return nil }
        var expansions: [[UInt32]] = []
        for _ in 0..<count {
            guard let n = word(), n < 64 else { return nil }
            var e: [UInt32] = []
            for _ in 0..<n { guard let w = word() else { return nil }; e.append(w) }
            expansions.append(e)
        }
        guard offset == bytes.count else { return nil }
        return CharacterFolding(table: table, expansions: expansions)
    }

    static func store(_ folding: CharacterFolding) {
        let (table, expansions) = folding.storage
        var bytes = magic
        bytes.reserveCapacity(4 * 0x1_0000 + 64 * 1024)
        func put(_ w: UInt32) { bytes.append(UInt8(w & 0xFF)); bytes.append(UInt8(w >> 8 & 0xFF)); bytes.append(UInt8(w >> 16 & 0xFF)); bytes.append(UInt8(w >> 24)) }
        table.forEach(put)
        put(UInt32(expansions.count))
        for e in expansions { put(UInt32(e.count)); e.forEach(put) }
        CacheFile.write(bytes, as: name)
    }
}
