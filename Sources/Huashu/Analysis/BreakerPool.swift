import Synchronization

/// Reusable ICU word-break iterators, cloned from one prototype, so concurrent
/// analyses each get their own (ICU iterators are not thread-safe).
final class BreakerPool: Sendable {
    private let prototype: ICU.Breaker
    private let free: Mutex<[ICU.Breaker]>

    /// Fails when ICU cannot open a `zh` word-break iterator (missing ICU data).
    init() throws {
        prototype = try ICU.Breaker(.word)
        free = Mutex([])
    }

    func checkOut() -> ICU.Breaker {
        if let b = free.withLock({ $0.popLast() }) { return b }
        // Cloning a working prototype only fails when memory runs out.
        return (try? ICU.Breaker(cloning: prototype)) ?? prototype.cloneOrTrap()
    }

    func checkIn(_ breaker: ICU.Breaker) {
        free.withLock { if $0.count < 64 { $0.append(breaker) } }
    }
}

extension ICU.Breaker: @unchecked Sendable {}

extension ICU.Breaker {
    fileprivate func cloneOrTrap() -> ICU.Breaker {
        guard let b = try? ICU.Breaker(cloning: self) else { fatalError("out of memory cloning an ICU break iterator") }
        return b
    }
}
