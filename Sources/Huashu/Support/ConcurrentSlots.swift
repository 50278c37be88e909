/// Results of a `DispatchQueue.concurrentPerform` loop: one slot per
/// iteration, each written exactly once by the worker that owns its index, read
/// after the loop. Writes to distinct indices never overlap, so no lock is needed.
public final class ConcurrentSlots<Element>: @unchecked Sendable {
    private var storage: [Element?]

    public init(count: Int) { storage = Array(repeating: nil, count: count) }

    /// Stores `value` in slot `index` (call once per index, from one worker).
    public func set(_ index: Int, _ value: Element) {
        storage.withUnsafeMutableBufferPointer { $0[index] = value }
    }

    /// The filled slots, in index order (unfilled ones are skipped).
    public var values: [Element] { storage.compactMap { $0 } }
}
