/// Runs a `Pattern` anchored at one position of folded text, in either direction.
///
/// Forward matching finds where matches starting at `position` can end; backward
/// matching (for `before:` exceptions) finds where matches ending at `position`
/// can start. Every possible end is returned, so callers can prefer the longest
/// one that also satisfies the word-boundary rule.
struct PatternMatcher {
    let text: [UInt32]
    let forward: Bool
    /// Matches never extend outside these positions.
    let limit: Range<Int>

    init(text: [UInt32], forward: Bool = true, limit: Range<Int>? = nil) {
        self.text = text
        self.forward = forward
        self.limit = limit ?? 0..<text.count
    }

    /// All end positions of matches of `pattern` anchored at `position`.
    func ends(of pattern: Pattern, at position: Int) -> [Int] {
        var out: [Int] = []
        var stack: [(pc: Int32, pos: Int)] = []
        ends(of: pattern, at: position, into: &out, stack: &stack)
        return out
    }

    /// Like `ends(of:at:)`, reusing the caller's buffers (`out` is cleared first).
    func ends(of pattern: Pattern, at position: Int, into out: inout [Int], stack: inout [(pc: Int32, pos: Int)]) {
        out.removeAll(keepingCapacity: true)
        text.withUnsafeBufferPointer { t in
            let program = forward ? pattern.forward : (pattern.backward ?? Program(pattern.root, reversed: true))
            program.run(t, from: position, forward: forward, limit: limit, into: &out, stack: &stack)
        }
    }
}
