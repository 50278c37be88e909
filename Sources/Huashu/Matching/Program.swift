/// A pattern compiled to a flat instruction list for a small backtracking
/// machine (in the style of Thompson/Pike programs). Instructions hold only
/// integers, so running one touches no reference counts.
struct Program: Sendable, Hashable {
    enum Op: Sendable, Hashable {
        /// Consume this scalar.
        case char(UInt32)
        /// Consume a scalar in `sets[start..<start+count]` (sorted).
        case set(Int32, Int32)
        /// Consume a digit (Arabic or Chinese).
        case digit
        /// Consume any scalar that does not end a sentence (one step of a gap).
        case gapStep
        /// Try `first`, then `second`.
        case split(Int32, Int32)
        case jump(Int32)
        case clauseStart
        case clauseEnd
        case match
    }

    private(set) var ops: [Op] = []
    private(set) var sets: [UInt32] = []

    /// Compiles `node`; with `reversed`, sequences run last to first (for matching backwards).
    init(_ node: Pattern.Node, reversed: Bool) {
        emit(node, reversed: reversed)
        ops.append(.match)
    }

    private mutating func emit(_ node: Pattern.Node, reversed: Bool) {
        switch node {
        case .literal(let c): ops.append(.char(c))
        case .oneOf(let s):
            let sorted = s.sorted()
            ops.append(.set(Int32(sets.count), Int32(sorted.count)))
            sets.append(contentsOf: sorted)
        case .digit: ops.append(.digit)
        case .sequence(let items):
            if reversed {
                for item in items.reversed() { emit(item, reversed: true) }
            } else {
                for item in items { emit(item, reversed: false) }
            }
        case .alternation(let options):
            // The jumps past the last option are patched at the end; until then
            // each holds the index of the previous one (-1 for none).
            var lastJump = -1
            for (k, o) in options.enumerated() {
                if k < options.count - 1 {
                    let split = ops.count
                    ops.append(.split(0, 0))
                    emit(o, reversed: reversed)
                    ops.append(.jump(Int32(lastJump)))
                    lastJump = ops.count - 1
                    ops[split] = .split(Int32(split + 1), Int32(ops.count))
                } else {
                    emit(o, reversed: reversed)
                }
            }
            while lastJump >= 0 {
                guard case .jump(let previous) = ops[lastJump] else { preconditionFailure("unpatched jump expected") }
                ops[lastJump] = .jump(Int32(ops.count))
                lastJump = Int(previous)
            }
        case .optional(let item):
            let split = ops.count
            ops.append(.split(0, 0))
            emit(item, reversed: reversed)
            ops[split] = .split(Int32(split + 1), Int32(ops.count))
        case .gap(let max):
            // Each step may stop: split to the next step or past the last one.
            let first = ops.count, end = first + 2 * max
            for k in 0..<max {
                ops.append(.split(Int32(first + 2 * k + 1), Int32(end)))
                ops.append(.gapStep)
            }
        case .clauseStart: ops.append(.clauseStart)
        case .clauseEnd: ops.append(.clauseEnd)
        }
    }

    /// Upper bound on steps per run, against pathological patterns.
    static let stepBudget = 20_000

    /// Appends to `out` every position where a match starting at `start` ends
    /// (forward) or begins (backward), staying inside `limit`.
    func run(_ text: UnsafeBufferPointer<UInt32>, from start: Int, forward: Bool, limit: Range<Int>, into out: inout [Int],
             stack: inout [(pc: Int32, pos: Int)]) {
        ops.withUnsafeBufferPointer { ops in
            sets.withUnsafeBufferPointer { sets in
                Self.run(ops: ops, sets: sets, entry: 0, text, from: start, forward: forward, limit: limit, into: &out, stack: &stack)
            }
        }
    }

    /// The machine itself, over instructions that may be one of many programs
    /// laid end to end (`entry` is where this one starts; its jumps are absolute).
    static func run(ops: UnsafeBufferPointer<Op>, sets: UnsafeBufferPointer<UInt32>, entry: Int,
                    _ text: UnsafeBufferPointer<UInt32>, from start: Int, forward: Bool, limit: Range<Int>,
                    into out: inout [Int], stack: inout [(pc: Int32, pos: Int)]) {
        // Two specialised copies: the direction decides every step.
        if forward {
            execute(ops: ops, sets: sets, entry: entry, text, from: start, forward: true, limit: limit, into: &out, stack: &stack)
        } else {
            execute(ops: ops, sets: sets, entry: entry, text, from: start, forward: false, limit: limit, into: &out, stack: &stack)
        }
    }

    @inline(__always)
    private static func execute(ops: UnsafeBufferPointer<Op>, sets: UnsafeBufferPointer<UInt32>, entry: Int,
                                _ text: UnsafeBufferPointer<UInt32>, from start: Int, forward: Bool, limit: Range<Int>,
                                into out: inout [Int], stack: inout [(pc: Int32, pos: Int)]) {
        stack.removeAll(keepingCapacity: true)
        stack.append((Int32(entry), start))
        var steps = 0
        while let (pc0, pos0) = stack.popLast() {
            var pc = Int(pc0), pos = pos0
            thread: while true {
                steps += 1
                if steps > stepBudget { return }
                // The scalar the next consuming instruction would read, if any.
                let hasNext = forward ? pos < limit.upperBound : pos > limit.lowerBound
                let at = forward ? pos : pos - 1
                let c = hasNext ? text[at] : 0
                let step = forward ? 1 : -1
                switch ops[pc] {
                case .char(let expected):
                    guard hasNext, c == expected else { break thread }
                    pos += step
                    pc += 1
                case .set(let s, let n):
                    guard hasNext, contains(sets, Int(s), Int(n), c) else { break thread }
                    pos += step
                    pc += 1
                case .digit:
                    guard hasNext, Punctuation.isDigit(c) else { break thread }
                    pos += step
                    pc += 1
                case .gapStep:
                    guard hasNext, !Punctuation.endsSentence(c) else { break thread }
                    if c == 0x2E, Punctuation.endsSentence(at: at, in: text) { break thread }
                    pos += step
                    pc += 1
                case .split(let a, let b):
                    // A branch that opens with a character other than the next one
                    // is dead: skip it without a round trip through the stack
                    // (alternations of many literals are chains of splits).
                    if case .char(let x) = ops[Int(a)], !hasNext || x != c {
                        pc = Int(b)
                        continue thread
                    }
                    if case .char(let y) = ops[Int(b)], !hasNext || y != c {} else { stack.append((b, pos)) }
                    pc = Int(a)
                case .jump(let a):
                    pc = Int(a)
                case .clauseStart:
                    guard pos == 0 || Punctuation.separatesClauses(text[pos - 1]) else { break thread }
                    pc += 1
                case .clauseEnd:
                    guard pos == text.count || Punctuation.separatesClauses(text[pos]) else { break thread }
                    pc += 1
                case .match:
                    if !out.contains(pos) { out.append(pos) }
                    break thread
                }
            }
        }
    }

    /// This program's instructions moved to start at `base`, its sets at `setBase`.
    func rebased(to base: Int, setBase: Int) -> [Op] {
        ops.map { op in
            switch op {
            case .split(let a, let b): return .split(a + Int32(base), b + Int32(base))
            case .jump(let a): return .jump(a + Int32(base))
            case .set(let s, let n): return .set(s + Int32(setBase), n)
            default: return op
            }
        }
    }

    @inline(__always)
    static func contains(_ sets: UnsafeBufferPointer<UInt32>, _ start: Int, _ count: Int, _ c: UInt32) -> Bool {
        if count <= 8 {
            for i in start..<(start + count) where sets[i] == c { return true }
            return false
        }
        var lo = start, hi = start + count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sets[mid] < c { lo = mid + 1 } else { hi = mid }
        }
        return lo < start + count && sets[lo] == c
    }
}
