/// Confirms the scan's candidates in one text: the word-boundary rule,
/// quotation and each rule's exceptions, run from the index's flat tables.
/// Holds the matcher's buffers so that thousands of candidates allocate
/// nothing and touch no reference counts per check.
struct Confirmation {
    let context: TextContext
    private let tables: FlatTables
    private let text: UnsafeBufferPointer<UInt32>
    private var ends: [Int] = []
    private var stack: [(pc: Int32, pos: Int)] = []
    /// For `text:` exceptions, by context number: every match range of the
    /// exception pattern in the whole text, found once.
    private var everywhere: [Int32: [Range<Int>]] = [:]

    /// Confirmation over `text`, which must outlive it (the caller holds the buffer).
    init(context: TextContext, tables: FlatTables, text: UnsafeBufferPointer<UInt32>) {
        self.context = context
        self.tables = tables
        self.text = text
        ends.reserveCapacity(8)
        stack.reserveCapacity(32)
    }

    /// The longest end at which a candidate starting at `start` survives the
    /// rule's boundary, quotation and exception checks, or nil.
    mutating func end(checking rule: RuleIndex.RuleChecks, start: Int, ends candidates: [Int]) -> Int? {
        if !rule.inQuotes && context.isQuoted(start) { return nil }
        if rule.boundary.checksStart && !context.isWordBoundary(start) { return nil }
        // Longest first; `candidates` is short and may repeat an end.
        var bound = Int.max
        while true {
            var end = -1
            for e in candidates where e < bound && e > end { end = e }
            if end < 0 { return nil }
            bound = end
            // A match that runs into quotation marks quotes the phrase (不要说“一定能批”).
            if !rule.inQuotes && context.isQuoted(end - 1) { continue }
            if rule.boundary.checksEnd && !context.isWordBoundary(end) { continue }
            if !isExcepted(rule.exceptions, start..<end) { return end }
        }
    }

    private mutating func isExcepted(_ exceptions: Range<Int32>, _ range: Range<Int>) -> Bool {
        guard !exceptions.isEmpty else { return false }
        let sentence = context.sentence(around: range)
        for k in exceptions {
            let x = tables.contexts[Int(k)]
            switch x.scope {
            case .before:
                run(Int(x.backward), from: range.lowerBound, forward: false, limit: sentence.lowerBound..<range.lowerBound)
                if !ends.isEmpty { return true }
            case .after:
                run(Int(x.forward), from: range.upperBound, forward: true, limit: range.upperBound..<sentence.upperBound)
                if !ends.isEmpty { return true }
            case .sentence:
                if occurs(x, in: sentence, excluding: range) { return true }
            case .following:
                let next = context.sentence(after: sentence)
                if occurs(x, in: range.upperBound..<max(next.upperBound, sentence.upperBound)) { return true }
            case .preceding:
                let previous = context.sentence(before: sentence)
                if occurs(x, in: min(previous.lowerBound, sentence.lowerBound)..<range.lowerBound) { return true }
            case .text:
                if everywhere[k] == nil { everywhere[k] = occurrences(of: x) }
                if everywhere[k]!.contains(where: { !$0.overlaps(range) }) { return true }
            case .inside:
                if occurs(x, in: range) { return true }
            }
        }
        return false
    }

    /// Runs the program at `entry` anchored at `position`; its ends land in `ends`.
    private mutating func run(_ entry: Int, from position: Int, forward: Bool, limit: Range<Int>) {
        ends.removeAll(keepingCapacity: true)
        Program.run(ops: tables.ops, sets: tables.sets, entry: entry, text, from: position, forward: forward,
                    limit: limit, into: &ends, stack: &stack)
    }

    /// Whether exception pattern `x` matches somewhere inside `range`, other than across `excluded`.
    private mutating func occurs(_ x: FlatTables.Context, in range: Range<Int>, excluding excluded: Range<Int>? = nil) -> Bool {
        for p in range where tables.contextCanStart(x, text[p]) {
            run(Int(x.forward), from: p, forward: true, limit: range)
            for end in ends where end > p {
                if let excluded, p < excluded.upperBound, end > excluded.lowerBound { continue }
                return true
            }
        }
        return false
    }

    /// Every match (start and each of its ends) of exception pattern `x` in the whole text.
    private mutating func occurrences(of x: FlatTables.Context) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for p in 0..<text.count where tables.contextCanStart(x, text[p]) {
            run(Int(x.forward), from: p, forward: true, limit: 0..<text.count)
            for end in ends where end > p { out.append(p..<end) }
        }
        return out
    }
}
