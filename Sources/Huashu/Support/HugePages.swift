#if canImport(Glibc)
import Glibc
#endif

/// Asks Linux to back a large, freshly allocated buffer with transparent huge
/// pages: filling a 28 MB array otherwise costs some 7 000 page faults. A hint
/// only (ignored where THP is off or on other systems).
public enum HugePages {
    /// Buffers smaller than this are left alone.
    public static let threshold = 4 << 20

    public static func advise(_ base: UnsafeMutableRawPointer?, bytes: Int) {
        #if os(Linux)
        guard let base, bytes >= threshold else { return }
        let huge = 2 << 20
        let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: base) + bytes) & ~(huge - 1)
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE)
        #endif
    }
}
