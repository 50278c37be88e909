import Dispatch
import Foundation

/// Rules, approved lines and scenarios loaded from one or more YAML files.
public struct Phrasebook: Sendable {
    public var rules: [Rule] = []
    public var lines: [ApprovedLine] = []
    public var scenarios: [Scenario] = []
    /// Named cue lists (apology, empathy, greeting, complaint …) that reply-shape
    /// and call checks look for; books add patterns to a cue by naming it again.
    public var cues: [String: [Pattern]] = [:]
    /// How calls are scored (`scoring:`); later books override earlier ones key by key.
    public var scoring = ScoringPolicy()
    /// The files this book was read from, in load order.
    public var files: [String] = []

    /// Layering notes (disabled rules and categories) for `book show --resolved`.
    public var provenance: [String] = []
    /// What this file says about the books it extends (set by the parser).
    var layer = Layer()
    /// The `scoring:` keys this book itself sets (so merging overrides only those).
    var scoringOverrides = ScoringOverrides()

    public init() {}

    /// Reads a phrasebook file, or every `.yaml`/`.yml` file under a directory
    /// (sorted by path), and validates the result.
    public static func load(contentsOf path: String) throws -> Phrasebook {
        try load(paths: [path])
    }

    /// Reads several phrasebooks as one book (later files add to earlier ones).
    /// A file that `extends:` another book loads it first (once, however many
    /// files name it), then applies its `disable:` and `override:` and adds its
    /// own entries.
    public static func load(paths: [String]) throws -> Phrasebook {
        var loader = LayeredLoader()
        // Build the character folding on another core while YAML is parsed.
        DispatchQueue.global().async { _ = CharacterFolding.shared }
        for path in paths {
            let files = PhrasebookFiles.list(path, errors: &loader.errors)
            loader.preparse(files)
            for file in files { loader.load(file, stack: []) }
        }
        var book = loader.book
        loader.errors.append(contentsOf: book.resolveReferences())
        if !loader.errors.isEmpty { throw PhrasebookLoadError(errors: loader.errors) }
        return book
    }

    /// Parses YAML text as a complete phrasebook (useful in tests and tools).
    public static func parse(yaml: String, file: String = "<memory>") throws -> Phrasebook {
        var book = try PhrasebookParser.parse(yaml: yaml, file: file)
        let errors = book.resolveReferences()
        if !errors.isEmpty { throw PhrasebookLoadError(errors: errors) }
        return book
    }

    /// The default zh-CN phrasebook that ships inside the package.
    public static func builtIn() throws -> Phrasebook {
        guard let directory = BuiltInPhrasebook.directory() else {
            throw PhrasebookLoadError(errors: [PhrasebookError(
                "找不到内置话术库（huashu_DefaultPhrasebook.resources）。请与 huashu 可执行文件放在一起，或用 --no-default --phrasebook 指定话术库。",
                at: SourceLocation(file: "<built-in>", line: 0, column: 0))])
        }
        return try load(contentsOf: directory)
    }

    /// Where the built-in phrasebook's files are, if they can be found.
    public static var builtInDirectory: String? { BuiltInPhrasebook.directory() }

    /// Adds another book's entries after this one's.
    public mutating func append(_ other: Phrasebook) {
        rules += other.rules
        lines += other.lines
        scenarios += other.scenarios
        for (name, patterns) in other.cues { cues[name, default: []] += patterns }
        scoring.merge(other.scoringOverrides)
        files += other.files
    }

    /// The approved line with `id`.
    public func line(_ id: String) -> ApprovedLine? { lines.first { $0.id == id } }

    /// Fills in suggestions that refer to approved lines by id and reports
    /// duplicate ids and unknown references.
    mutating func resolveReferences() -> [PhrasebookError] {
        var errors: [PhrasebookError] = []
        var lineByID: [String: ApprovedLine] = [:]
        for line in lines {
            if let first = lineByID[line.id] {
                errors.append(PhrasebookError("话术 id “\(line.id)” 重复（首次定义于 \(first.location)）", at: line.location))
            } else {
                lineByID[line.id] = line
            }
        }
        var ruleIDs: [String: SourceLocation] = [:]
        for (r, rule) in rules.enumerated() {
            if let first = ruleIDs[rule.id] {
                errors.append(PhrasebookError("规则 id “\(rule.id)” 重复（首次定义于 \(first)）", at: rule.location))
            } else {
                ruleIDs[rule.id] = rule.location
            }
            for (s, suggestion) in rule.suggestions.enumerated() {
                guard let id = suggestion.lineID, suggestion.text.isEmpty else { continue }
                if let line = lineByID[id] {
                    rules[r].suggestions[s].text = line.text
                    if rules[r].suggestions[s].tag == nil { rules[r].suggestions[s].tag = line.tags.first }
                } else {
                    errors.append(PhrasebookError("规则 “\(rule.id)” 引用了不存在的话术 “\(id)”", at: rule.location))
                }
            }
        }
        var scenarioIDs: Set<String> = []
        for scenario in scenarios where !scenarioIDs.insert(scenario.id).inserted {
            errors.append(PhrasebookError("场景 id “\(scenario.id)” 重复", at: scenario.location))
        }
        return errors
    }
}

/// Lists phrasebook files under a path.
enum PhrasebookFiles {
    static func list(_ path: String, errors: inout [PhrasebookError]) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            errors.append(PhrasebookError("话术库不存在", at: SourceLocation(file: path, line: 0, column: 0)))
            return []
        }
        guard isDirectory.boolValue else { return [path] }
        let base = URL(fileURLWithPath: path)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        var files: [String] = []
        for case let url as URL in walker where ["yaml", "yml"].contains(url.pathExtension.lowercased()) {
            files.append(url.path)
        }
        if files.isEmpty {
            errors.append(PhrasebookError("目录中没有 .yaml 话术库文件", at: SourceLocation(file: path, line: 0, column: 0)))
        }
        return files.sorted()
    }
}

/// Finds the resource directory of the built-in phrasebook without trapping
/// when it is missing (SwiftPM's generated `Bundle.module` would).
enum BuiltInPhrasebook {
    static let bundleName = "huashu_DefaultPhrasebook.resources"

    static func directory() -> String? {
        // Tried in order, each worked out only when the ones before are missing.
        let candidates: [() -> String?] = [
            { ProcessInfo.processInfo.environment["HUASHU_BUILTIN_PHRASEBOOK"] },
            {
                let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
                return executable.appendingPathComponent(bundleName).appendingPathComponent("zh-CN").path
            },
            { Bundle.main.bundleURL.appendingPathComponent(bundleName).appendingPathComponent("zh-CN").path },
            {
                // A build from a source checkout: the phrasebooks folder itself.
                URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("phrasebooks/zh-CN").path
            },
        ]
        for candidate in candidates {
            if let path = candidate(), FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }
}

/// Loads files with their parents first, detecting cycles and missing parents.
struct LayeredLoader {
    var book = Phrasebook()
    var errors: [PhrasebookError] = []
    private var loaded: Set<String> = []
    /// Files parsed ahead of time, in parallel.
    private var parsed: [String: Result<Phrasebook, Error>] = [:]

    /// Parses `files` concurrently (parsing is pure; applying layers stays in order).
    mutating func preparse(_ files: [String]) {
        guard files.count > 1 else { return }
        let results = ConcurrentSlots<Result<Phrasebook, Error>>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            results.set(i, Result { try PhrasebookParser.parse(fileAt: files[i]) })
        }
        for (f, result) in zip(files, results.values) { parsed[f] = result }
    }

    mutating func load(_ file: String, stack: [String]) {
        let key = URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath().path
        if loaded.contains(key) { return }
        if stack.contains(key) {
            let chain = (stack + [key]).map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: " → ")
            errors.append(PhrasebookError("extends 形成循环：\(chain)", at: SourceLocation(file: file, line: 1, column: 1)))
            return
        }
        let part: Phrasebook
        do {
            part = try (parsed.removeValue(forKey: file) ?? Result { try PhrasebookParser.parse(fileAt: file) }).get()
        } catch let error as PhrasebookLoadError {
            errors.append(contentsOf: error.errors)
            loaded.insert(key)
            return
        } catch {
            errors.append(PhrasebookError("\(error)", at: SourceLocation(file: file, line: 0, column: 0)))
            return
        }
        for parent in part.layer.extends {
            guard let path = Self.resolve(parent.path, relativeTo: file) else {
                errors.append(PhrasebookError("extends 的话术库 “\(parent.path)” 不存在", at: parent.location))
                continue
            }
            for f in PhrasebookFiles.list(path, errors: &errors) { load(f, stack: stack + [key]) }
        }
        loaded.insert(key)
        book.apply(part.layer, errors: &errors)
        book.append(part)
    }

    static func resolve(_ parent: String, relativeTo file: String) -> String? {
        if parent == "builtin" || parent == "default" { return BuiltInPhrasebook.directory() }
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        let url = parent.hasPrefix("/") ? URL(fileURLWithPath: parent) : base.appendingPathComponent(parent)
        return FileManager.default.fileExists(atPath: url.path) ? url.path : nil
    }
}
