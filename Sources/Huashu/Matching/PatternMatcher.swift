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
        run(pattern.root, position, &out)
        return out
    }

    /// Whether `pattern` matches anywhere in `range` (forward matching only).
    func occurs(_ pattern: Pattern, in range: Range<Int>, excluding excluded: Range<Int>? = nil) -> Bool {
        let scoped = PatternMatcher(text: text, forward: true, limit: range)
        let first = pattern.firstScalars
        for p in range {
            if let first, !first.contains(text[p]) { continue }
            for end in scoped.ends(of: pattern, at: p) where end > p {
                if let excluded, p < excluded.upperBound, end > excluded.lowerBound { continue }
                return true
            }
        }
        return false
    }

    /// The scalar consumed when stepping from `p`, or nil at the limit.
    @inline(__always)
    private func next(_ p: Int) -> UInt32? {
        if forward { return p < limit.upperBound ? text[p] : nil }
        return p > limit.lowerBound ? text[p - 1] : nil
    }

    @inline(__always)
    private func step(_ p: Int) -> Int { forward ? p + 1 : p - 1 }

    private func run(_ node: Pattern.Node, _ p: Int, _ out: inout [Int]) {
        switch node {
        case .literal(let c):
            if next(p) == c { out.append(step(p)) }
        case .oneOf(let set):
            if let c = next(p), set.contains(c) { out.append(step(p)) }
        case .digit:
            if let c = next(p), Punctuation.isDigit(c) { out.append(step(p)) }
        case .sequence(let items):
            runSequence(items, p, &out)
        case .alternation(let options):
            for o in options { run(o, p, &out) }
        case .optional(let item):
            out.append(p)
            run(item, p, &out)
        case .gap(let max):
            var q = p
            out.append(q)
            for _ in 0..<max {
                guard let c = next(q), !Punctuation.endsSentence(c) else { break }
                q = step(q)
                out.append(q)
            }
        case .clauseStart:
            if p == 0 || Punctuation.separatesClauses(text[p - 1]) { out.append(p) }
        case .clauseEnd:
            if p == text.count || Punctuation.separatesClauses(text[p]) { out.append(p) }
        }
    }

    private func runSequence(_ items: [Pattern.Node], _ p: Int, _ out: inout [Int]) {
        let count = items.count
        var k = 0
        var q = p
        // Fast path: consume single characters while there is only one position.
        while k < count {
            let item = forward ? items[k] : items[count - 1 - k]
            switch item {
            case .literal(let c):
                guard next(q) == c else { return }
                q = step(q); k += 1; continue
            case .oneOf(let set):
                guard let c = next(q), set.contains(c) else { return }
                q = step(q); k += 1; continue
            default:
                break
            }
            break
        }
        if k == count { out.append(q); return }
        var current = [q]
        while k < count {
            let item = forward ? items[k] : items[count - 1 - k]
            var following: [Int] = []
            for position in current { run(item, position, &following) }
            if following.isEmpty { return }
            if following.count > 1 { following = Array(Set(following)) }
            current = following
            k += 1
        }
        out.append(contentsOf: current)
    }
}
