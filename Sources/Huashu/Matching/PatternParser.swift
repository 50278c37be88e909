/// A pattern that does not parse, with the position (in scalars of the pattern
/// source) where the problem is.
public struct PatternSyntaxError: Error, Sendable, CustomStringConvertible {
    public let message: String
    /// 0-based scalar offset into the pattern source.
    public let offset: Int
    public var description: String { message }
}

extension Pattern {
    /// Parses `source`. Pattern text is folded like the checked text, so full-width
    /// syntax characters (（）｜？［］) work, and `這個` matches `这个`.
    public init(_ source: String) throws(PatternSyntaxError) {
        try self.init(source, allowingEdgeGaps: false)
    }

    /// Parses a context pattern (exceptions, cues), which may start or end with
    /// a gap: `before: 如果…` means 如果 up to 8 characters before the match.
    public init(_ source: String, allowingEdgeGaps: Bool) throws(PatternSyntaxError) {
        // Only context patterns are ever matched backwards (`before:`).
        try self.init(source, allowingEdgeGaps: allowingEdgeGaps, backwards: allowingEdgeGaps)
    }

    /// Parses `source`, compiling the backward program only with `backwards`
    /// (matching backwards without it compiles one on each use).
    init(_ source: String, allowingEdgeGaps: Bool, backwards: Bool) throws(PatternSyntaxError) {
        var parser = PatternParser(source)
        self.init(source: source, root: try parser.parse(allowingEdgeGaps: allowingEdgeGaps), backwards: backwards)
    }
}

struct PatternParser {
    private var chars: [UInt32] = []
    /// For each folded scalar, the offset of the source scalar it came from.
    private var origin: [Int] = []
    private var i = 0
    /// Items and options of the groups being parsed, innermost last: each group
    /// copies out its own into one exactly sized array.
    private var pending: [Pattern.Node] = []
    /// Positions of the `|` of the alternations being parsed, innermost last.
    private var bars: [Int] = []
    static let defaultGap = 8
    static let maxGap = 60

    init(_ source: String) {
        var out: [UInt32] = []
        out.reserveCapacity(source.utf8.count)
        origin.reserveCapacity(source.utf8.count)
        let folding = CharacterFolding.shared
        for (k, s) in source.unicodeScalars.enumerated() {
            // Folded like the text: NFKC turns … into ... (the gap) and （｜） into (|).
            let n = folding.fold(s.value, into: &out)
            for _ in 0..<n { origin.append(k) }
        }
        chars = out
    }

    private func error(_ message: String, at position: Int? = nil) -> PatternSyntaxError {
        let p = position ?? i
        let offset = p < origin.count ? origin[p] : (origin.last.map { $0 + 1 } ?? 0)
        return PatternSyntaxError(message: message, offset: offset)
    }

    mutating func parse(allowingEdgeGaps: Bool = false) throws(PatternSyntaxError) -> Pattern.Node {
        if chars.allSatisfy({ $0 == 0x20 }) { throw error("空模式：模式不能为空", at: 0) }
        let node = try parseAlternation()
        if i < chars.count {
            throw error(chars[i] == 0x29 ? "多余的右括号“)”" : "无法解析的字符", at: i)
        }
        if !allowingEdgeGaps && (Self.startsWithGap(node) || Self.endsWithGap(node)) {
            throw error("规则模式不能以“…”开头或结尾（例外和提示词可以）", at: 0)
        }
        if Self.minLength(node) == 0 {
            throw error("模式可能匹配空文本：至少要有一个必需的字", at: 0)
        }
        return node
    }

    /// A scalar value as text, for messages.
    private static func text(_ c: UInt32) -> String { Unicode.Scalar(c).map { String(Character($0)) } ?? "?" }

    private func peek(_ offset: Int = 0) -> UInt32? { i + offset < chars.count ? chars[i + offset] : nil }

    private mutating func parseAlternation() throws(PatternSyntaxError) -> Pattern.Node {
        let base = pending.count, barBase = bars.count
        pending.append(try parseSequence())
        while peek() == 0x7C {  // |
            bars.append(i)
            i += 1
            pending.append(try parseSequence())
        }
        let count = pending.count - base, barCount = bars.count - barBase
        defer {
            pending.removeSubrange(base...)
            bars.removeSubrange(barBase...)
        }
        for k in 0..<count {
            if case .sequence(let items) = pending[base + k], items.isEmpty, barCount > 0 {
                // Point at the bar next to the empty option.
                throw error("“|”两边必须有内容（第\(k + 1)个选项为空）", at: bars[barBase + min(k, barCount - 1)])
            }
        }
        return count == 1 ? pending[base] : .alternation(Array(pending[base...]))
    }

    private mutating func parseSequence() throws(PatternSyntaxError) -> Pattern.Node {
        let base = pending.count
        while let c = peek(), c != 0x7C, c != 0x29 {
            var item = try parseAtom()
            if peek() == 0x3F {  // ?
                i += 1
                if case .optional = item { throw error("重复的“?”", at: i - 1) }
                if case .gap = item { throw error("“…”本身就是可选的，不能再加“?”", at: i - 1) }
                item = .optional(item)
            }
            pending.append(item)
        }
        defer { pending.removeSubrange(base...) }
        return pending.count - base == 1 ? pending[base] : .sequence(Array(pending[base...]))
    }

    private mutating func parseAtom() throws(PatternSyntaxError) -> Pattern.Node {
        let start = i
        let c = chars[i]
        switch c {
        case 0x28:  // (
            i += 1
            let inner = try parseAlternation()
            guard peek() == 0x29 else { throw error("缺少右括号“)”", at: start) }
            i += 1
            return inner
        case 0x5B:  // [
            i += 1
            var set: Set<UInt32> = []
            while let d = peek(), d != 0x5D {
                if d == 0x5C, let e = peek(1) { set.insert(e); i += 2; continue }
                // A range such as 0-9 or a-z; a "-" first, last or escaped is itself.
                if peek(1) == 0x2D, let last = peek(2), last != 0x5D, last != 0x5C {
                    guard d <= last else { throw error("“[\(Self.text(d))-\(Self.text(last))]”的范围前后颠倒", at: i) }
                    guard last - d < 0x1_0000 else { throw error("“[…-…]”的范围太大", at: i) }
                    for c in d...last where !(0xD800...0xDFFF).contains(c) { set.insert(c) }
                    i += 3
                    continue
                }
                set.insert(d); i += 1
            }
            guard peek() == 0x5D else { throw error("缺少右方括号“]”", at: start) }
            i += 1
            if set.isEmpty { throw error("“[]”里至少要有一个字", at: start) }
            return .oneOf(set)
        case 0x2E where peek(1) == 0x2E && peek(2) == 0x2E:  // ... (also … after NFKC)
            i += 3
            return .gap(max: try parseGapCount())
        case 0x5E: i += 1; return .clauseStart
        case 0x24: i += 1; return .clauseEnd
        case 0x5C:  // backslash
            guard let e = peek(1) else { throw error("“\\”后面缺少字符", at: start) }
            i += 2
            if e == 0x64 { return .digit }  // \d
            return .literal(e)
        case 0x3F: throw error("“?”前面没有可选的内容", at: start)
        case 0x29: throw error("多余的右括号“)”", at: start)
        case 0x5D: throw error("多余的右方括号“]”", at: start)
        case 0x7B: throw error("“{”只能跟在“…”后面，例如“…{12}”", at: start)
        default:
            i += 1
            return .literal(c)
        }
    }

    private mutating func parseGapCount() throws(PatternSyntaxError) -> Int {
        guard peek() == 0x7B else { return Self.defaultGap }  // {
        let start = i
        i += 1
        var n = 0, digits = 0
        while let d = peek(), (0x30...0x39).contains(d) { n = n * 10 + Int(d - 0x30); digits += 1; i += 1 }
        guard digits > 0, peek() == 0x7D else { throw error("间隔写法应为“…{数字}”", at: start) }
        i += 1
        guard (1...Self.maxGap).contains(n) else { throw error("间隔必须在1到\(Self.maxGap)之间", at: start) }
        return n
    }

    static func startsWithGap(_ node: Pattern.Node) -> Bool {
        switch node {
        case .gap: return true
        case .optional(let item): return startsWithGap(item)
        case .alternation(let items): return items.contains(where: startsWithGap)
        case .sequence(let items): return items.first(where: { !isAnchor($0) }).map(startsWithGap) ?? false
        default: return false
        }
    }

    static func endsWithGap(_ node: Pattern.Node) -> Bool {
        switch node {
        case .gap: return true
        case .optional(let item): return endsWithGap(item)
        case .alternation(let items): return items.contains(where: endsWithGap)
        case .sequence(let items): return items.last(where: { !isAnchor($0) }).map(endsWithGap) ?? false
        default: return false
        }
    }

    static func isAnchor(_ node: Pattern.Node) -> Bool {
        if case .clauseStart = node { return true }
        if case .clauseEnd = node { return true }
        return false
    }

    /// The fewest characters a match can span.
    static func minLength(_ node: Pattern.Node) -> Int {
        switch node {
        case .literal, .oneOf, .digit: return 1
        case .sequence(let items):
            var total = 0
            for item in items { total += minLength(item) }
            return total
        case .alternation(let items):
            guard let first = items.first else { return 0 }
            var shortest = minLength(first)
            for item in items.dropFirst() { shortest = min(shortest, minLength(item)) }
            return shortest
        case .optional, .gap, .clauseStart, .clauseEnd: return 0
        }
    }
}

