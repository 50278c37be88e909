import CICU

/// Errors raised at the ICU boundary.
public struct ICUError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

/// Swift face of the `CICU` shim: the only Swift file that calls ICU.
enum ICU {
    /// ICU's version string, e.g. "72.1".
    static var version: String {
        var buffer = [CChar](repeating: 0, count: 32)
        hs_icu_version(&buffer, 32)
        return string(buffer)
    }

    /// A NUL-terminated C buffer as a string.
    static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// NFKC_Casefold of UTF-16 text.
    static func nfkcCasefold(_ text: [UInt16]) -> [UInt16] {
        if text.isEmpty { return [] }
        var capacity = text.count * 2 + 8
        while true {
            var out = [UInt16](repeating: 0, count: capacity)
            let n = text.withUnsafeBufferPointer { src in
                hs_nfkc_casefold(src.baseAddress, Int32(src.count), &out, Int32(capacity))
            }
            if n < 0 { return text }
            if Int(n) <= capacity { return Array(out.prefix(Int(n))) }
            capacity = Int(n)
        }
    }

    /// A Break iterator (word or sentence). Not thread-safe: clone one per task.
    final class Breaker {
        enum Kind: Int32 { case word = 0, sentence = 1 }
        fileprivate let handle: OpaquePointer

        init(_ kind: Kind, locale: String = "zh") throws {
            var error = [CChar](repeating: 0, count: 128)
            guard let h = hs_breaker_open(kind.rawValue, locale, &error, 128) else {
                throw ICUError(description: ICU.string(error))
            }
            handle = h
        }

        init(cloning prototype: Breaker) throws {
            var error = [CChar](repeating: 0, count: 128)
            guard let h = hs_breaker_clone(prototype.handle, &error, 128) else {
                throw ICUError(description: ICU.string(error))
            }
            handle = h
        }

        deinit { hs_breaker_close(handle) }

        /// Writes the boundaries of `utf16` (UTF-16 offsets, including 0 and the
        /// end) to the start of `offsets`, growing it as needed; returns how many.
        func boundaries(_ utf16: UnsafeBufferPointer<UInt16>, into offsets: inout [Int32]) -> Int {
            // There are at most length + 1 boundaries.
            if offsets.count < utf16.count + 2 { offsets = [Int32](repeating: 0, count: utf16.count * 2 + 2) }
            let n = offsets.withUnsafeMutableBufferPointer { out in
                hs_breaker_boundaries(handle, utf16.baseAddress, Int32(utf16.count), out.baseAddress, nil, Int32(out.count))
            }
            if n < 0 { offsets[0] = 0; offsets[1] = Int32(utf16.count); return 2 }
            return Int(n)
        }

        /// Boundaries (UTF-16 offsets, including 0 and the end) and the kind of the
        /// segment that ends at each boundary.
        func boundaries(_ utf16: [UInt16]) -> (offsets: [Int32], kinds: [Int32]) {
            var capacity = utf16.count + 2
            while true {
                var offsets = [Int32](repeating: 0, count: capacity)
                var kinds = [Int32](repeating: 0, count: capacity)
                let n = utf16.withUnsafeBufferPointer { text in
                    hs_breaker_boundaries(handle, text.baseAddress, Int32(text.count), &offsets, &kinds, Int32(capacity))
                }
                if n < 0 { return ([0, Int32(utf16.count)], [0, 0]) }
                if Int(n) <= capacity {
                    return (Array(offsets.prefix(Int(n))), Array(kinds.prefix(Int(n))))
                }
                capacity = Int(n)
            }
        }
    }

    /// A transliterator such as `Hant-Hans`.
    final class Transliterator {
        private let handle: OpaquePointer

        init(_ id: String) throws {
            var error = [CChar](repeating: 0, count: 128)
            guard let h = hs_translit_open(id, &error, 128) else {
                throw ICUError(description: ICU.string(error))
            }
            handle = h
        }

        deinit { hs_translit_close(handle) }

        func apply(_ text: [UInt16]) -> [UInt16] {
            var capacity = text.count * 2 + 16
            while true {
                var buffer = text + [UInt16](repeating: 0, count: capacity - text.count)
                let n = hs_translit_apply(handle, &buffer, Int32(text.count), Int32(capacity))
                if n < 0 { return text }
                if Int(n) <= capacity { return Array(buffer.prefix(Int(n))) }
                capacity = Int(n) * 2
            }
        }

        /// The code points this transliterator may change, as closed ranges.
        func sourceRanges() -> [ClosedRange<UInt32>] {
            var capacity = 4096
            while true {
                var pairs = [UInt32](repeating: 0, count: capacity * 2)
                let n = hs_translit_source_ranges(handle, &pairs, Int32(capacity))
                if n < 0 { return [] }
                if Int(n) <= capacity {
                    return (0..<Int(n)).map { pairs[2 * $0]...pairs[2 * $0 + 1] }
                }
                capacity = Int(n)
            }
        }
    }
}
