/// Results of a `DispatchQueue.concurrentPerform` loop: one slot per
/// iteration, each written exactly once by the worker that owns its index, read
/// after the loop. Writes to distinct indices never overlap, so no lock is needed.
/// Inlinable, so that callers in other modules get code specialised for their
/// element type (no generic metadata lookups per record).
public final class ConcurrentSlots<Element>: @unchecked Sendable {
    @usableFromInline let storage: UnsafeMutableBufferPointer<Element?>

    @inlinable public init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    /// Stores `value` in slot `index` (call once per index, from one worker).
    @inlinable public func set(_ index: Int, _ value: Element) { storage[index] = value }

    /// The filled slots, in index order (unfilled ones are skipped).
    @inlinable public var values: [Element] { storage.compactMap { $0 } }
}
