/// Confirms the scan's candidates in one text: the word-boundary rule,
/// quotation and each rule's exceptions. Holds the matcher's buffers so that
/// thousands of candidates allocate nothing per check.
struct Confirmation {
    let context: TextContext
    private var ends: [Int] = []
    private var stack: [(pc: Int32, pos: Int)] = []
    /// For `text:` exceptions, keyed by rule and exception number: every match
    /// range of the exception pattern in the whole text, found once.
    private var everywhere: [Int: [Range<Int>]] = [:]

    init(context: TextContext) {
        self.context = context
        ends.reserveCapacity(8)
        stack.reserveCapacity(32)
    }

    /// The longest end at which a candidate of rule number `r` starting at
    /// `start` survives the boundary rule, quotation and exceptions, or nil.
    mutating func end(of rule: Rule, number r: Int, start: Int, ends candidates: [Int]) -> Int? {
        if !rule.inQuotes && context.isQuoted(start) { return nil }
        if rule.boundary.checksStart && !context.isWordBoundary(start) { return nil }
        // Longest first; `candidates` is short and may repeat an end.
        var bound = Int.max
        while true {
            var end = -1
            for e in candidates where e < bound && e > end { end = e }
            if end < 0 { return nil }
            bound = end
            if rule.boundary.checksEnd && !context.isWordBoundary(end) { continue }
            if !isExcepted(rule, number: r, start..<end) { return end }
        }
    }

    private mutating func isExcepted(_ rule: Rule, number r: Int, _ range: Range<Int>) -> Bool {
        guard !rule.exceptions.isEmpty else { return false }
        let text = context.text
        let sentence = context.sentence(around: range)
        for (k, exception) in rule.exceptions.enumerated() {
            let pattern = exception.pattern
            switch exception.scope {
            case .before:
                let m = PatternMatcher(text: text, forward: false, limit: sentence.lowerBound..<range.lowerBound)
                m.ends(of: pattern, at: range.lowerBound, into: &ends, stack: &stack)
                if !ends.isEmpty { return true }
            case .after:
                let m = PatternMatcher(text: text, forward: true, limit: range.upperBound..<sentence.upperBound)
                m.ends(of: pattern, at: range.upperBound, into: &ends, stack: &stack)
                if !ends.isEmpty { return true }
            case .sentence:
                if occurs(pattern, in: sentence, excluding: range) { return true }
            case .following:
                let next = context.sentence(after: sentence)
                if occurs(pattern, in: range.upperBound..<max(next.upperBound, sentence.upperBound)) { return true }
            case .preceding:
                let previous = context.sentence(before: sentence)
                if occurs(pattern, in: min(previous.lowerBound, sentence.lowerBound)..<range.lowerBound) { return true }
            case .text:
                let key = r << 16 | k
                if everywhere[key] == nil { everywhere[key] = occurrences(of: pattern) }
                if everywhere[key]!.contains(where: { !$0.overlaps(range) }) { return true }
            case .inside:
                if occurs(pattern, in: range) { return true }
            }
        }
        return false
    }

    /// Whether `pattern` matches somewhere inside `range`, other than across `excluded`.
    private mutating func occurs(_ pattern: Pattern, in range: Range<Int>, excluding excluded: Range<Int>? = nil) -> Bool {
        let scoped = PatternMatcher(text: context.text, forward: true, limit: range)
        for p in range where pattern.canStart(with: context.text[p]) {
            scoped.ends(of: pattern, at: p, into: &ends, stack: &stack)
            for end in ends where end > p {
                if let excluded, p < excluded.upperBound, end > excluded.lowerBound { continue }
                return true
            }
        }
        return false
    }

    /// Every (start, longest end) match of `pattern` in the whole text.
    private mutating func occurrences(of pattern: Pattern) -> [Range<Int>] {
        let matcher = PatternMatcher(text: context.text)
        var out: [Range<Int>] = []
        for p in context.text.indices where pattern.canStart(with: context.text[p]) {
            matcher.ends(of: pattern, at: p, into: &ends, stack: &stack)
            if let end = ends.max(), end > p { out.append(p..<end) }
        }
        return out
    }
}
