import Foundation

/// Files in Huashu's cache directory, `$XDG_CACHE_HOME/huashu` (or
/// `~/.cache/huashu`): derived data that is costly to rebuild at every start.
/// `HUASHU_NO_CACHE=1` turns caching off. Writes are atomic (temporary file,
/// then rename); failing to write only costs the next start a rebuild.
enum CacheFile {
    /// The cache directory, or nil when caching is off or there is no home.
    static var directory: String? {
        let env = ProcessInfo.processInfo.environment
        if env["HUASHU_NO_CACHE"] != nil { return nil }
        if let xdg = env["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/huashu" }
        if let home = env["HOME"], !home.isEmpty { return home + "/.cache/huashu" }
        return nil
    }

    /// The contents of cache file `name` in `directory` (the cache directory by default), if present.
    static func read(_ name: String, in directory: String? = CacheFile.directory) -> Data? {
        guard let directory else { return nil }
        return FileManager.default.contents(atPath: directory + "/" + name)
    }

    /// Stores `bytes` as cache file `name`. With `keep`, only the `keep` most
    /// recent files starting with `family` survive (one per phrasebook version).
    static func write(_ bytes: [UInt8], as name: String, family: String? = nil, keep: Int = 8,
                      in directory: String? = CacheFile.directory) {
        guard let directory else { return }
        let url = URL(fileURLWithPath: directory + "/" + name)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let temp = URL(fileURLWithPath: directory + "/.\(name)-\(getpid()).tmp")
            try Data(bytes).write(to: temp)
            if rename(temp.path, url.path) != 0 { try? FileManager.default.removeItem(at: temp) }
        } catch {
            return
        }
        if let family { prune(family, keep: keep, in: directory) }
    }

    private static func prune(_ family: String, keep: Int, in directory: String) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else { return }
        let dated = names.filter { $0.hasPrefix(family) }.map { name -> (String, Date) in
            let attributes = try? fm.attributesOfItem(atPath: directory + "/" + name)
            return (name, attributes?[.modificationDate] as? Date ?? .distantPast)
        }
        for (name, _) in dated.sorted(by: { $0.1 > $1.1 }).dropFirst(keep) { try? fm.removeItem(atPath: directory + "/" + name) }
    }

    /// FNV-1a over `parts` (stable across runs, unlike `Hasher`), for cache keys.
    static func fingerprint(_ parts: [String]) -> UInt64 {
        var h = fnvBasis
        for part in parts {
            for b in part.utf8 { h = (h ^ UInt64(b)) &* fnvPrime }
            h = (h ^ 0xFF) &* fnvPrime
        }
        return h
    }

    /// FNV-1a over raw bytes.
    static func fingerprint(bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = fnvBasis
        for b in bytes { h = (h ^ UInt64(b)) &* fnvPrime }
        return h
    }

    private static let fnvBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    private static let fnvPrime: UInt64 = 0x100_0000_01B3
}
