import Foundation
import Yams

/// Turns phrasebook YAML into a `Phrasebook`, reporting every problem with its
/// file, line and column.
struct PhrasebookParser {
    let file: String
    private(set) var errors: [PhrasebookError] = []

    static let topLevelKeys: Set<String> = ["name", "description", "locale", "rules", "lines", "scenarios", "cues", "scoring", "extends", "disable", "override"]
    static let ruleKeys: Set<String> = [
        "id", "category", "severity", "message", "source", "patterns", "exceptions",
        "suggestions", "replace", "boundary", "in_quotes", "examples",
    ]

    static func parse(fileAt path: String) throws -> Phrasebook {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PhrasebookLoadError(errors: [PhrasebookError("无法读取文件", at: SourceLocation(file: path, line: 0, column: 0))])
        }
        switch UTF8Validation.validate(data) {
        case .valid(let text):
            return try parse(yaml: text, file: path)
        case .invalid(let offset, let line, let column):
            throw PhrasebookLoadError(errors: [PhrasebookError(
                "文件不是有效的 UTF-8（第 \(offset) 字节）", at: SourceLocation(file: path, line: line, column: column))])
        }
    }

    static func parse(yaml: String, file: String) throws -> Phrasebook {
        var parser = PhrasebookParser(file: file)
        let book = parser.read(yaml)
        if !parser.errors.isEmpty { throw PhrasebookLoadError(errors: parser.errors) }
        return book
    }

    // MARK: - Document

    private mutating func read(_ yaml: String) -> Phrasebook {
        var book = Phrasebook()
        book.files = [file]
        let root: Node?
        do {
            // No implicit tag resolution: the parser reads every scalar as text itself,
            // and Yams' default resolver runs regular expressions on each one.
            root = try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            errors.append(yamlError(error, yaml: yaml))
            return book
        } catch {
            errors.append(PhrasebookError("YAML 解析失败：\(error)", at: location(nil)))
            return book
        }
        guard let root else { return book }  // an empty file is an empty book
        guard let mapping = root.mapping else {
            fail("话术库顶层必须是映射（rules: / lines: / scenarios:）", root)
            return book
        }
        for (key, value) in mapping {
            guard let name = key.string else { fail("键必须是字符串", key); continue }
            switch name {
            case "name", "description", "locale":
                _ = string(value, name)
            case "rules":
                book.rules = sequence(value, name).compactMap { rule($0) }
            case "lines":
                book.lines = sequence(value, name).compactMap { line($0) }
            case "scenarios":
                book.scenarios = sequence(value, name).compactMap { scenario($0) }
            case "cues":
                book.cues = cues(value)
            case "extends":
                let items = value.sequence.map { Array($0) } ?? [value]
                for item in items { if let p = string(item, "extends") { book.layer.extends.append((p, location(item))) } }
            case "disable":
                book.layer = disable(value, into: book.layer)
            case "override":
                book.layer.overrides = sequence(value, name).compactMap { override($0) }
            case "scoring":
                book.scoringOverrides = scoring(value)
                book.scoring.merge(book.scoringOverrides)
            default:
                fail("未知的顶层键 “\(name)”（可用：\(Self.topLevelKeys.sorted().joined(separator: ", "))）", key)
            }
        }
        return book
    }

    // MARK: - Entries

    private mutating func rule(_ node: Node) -> Rule? {
        guard let fields = fields(node, allowed: Self.ruleKeys, what: "规则") else { return nil }
        let loc = location(node)
        let errorCount = errors.count
        let id = required(fields, "id", in: node)
        let categoryName = required(fields, "category", in: node)
        let message = required(fields, "message", in: node)
        var category = Category.refusal
        if let categoryName, let node = fields["category"] {
            if let c = Category(rawValue: categoryName), c != .structure { category = c } else {
                fail("未知的类别 “\(categoryName)”（可用：\(Category.ruleCategories.map(\.rawValue).joined(separator: ", "))）", node)
            }
        }
        var severity = Severity.warning
        if let node = fields["severity"], let s = string(node, "severity") {
            if let v = Severity(rawValue: s) { severity = v } else { fail("未知的严重级别 “\(s)”（可用：error, warning, info）", node) }
        }
        if let message, message.unicodeScalars.allSatisfy(CharacterSet.whitespaces.contains), let node = fields["message"] {
            fail("message 不能为空", node)
        }
        var patterns: [Pattern] = []
        if let node = fields["patterns"] {
            let items = sequence(node, "patterns")
            if items.isEmpty { fail("patterns 至少要有一个模式", node) }
            patterns = items.compactMap { pattern($0) }
        } else {
            fail("规则缺少必需字段 “patterns”", node)
        }
        var exceptions: [Exception] = []
        if let node = fields["exceptions"] {
            for item in sequence(node, "exceptions") { exceptions += exception(item) }
        }
        var suggestions: [Suggestion] = []
        if let node = fields["suggestions"] {
            suggestions = sequence(node, "suggestions").compactMap { suggestion($0) }
        }
        var boundary = Rule.BoundaryMode.both
        if let node = fields["boundary"], let s = string(node, "boundary") {
            switch s {
            case "true", "both": boundary = .both
            case "false", "none": boundary = .none
            case "start": boundary = .start
            case "end": boundary = .end
            default: fail("boundary 只能是 true、false、start 或 end", node)
            }
        }
        var inQuotes = false
        if let node = fields["in_quotes"] { inQuotes = bool(node, "in_quotes") ?? false }
        var examples = Rule.Examples()
        if let node = fields["examples"] { examples = self.examples(node) }
        let replace = fields["replace"].flatMap { string($0, "replace") }
        let source = fields["source"].flatMap { string($0, "source") }
        guard errors.count == errorCount, let id, let message else { return nil }
        return Rule(id: id, category: category, severity: severity, message: message, source: source,
                    patterns: patterns, exceptions: exceptions, suggestions: suggestions, replace: replace,
                    boundary: boundary, inQuotes: inQuotes, examples: examples, location: loc)
    }

    /// Patterns already compiled from this file: YAML aliases (`*refusal-path`)
    /// repeat whole exception lists across rules.
    private var compiled: [PatternKey: Pattern] = Dictionary(minimumCapacity: 256)

    /// Compares and hashes the text's UTF-8 bytes: `String` hashing normalises
    /// Unicode first, which costs more than parsing the pattern again.
    private struct PatternKey: Hashable {
        let text: String
        let context: Bool
        let backwards: Bool

        static func == (a: PatternKey, b: PatternKey) -> Bool {
            guard a.context == b.context, a.backwards == b.backwards, a.text.utf8.count == b.text.utf8.count else { return false }
            var x = a.text, y = b.text
            return x.withUTF8 { p in y.withUTF8 { q in p.elementsEqual(q) } }
        }

        func hash(into h: inout Hasher) {
            var text = text
            text.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
            h.combine(context)
            h.combine(backwards)
        }
    }

    /// The pattern in `node`. Context patterns (exceptions, cues) may start or end
    /// with a gap; only `before:` exceptions need the backward program.
    private mutating func pattern(_ node: Node, context: Bool = false, backwards: Bool = false) -> Pattern? {
        guard let text = string(node, "pattern") else { return nil }
        let key = PatternKey(text: text, context: context, backwards: backwards)
        if let known = compiled[key] { return known }
        do {
            let pattern = try Pattern(text, allowingEdgeGaps: context, backwards: backwards)
            compiled[key] = pattern
            return pattern
        } catch {
            let base = location(node)
            // Point at the offending character when the scalar sits on one line.
            let quoted = node.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
            let column = text.contains("\n") ? base.column : base.column + error.offset + (quoted ? 1 : 0)
            errors.append(PhrasebookError("模式 “\(text)” 无法解析：\(error.message)",
                                          at: SourceLocation(file: file, line: base.line, column: column)))
            return nil
        }
    }

    private mutating func exception(_ node: Node) -> [Exception] {
        guard let mapping = node.mapping else {
            fail("例外必须写成 “范围: 模式”，范围可用：\(Exception.Scope.allCases.map(\.rawValue).joined(separator: ", "))", node)
            return []
        }
        var out: [Exception] = []
        for (key, value) in mapping {
            guard let name = key.string, let scope = Exception.Scope(rawValue: name) else {
                fail("未知的例外范围 “\(key.string ?? "?")”（可用：\(Exception.Scope.allCases.map(\.rawValue).joined(separator: ", "))）", key)
                continue
            }
            let values = value.sequence.map { Array($0) } ?? [value]
            for v in values {
                if let p = pattern(v, context: true, backwards: scope == .before) { out.append(Exception(scope: scope, pattern: p)) }
            }
        }
        return out
    }

    private mutating func suggestion(_ node: Node) -> Suggestion? {
        if let text = node.scalar?.string {
            return Suggestion(text: text, tag: nil, lineID: nil)
        }
        guard let fields = fields(node, allowed: ["text", "tag", "line"], what: "建议") else { return nil }
        let tag = fields["tag"].flatMap { string($0, "tag") }
        if let tag, let n = fields["tag"] { checkTag(tag, n) }
        if let lineNode = fields["line"] {
            guard let id = string(lineNode, "line") else { return nil }
            return Suggestion(text: "", tag: tag, lineID: id)
        }
        guard let text = required(fields, "text", in: node) else { return nil }
        return Suggestion(text: text, tag: tag, lineID: nil)
    }

    private mutating func line(_ node: Node) -> ApprovedLine? {
        guard let fields = fields(node, allowed: ["id", "text", "tag", "tags"], what: "话术") else { return nil }
        guard let id = required(fields, "id", in: node), let text = required(fields, "text", in: node) else { return nil }
        var tags: [String] = []
        if let n = fields["tag"], let t = string(n, "tag") { checkTag(t, n); tags.append(t) }
        if let n = fields["tags"] {
            for item in sequence(n, "tags") { if let t = string(item, "tag") { checkTag(t, item); tags.append(t) } }
        }
        if tags.isEmpty { fail("话术 “\(id)” 需要 tag（家族或技巧）", node) }
        return ApprovedLine(id: id, text: text, tags: tags, location: location(node))
    }

    private mutating func scenario(_ node: Node) -> Scenario? {
        guard let fields = self.fields(node, allowed: ["id", "title", "keywords", "technique", "steps"], what: "场景") else { return nil }
        guard let id = required(fields, "id", in: node), let title = required(fields, "title", in: node),
              let technique = required(fields, "technique", in: node) else { return nil }
        if let n = fields["technique"] { checkTag(technique, n) }
        let keywords = fields["keywords"].map { sequence($0, "keywords").compactMap { string($0, "keyword") } } ?? []
        var steps: [Scenario.Step] = []
        if let n = fields["steps"] {
            for item in sequence(n, "steps") {
                guard let f = self.fields(item, allowed: ["label", "tag", "text"], what: "步骤"),
                      let label = required(f, "label", in: item), let text = required(f, "text", in: item) else { continue }
                let tag = f["tag"].flatMap { string($0, "tag") }
                if let tag, let tn = f["tag"] { checkTag(tag, tn) }
                steps.append(Scenario.Step(label: label, tag: tag, text: text, location: location(item)))
            }
        }
        if steps.isEmpty { fail("场景 “\(id)” 至少需要一个步骤（steps）", node) }
        return Scenario(id: id, title: title, keywords: keywords, technique: technique, steps: steps, location: location(node))
    }

    private mutating func cues(_ node: Node) -> [String: [Pattern]] {
        guard let mapping = node.mapping else { fail("cues 必须是映射（名称: [模式…]）", node); return [:] }
        var out: [String: [Pattern]] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { fail("键必须是字符串", key); continue }
            out[name, default: []] += sequence(value, name).compactMap { pattern($0, context: true) }
        }
        return out
    }

    private mutating func disable(_ node: Node, into layer: Layer) -> Layer {
        var layer = layer
        guard let f = fields(node, allowed: ["rules", "categories"], what: "disable") else { return layer }
        for item in f["rules"].map({ sequence($0, "rules") }) ?? [] {
            if let id = string(item, "rule") { layer.disabledRules.append((id, location(item))) }
        }
        for item in f["categories"].map({ sequence($0, "categories") }) ?? [] {
            guard let name = string(item, "category") else { continue }
            if let c = Category(rawValue: name), c != .structure { layer.disabledCategories.append(c) } else {
                fail("未知的类别 “\(name)”（可用：\(Category.ruleCategories.map(\.rawValue).joined(separator: ", "))）", item)
            }
        }
        return layer
    }

    private mutating func override(_ node: Node) -> RuleOverride? {
        guard let f = fields(node, allowed: ["id", "severity", "message", "source", "suggestions"], what: "override") else { return nil }
        guard let id = required(f, "id", in: node) else { return nil }
        var o = RuleOverride(id: id, location: location(node))
        if let n = f["severity"], let s = string(n, "severity") {
            if let v = Severity(rawValue: s) { o.severity = v } else { fail("未知的严重级别 “\(s)”（可用：error, warning, info）", n) }
        }
        o.message = f["message"].flatMap { string($0, "message") }
        o.source = f["source"].flatMap { string($0, "source") }
        if let n = f["suggestions"] { o.suggestions = sequence(n, "suggestions").compactMap { suggestion($0) } }
        return o
    }

    private mutating func scoring(_ node: Node) -> ScoringOverrides {
        var o = ScoringOverrides()
        guard let f = fields(node, allowed: ["start", "min", "severity", "category", "missing"], what: "scoring") else { return o }
        o.start = f["start"].flatMap { number($0, "start") }
        o.minimum = f["min"].flatMap { number($0, "min") }
        for (key, value) in f["severity"]?.mapping ?? [:] {
            guard let name = key.string, let s = Severity(rawValue: name) else { fail("未知的严重级别 “\(key.string ?? "?")”", key); continue }
            o.severity[s] = number(value, name)
        }
        for (key, value) in f["category"]?.mapping ?? [:] {
            guard let name = key.string, let c = Category(rawValue: name) else { fail("未知的类别 “\(key.string ?? "?")”", key); continue }
            o.category[c] = number(value, name)
        }
        for (key, value) in f["missing"]?.mapping ?? [:] {
            guard let name = key.string else { continue }
            o.missing[name] = number(value, name)
        }
        return o
    }

    private mutating func number(_ node: Node, _ what: String) -> Double? {
        guard let s = node.scalar?.string, let v = Double(s) else { fail("“\(what)” 必须是数字", node); return nil }
        return v
    }

    private mutating func examples(_ node: Node) -> Rule.Examples {
        guard let f = fields(node, allowed: ["fire", "pass"], what: "examples") else { return .init() }
        let fire = f["fire"].map { sequence($0, "fire").compactMap { string($0, "example") } } ?? []
        let pass = f["pass"].map { sequence($0, "pass").compactMap { string($0, "example") } } ?? []
        return Rule.Examples(fire: fire, pass: pass)
    }

    private mutating func checkTag(_ tag: String, _ node: Node) {
        if !WordingTag.all.contains(tag) {
            fail("未知的标签 “\(tag)”（家族：\(WordingTag.families.joined(separator: ", "))；技巧：\(WordingTag.techniques.joined(separator: ", "))）", node)
        }
    }

    // MARK: - Node helpers

    private mutating func fields(_ node: Node, allowed: Set<String>, what: String) -> Fields? {
        guard let mapping = node.mapping else { fail("\(what)必须是映射（键: 值）", node); return nil }
        var out = Fields(capacity: mapping.count)
        for (key, value) in mapping {
            guard let name = key.string else { fail("键必须是字符串", key); continue }
            if !allowed.contains(name) {
                fail("\(what)中有未知的键 “\(name)”（可用：\(allowed.sorted().joined(separator: ", "))）", key)
                continue
            }
            if !out.set(name, value) { fail("键 “\(name)” 重复", key) }
        }
        return out
    }

    private mutating func required(_ fields: Fields, _ key: String, in node: Node) -> String? {
        guard let value = fields[key] else { fail("缺少必需字段 “\(key)”", node); return nil }
        guard let s = string(value, key) else { return nil }
        if s.isEmpty { fail("字段 “\(key)” 不能为空", value); return nil }
        return s
    }

    private mutating func string(_ node: Node, _ what: String) -> String? {
        guard let scalar = node.scalar else { fail("“\(what)” 必须是文本", node); return nil }
        return scalar.string
    }

    private mutating func bool(_ node: Node, _ what: String) -> Bool? {
        switch node.scalar?.string {
        case "true", "yes": return true
        case "false", "no": return false
        default: fail("“\(what)” 必须是 true 或 false", node); return nil
        }
    }

    private mutating func sequence(_ node: Node, _ what: String) -> [Node] {
        if let s = node.sequence { return Array(s) }
        if let s = node.scalar, s.string.isEmpty || s.string == "null" || s.string == "~" { return [] }
        fail("“\(what)” 必须是列表（- 项）", node)
        return []
    }

    private func location(_ node: Node?) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1)
    }

    private mutating func fail(_ message: String, _ node: Node) {
        errors.append(PhrasebookError(message, at: location(node)))
    }

    private func yamlError(_ error: YamlError, yaml: String) -> PhrasebookError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let ctx = context.map { "\($0.text) " } ?? ""
            return PhrasebookError("YAML 语法错误：\(ctx)\(problem)", at: SourceLocation(file: file, line: mark.line, column: mark.column))
        case .reader(let problem, let offset, _, _):
            // libyaml's reader reports a character offset; turn it into line:column.
            var line = 1, column = 1
            for (k, ch) in yaml.unicodeScalars.enumerated() {
                if k >= (offset ?? 0) { break }
                if ch == "\n" { line += 1; column = 1 } else { column += 1 }
            }
            return PhrasebookError("YAML 读取错误：\(problem)", at: SourceLocation(file: file, line: line, column: column))
        default:
            return PhrasebookError("YAML 错误：\(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }
}

/// The values of a mapping by key. Entries have a handful of keys, so a short
/// list is quicker to fill and search than a dictionary.
private struct Fields {
    private var entries: [(key: String, value: Node)] = []

    init(capacity: Int) { entries.reserveCapacity(capacity) }

    subscript(key: String) -> Node? {
        for entry in entries where entry.key == key { return entry.value }
        return nil
    }

    /// Sets `key` to `value`; false when the key was already set (the later value wins).
    mutating func set(_ key: String, _ value: Node) -> Bool {
        if let k = entries.firstIndex(where: { $0.key == key }) {
            entries[k].value = value
            return false
        }
        entries.append((key, value))
        return true
    }
}
