import Foundation

/// A mistake in a phrasebook, found by `huashu book lint`.
public struct BookProblem: Sendable, CustomStringConvertible {
    /// What kind of mistake it is; the raw values are stable (JSON `kind`).
    public enum Kind: String, Sendable, CaseIterable {
        /// Anything the loader rejects that has no more specific kind (YAML syntax, bad pattern, extends …).
        case load
        case duplicateID = "duplicate-id"
        case duplicatePattern = "duplicate-pattern"
        case unknownCategory = "unknown-category"
        case unknownTag = "unknown-tag"
        case unknownReference = "unknown-reference"
        case emptyMessage = "empty-message"
        /// A pattern that matches its fire examples only when word boundaries are ignored.
        case boundary
        /// An exception that cancels every fire example.
        case exceptionCancelsAll = "exception-cancels-all"
        case suggestionFires = "suggestion-fires"
        case lineFires = "line-fires"
        case stepFires = "step-fires"
        case noExamples = "no-examples"
    }

    public let kind: Kind
    /// `error` or `warning`.
    public let severity: Severity
    public let location: SourceLocation
    public let message: String
    /// How to fix it, in Chinese.
    public let hint: String

    public init(_ kind: Kind, _ severity: Severity, at location: SourceLocation, _ message: String, hint: String) {
        self.kind = kind
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    public var description: String { "\(location): \(severity.chineseName): \(message)\n    提示：\(hint)" }
}

/// Everything `book lint` found, sorted by file, line and column.
public struct BookLintReport: Sendable {
    public var problems: [BookProblem] = []
    /// The files whose entries were linted.
    public var files: [String] = []
    public var errorCount: Int { problems.filter { $0.severity == .error }.count }
    public var warningCount: Int { problems.filter { $0.severity == .warning }.count }
}

/// Finds what `huashu check` would reject in a phrasebook, plus the mistakes
/// trainers make that still load: duplicate patterns, patterns that never fall
/// on a word boundary, exceptions that cancel every example, approved wording
/// that itself breaks a rule, and rules without examples.
public enum BookLinter {
    /// Lints the book made of `paths` (with whatever they `extends:`). Load
    /// errors are always reported; problems with single entries only for
    /// entries written in files under `own` (nil: every file), so a bank's book
    /// is not blamed for the built-in one it extends.
    public static func lint(paths: [String], own: [String]? = nil) -> BookLintReport {
        var loader = LayeredLoader()
        for path in paths {
            for file in PhrasebookFiles.list(path, errors: &loader.errors) { loader.load(file, stack: []) }
        }
        var problems = loader.errors.map(problem(from:))
        var book = loader.book

        let scope = own.map(BookScope.init(paths:))
        func isOwn(_ location: SourceLocation) -> Bool { scope?.contains(location) ?? true }

        problems += removeDuplicateIDs(&book)
        problems += book.resolveReferences().map(problem(from:))
        let map = BookSourceMap(files: book.files.filter { scope?.contains(file: $0) ?? true })
        let ownRules = book.rules.filter { isOwn($0.location) }

        problems += duplicatePatterns(book.rules, map: map, isOwn: isOwn)
        for rule in ownRules {
            let parts = map.rule(rule)
            problems += boundaryProblems(rule, parts: parts)
            problems += exceptionProblems(rule, parts: parts)
            if rule.examples.fire.isEmpty {
                let what = rule.examples.pass.isEmpty ? "没有任何示例" : "只有 pass 示例，没有 fire 示例"
                problems.append(BookProblem(.noExamples, .warning, at: rule.location, "规则 “\(rule.id)” \(what)",
                                            hint: "在 examples.fire 中写一两句应当触发的真实说法，在 examples.pass 中写一句相近但合规的说法，book test 会逐条检查"))
            }
        }
        if let analyzer = try? Analyzer(phrasebook: book) {
            problems += wordingProblems(book, analyzer: analyzer, map: map, isOwn: isOwn)
        }

        let order = { (p: BookProblem) in (p.location.file, p.location.line, p.location.column) }
        var report = BookLintReport()
        report.problems = problems.enumerated().sorted { a, b in
            let x = order(a.element), y = order(b.element)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        // The files named (those that failed to load too), and without `own` every other file loaded.
        let named = scope ?? BookScope(paths: paths)
        report.files = named.files + (own == nil ? book.files.filter { !named.contains(file: $0) } : [])
        return report
    }

    // MARK: - Load errors

    /// A load error with a kind and a fix hint.
    static func problem(from error: PhrasebookError) -> BookProblem {
        let m = error.message
        let (kind, hint): (BookProblem.Kind, String)
        if m.hasPrefix("未知的类别") {
            let guess = closest(quoted(m), in: Category.ruleCategories.map(\.rawValue)).map { "是否想写 “\($0)”？" } ?? ""
            (kind, hint) = (.unknownCategory, "\(guess)类别只能是 DOMAIN.md 中的 14 个 id：\(Category.ruleCategories.map(\.rawValue).joined(separator: ", "))")
        } else if m.hasPrefix("未知的标签") {
            let guess = closest(quoted(m), in: Array(WordingTag.all).sorted()).map { "是否想写 “\($0)”？" } ?? ""
            (kind, hint) = (.unknownTag, "\(guess)话术家族：\(WordingTag.families.joined(separator: ", "))；技巧：\(WordingTag.techniques.joined(separator: ", "))")
        } else if m == "message 不能为空" || m == "字段 “message” 不能为空" {
            (kind, hint) = (.emptyMessage, "用一句中文说明为什么不该这么说、应该怎么说，并引用所依据的服务规范")
        } else if m.contains("id “") && m.contains("重复") {
            (kind, hint) = (.duplicateID, "每个 id 在整个话术库（含 extends 的话术库）中只能出现一次：改用新的 id，或删除重复的条目")
        } else if m.contains("引用了不存在的话术") {
            (kind, hint) = (.unknownReference, "检查 line: 后的 id 是否拼写正确，或在 lines: 中添加这条话术")
        } else if m.hasPrefix("extends 形成循环") {
            (kind, hint) = (.load, "话术库之间的 extends 不能成环：去掉其中一处 extends")
        } else if m.hasPrefix("extends 的话术库") {
            (kind, hint) = (.load, "路径相对于本文件所在目录；继承内置话术库请写 extends: builtin")
        } else if m.hasPrefix("disable 中的规则") || m.hasPrefix("override 中的规则") {
            (kind, hint) = (.load, "只能停用或覆盖 extends 的话术库中已有的规则：检查 id 拼写（huashu book show --resolved 列出全部规则），并确认本文件写了 extends")
        } else if m.hasPrefix("模式 “") {
            (kind, hint) = (.load, "模式语法见 phrasebooks/README.md；( ) [ ] | ? ^ $ \\ . 作为普通字符时要写成 \\( 这样的转义")
        } else if m.hasPrefix("YAML") {
            (kind, hint) = (.load, "检查缩进和冒号；含有 : # { } [ ] 等符号的文本请加引号")
        } else if m.hasPrefix("缺少必需字段") || m.hasPrefix("规则缺少必需字段") {
            (kind, hint) = (.load, "补上这个字段；规则至少需要 id、category、message 和 patterns")
        } else if m.contains("未知的键") || m.hasPrefix("未知的顶层键") {
            (kind, hint) = (.load, "检查键名拼写（错误信息中列出了可用的键）")
        } else {
            (kind, hint) = (.load, "按错误信息修改；格式见 phrasebooks/README.md")
        }
        return BookProblem(kind, .error, at: error.location, m, hint: hint)
    }

    /// The text between the first “ and ” of a message.
    static func quoted(_ message: String) -> String {
        guard let a = message.firstIndex(of: "“"), let b = message[a...].firstIndex(of: "”") else { return "" }
        return String(message[message.index(after: a)..<b])
    }

    /// The candidate nearest to `name` (edit distance at most 2, or one a prefix of the other).
    static func closest(_ name: String, in candidates: [String]) -> String? {
        guard !name.isEmpty else { return nil }
        let lower = name.lowercased()
        let scored = candidates.map { ($0, editDistance(Array(lower), Array($0))) }.sorted { $0.1 < $1.1 }
        if let best = scored.first, best.1 <= 2 { return best.0 }
        return candidates.first { $0.hasPrefix(lower) || (lower.count >= 3 && lower.hasPrefix($0)) }
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var row = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }

    // MARK: - Duplicates

    /// Reports repeated rule, line and scenario ids and keeps only the first of each.
    static func removeDuplicateIDs(_ book: inout Phrasebook) -> [BookProblem] {
        var problems: [BookProblem] = []
        func dedupe<T>(_ items: inout [T], id: (T) -> String, location: (T) -> SourceLocation, what: String, hint: String) {
            var first: [String: SourceLocation] = [:]
            items = items.filter { item in
                if let seen = first[id(item)] {
                    problems.append(BookProblem(.duplicateID, .error, at: location(item),
                                                "\(what) id “\(id(item))” 重复（首次定义于 \(seen)）", hint: hint))
                    return false
                }
                first[id(item)] = location(item)
                return true
            }
        }
        dedupe(&book.rules, id: \.id, location: \.location, what: "规则",
               hint: "改用新的 id；若想修改 extends 的话术库中的同名规则，请用 override: 或先 disable: 再重新定义")
        dedupe(&book.lines, id: \.id, location: \.location, what: "话术", hint: "改用新的 id，或删除重复的话术")
        dedupe(&book.scenarios, id: \.id, location: \.location, what: "场景", hint: "改用新的 id，或删除重复的场景")
        return problems
    }

    /// The same pattern (after folding) in two rules, or twice in one rule.
    static func duplicatePatterns(_ rules: [Rule], map: BookSourceMap, isOwn: (SourceLocation) -> Bool) -> [BookProblem] {
        var seen: [String: (rule: String, location: SourceLocation)] = [:]
        var problems: [BookProblem] = []
        for rule in rules {
            let parts = map.rule(rule)
            for (k, pattern) in rule.patterns.enumerated() {
                let key = Tokenization.string(CharacterFolding.shared.fold(pattern.source))
                let here = BookSourceMap.RuleParts.at(parts.patterns, k, or: rule.location)
                guard let first = seen[key] else { seen[key] = (rule.id, here); continue }
                guard isOwn(here) else { continue }
                if first.rule == rule.id {
                    problems.append(BookProblem(.duplicatePattern, .warning, at: here,
                                                "规则 “\(rule.id)” 中模式 “\(pattern.source)” 写了两次（首次在 \(first.location)）",
                                                hint: "删除重复的模式"))
                } else {
                    problems.append(BookProblem(.duplicatePattern, .error, at: here,
                                                "模式 “\(pattern.source)” 同时出现在规则 “\(first.rule)”（\(first.location)）和 “\(rule.id)” 中",
                                                hint: "一个说法只归一条规则：删除其中一处；要改另一条规则的严重级别或说明，请用 override:"))
                }
            }
        }
        return problems
    }

    // MARK: - Examples

    /// An analyzer over just these rules (no cues, no other rules to overlap with).
    static func analyzer(_ rules: [Rule]) -> Analyzer? {
        var book = Phrasebook()
        book.rules = rules
        return try? Analyzer(phrasebook: book)
    }

    /// Patterns that match some fire example only when word boundaries are ignored.
    static func boundaryProblems(_ rule: Rule, parts: BookSourceMap.RuleParts) -> [BookProblem] {
        guard rule.boundary != .none, !rule.examples.fire.isEmpty else { return [] }
        var problems: [BookProblem] = []
        for (k, pattern) in rule.patterns.enumerated() {
            var single = rule
            single.patterns = [pattern]
            guard let strict = analyzer([single]) else { continue }
            if rule.examples.fire.contains(where: { !strict.analyze($0).isEmpty }) { continue }
            single.boundary = .none
            guard let loose = analyzer([single]),
                  let example = rule.examples.fire.first(where: { !loose.analyze($0).isEmpty }) else { continue }
            let words = (try? Tokenization(example))?.words.map(\.text).joined(separator: " | ") ?? ""
            problems.append(BookProblem(
                .boundary, .error, at: BookSourceMap.RuleParts.at(parts.patterns, k, or: rule.location),
                "规则 “\(rule.id)” 的模式 “\(pattern.source)” 在所有 fire 示例中都不落在 ICU 词边界上，不会触发（“\(example)” 分词为：\(words)）",
                hint: "让模式的首尾与分词边界对齐（用 huashu tokenize 查看分词），或设置 boundary: start、end 或 false"))
        }
        return problems
    }

    /// Exceptions that, on their own, cancel every fire example the bare rule matches.
    static func exceptionProblems(_ rule: Rule, parts: BookSourceMap.RuleParts) -> [BookProblem] {
        guard !rule.exceptions.isEmpty, !rule.examples.fire.isEmpty else { return [] }
        var bare = rule
        bare.exceptions = []
        guard let plain = analyzer([bare]) else { return [] }
        let firing = rule.examples.fire.filter { !plain.analyze($0).isEmpty }
        guard !firing.isEmpty else { return [] }
        var problems: [BookProblem] = []
        for (k, exception) in rule.exceptions.enumerated() {
            var only = rule
            only.exceptions = [exception]
            guard let a = analyzer([only]), firing.allSatisfy({ a.analyze($0).isEmpty }) else { continue }
            let all = firing.count == rule.examples.fire.count ? "全部 \(firing.count) 个" : "\(firing.count) 个会触发的"
            problems.append(BookProblem(
                .exceptionCancelsAll, .error, at: BookSourceMap.RuleParts.at(parts.exceptions, k, or: rule.location),
                "规则 “\(rule.id)” 的例外 “\(exception.scope.rawValue): \(exception.pattern.source)” 取消了\(all) fire 示例（如 “\(firing[0])”）",
                hint: "收窄这个例外：用 before/after 紧贴匹配、写更长的模式，或换成更小的范围（sentence 代替 text）；也检查 fire 示例是否写错"))
        }
        return problems
    }

    // MARK: - Approved wording

    /// Suggestions, approved lines and scenario steps that the book itself flags.
    static func wordingProblems(_ book: Phrasebook, analyzer: Analyzer, map: BookSourceMap,
                                isOwn: (SourceLocation) -> Bool) -> [BookProblem] {
        var problems: [BookProblem] = []
        func check(_ text: String, at location: SourceLocation, kind: BookProblem.Kind, what: String) {
            guard !text.isEmpty, isOwn(location) else { return }
            for f in analyzer.analyze(text) {
                problems.append(BookProblem(
                    kind, f.severity == .info ? .warning : .error, at: location,
                    "\(what)触发了规则 “\(f.ruleID)”（\(f.category.chineseName)，匹配 “\(f.match)”）：\(text)",
                    hint: "改写这句话术；如果它其实合规，就给规则 “\(f.ruleID)” 加一个例外，并把这句加进它的 examples.pass"))
            }
        }
        for rule in book.rules {
            let parts = map.rule(rule)
            for (s, suggestion) in rule.suggestions.enumerated() where suggestion.lineID == nil {
                // An override that replaced the suggestions is where they were written.
                let at = rule.overrides.last ?? BookSourceMap.RuleParts.at(parts.suggestions, s, or: rule.location)
                check(suggestion.text, at: at, kind: .suggestionFires, what: "规则 “\(rule.id)” 的建议")
            }
        }
        for line in book.lines {
            check(line.text, at: map.lineTexts[line.location] ?? line.location, kind: .lineFires, what: "规范话术 “\(line.id)”")
        }
        for scenario in book.scenarios {
            for step in scenario.steps {
                check(step.text, at: step.location, kind: .stepFires, what: "场景 “\(scenario.id)” 的步骤 “\(step.label)”")
            }
        }
        return problems
    }
}
