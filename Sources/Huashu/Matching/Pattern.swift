/// A compiled phrasebook pattern over folded text.
///
/// Syntax (see `phrasebooks/README.md`): literal characters; `a|b` alternatives;
/// `( … )` groups; `?` makes the preceding item optional; `[abc]` one of several
/// characters; `…` or `...` a gap of up to 8 characters (`…{12}` up to 12) that
/// never crosses the end of a sentence; `^` and `$` the start and end of a clause;
/// `\d` a digit (Arabic or Chinese); `\` escapes a syntax character.
public struct Pattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written in the phrasebook.
    public let source: String
    let root: Node
    /// The scalars a match can start with, or nil when a match may start with
    /// anything (a leading gap).
    let firstScalars: Set<UInt32>?
    /// `firstScalars` sorted, as the scan tables lay them out.
    let firstSorted: [UInt32]?
    /// The largest number of scalars a match can span.
    let maxLength: Int
    /// The compiled forms, for matching forwards and, for context patterns
    /// (`before:` exceptions), backwards.
    let forward: Program
    let backward: Program?

    init(source: String, root: Node, backwards: Bool = true) {
        self.source = source
        self.root = root
        forward = Program(root, reversed: false)
        backward = backwards ? Program(root, reversed: true) : nil
        let (set, nullable) = Self.first(root)
        firstScalars = nullable ? nil : set
        firstSorted = firstScalars.map { $0.sorted() }
        maxLength = Self.maxLength(root)
    }

    public static func == (a: Pattern, b: Pattern) -> Bool { a.source == b.source && a.root == b.root }
    public func hash(into h: inout Hasher) { h.combine(source) }

    /// Only `optional` is boxed: literals, the most common nodes, are stored inline.
    enum Node: Sendable, Hashable {
        case literal(UInt32)
        case oneOf(Set<UInt32>)
        case digit
        case sequence([Node])
        case alternation([Node])
        indirect case optional(Node)
        case gap(max: Int)
        case clauseStart
        case clauseEnd
    }

    public var description: String { source }

    static func maxLength(_ node: Node) -> Int {
        switch node {
        case .literal, .oneOf, .digit: return 1
        case .sequence(let items):
            var total = 0
            for item in items { total += maxLength(item) }
            return total
        case .alternation(let items):
            var longest = 0
            for item in items { longest = max(longest, maxLength(item)) }
            return longest
        case .optional(let item): return maxLength(item)
        case .gap(let max): return max
        case .clauseStart, .clauseEnd: return 0
        }
    }

    private static func first(_ node: Node) -> (set: Set<UInt32>?, nullable: Bool) {
        var acc = Set<UInt32>()
        let (known, nullable) = collectFirst(node, into: &acc)
        return (known ? acc : nil, nullable)
    }

    /// Adds the scalars a match of `node` can start with to `acc` (one set per
    /// pattern, not one per node); `known` is false after a leading gap.
    private static func collectFirst(_ node: Node, into acc: inout Set<UInt32>) -> (known: Bool, nullable: Bool) {
        switch node {
        case .literal(let c): acc.insert(c); return (true, false)
        case .oneOf(let s): acc.formUnion(s); return (true, false)
        case .digit:
            for d in 0x30...0x39 { acc.insert(UInt32(d)) }
            for u in "零〇一二三四五六七八九十百千万两半几".unicodeScalars { acc.insert(u.value) }
            return (true, false)
        case .sequence(let items):
            for item in items {
                let (known, nullable) = collectFirst(item, into: &acc)
                if !known { return (false, false) }
                if !nullable { return (true, false) }
            }
            return (true, true)
        case .alternation(let items):
            var nullable = false
            for item in items {
                let (known, n) = collectFirst(item, into: &acc)
                if !known { return (false, false) }
                nullable = nullable || n
            }
            return (true, nullable)
        case .optional(let item):
            let (known, _) = collectFirst(item, into: &acc)
            return (known, true)
        case .gap: return (false, false)
        case .clauseStart, .clauseEnd: return (true, true)
        }
    }

}
