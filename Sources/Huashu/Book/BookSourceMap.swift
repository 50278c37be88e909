import Foundation
import Yams

/// Where the parts of each rule and line were written, so `book lint` and
/// `book test` can point at a pattern, an exception or an example rather than
/// at the start of its rule. Built from the same YAML the parser reads, keyed by
/// the location the parser gives the entry.
struct BookSourceMap {
    struct RuleParts {
        var patterns: [SourceLocation] = []
        /// One per parsed exception, in the parser's order.
        var exceptions: [SourceLocation] = []
        var suggestions: [SourceLocation] = []
        var fire: [SourceLocation] = []
        var pass: [SourceLocation] = []

        /// `list[i]`, or `fallback` when the map has no such entry.
        static func at(_ list: [SourceLocation], _ i: Int, or fallback: SourceLocation) -> SourceLocation {
            list.indices.contains(i) ? list[i] : fallback
        }
    }

    private(set) var rules: [SourceLocation: RuleParts] = [:]
    /// Where the `text:` of each approved line is.
    private(set) var lineTexts: [SourceLocation: SourceLocation] = [:]

    init(files: [String]) {
        for file in files { read(file) }
    }

    func rule(_ rule: Rule) -> RuleParts { rules[rule.location] ?? RuleParts() }

    private mutating func read(_ file: String) {
        guard let data = FileManager.default.contents(atPath: file), let yaml = String(data: data, encoding: .utf8),
              let root = try? Yams.compose(yaml: yaml), let top = root.mapping else { return }
        func loc(_ node: Node) -> SourceLocation {
            SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        }
        func field(_ node: Node, _ key: String) -> Node? {
            node.mapping?.first { $0.key.string == key }?.value
        }
        func items(_ node: Node?) -> [Node] { node?.sequence.map { Array($0) } ?? [] }
        for (key, value) in top {
            switch key.string {
            case "rules":
                for node in items(value) where node.mapping != nil {
                    var parts = RuleParts()
                    parts.patterns = items(field(node, "patterns")).map(loc)
                    for item in items(field(node, "exceptions")) {
                        for (_, v) in item.mapping ?? [:] {
                            parts.exceptions += (v.sequence.map { Array($0) } ?? [v]).map(loc)
                        }
                    }
                    parts.suggestions = items(field(node, "suggestions")).map(loc)
                    if let examples = field(node, "examples") {
                        parts.fire = items(field(examples, "fire")).map(loc)
                        parts.pass = items(field(examples, "pass")).map(loc)
                    }
                    rules[loc(node)] = parts
                }
            case "lines":
                for node in items(value) { if let text = field(node, "text") { lineTexts[loc(node)] = loc(text) } }
            default:
                continue
            }
        }
    }
}
