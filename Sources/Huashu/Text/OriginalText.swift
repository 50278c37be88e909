/// The text as the user wrote it, addressed by Unicode-scalar offsets (the
/// offsets findings report) without keeping a scalar array: UTF-8 offsets are
/// recorded every `stride` scalars, and line starts once.
public struct OriginalText: Sendable {
    /// The text's UTF-8, as given: a string, or bytes already checked to be valid.
    private let storage: Storage
    enum Storage: Sendable {
        case string(String)
        case bytes([UInt8])
    }

    /// The text itself (built from the bytes when the text came as bytes).
    public var string: String {
        switch storage {
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        }
    }
    /// Its number of Unicode scalars.
    public let count: Int
    /// `checkpoints[k]` is the UTF-8 offset of scalar `k * stride`.
    private let checkpoints: [Int]
    /// Scalar offsets where lines start (the first is 0).
    private let lineStarts: [Int]
    static let stride = 64

    init(storage: Storage, count: Int, checkpoints: [Int], lineStarts: [Int]) {
        self.storage = storage
        self.count = count
        self.checkpoints = checkpoints
        self.lineStarts = lineStarts
    }

    /// Collects checkpoints and line starts while some other pass decodes the text.
    struct Builder {
        private(set) var count = 0
        private var checkpoints: [Int] = []
        private var lineStarts = [0]

        /// Records the scalar that starts at UTF-8 offset `offset`.
        @inline(__always)
        mutating func scalar(startingAt offset: Int, isNewline: Bool) {
            if count & (OriginalText.stride - 1) == 0 { checkpoints.append(offset) }
            count += 1
            if isNewline { lineStarts.append(count) }
        }

        func finish(_ storage: Storage) -> OriginalText {
            OriginalText(storage: storage, count: count, checkpoints: checkpoints, lineStarts: lineStarts)
        }
    }

    /// The text of the scalars in `range`.
    public func text(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        return withUTF8 { utf8 in
            let start = utf8Offset(of: range.lowerBound, in: utf8)
            let end = advance(utf8, from: start, by: range.count)
            return String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self)
        }
    }

    private func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch storage {
        case .bytes(let b): return b.withUnsafeBufferPointer(body)
        case .string(let s):
            if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
            var copy = s
            return copy.withUTF8(body)
        }
    }

    /// 1-based line and column (in scalars) of scalar offset `offset`.
    public func position(of offset: Int) -> (line: Int, column: Int) {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return (lo + 1, offset - lineStarts[lo] + 1)
    }

    private func utf8Offset(of scalar: Int, in utf8: UnsafeBufferPointer<UInt8>) -> Int {
        let k = min(scalar / Self.stride, checkpoints.count - 1)
        return advance(utf8, from: checkpoints[k], by: scalar - k * Self.stride)
    }

    /// The UTF-8 offset `n` scalars after `offset`.
    private func advance(_ utf8: UnsafeBufferPointer<UInt8>, from offset: Int, by n: Int) -> Int {
        var i = offset, left = n
        while left > 0, i < utf8.count {
            i += 1
            while i < utf8.count, utf8[i] & 0xC0 == 0x80 { i += 1 }
            left -= 1
        }
        return i
    }
}
