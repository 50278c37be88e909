import Dispatch
import Foundation

/// One text of a coverage corpus, with where it came from.
public struct CorpusText: Sendable {
    /// The JSONL record's `id`, or `file:line`.
    public var id: String
    public var text: String
}

/// A corpus, book or file the book tools could not read or write; the message is for people.
public struct BookError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// Reads the drafts `huashu book coverage` runs over: in a `.jsonl`/`.ndjson`
/// file each line is `{"id", "text"}` (a record with `turns` contributes its
/// staff turns); in any other file each non-empty line is a text. A directory
/// is read recursively (`.txt`, `.text`, `.md`, `.jsonl`, `.ndjson`; hidden
/// entries skipped), in path order.
public enum BookCorpus {
    static let textExtensions: Set<String> = ["txt", "text", "md"]
    static let jsonlExtensions: Set<String> = ["jsonl", "ndjson"]

    /// The texts under `path`. Throws when the path cannot be read at all;
    /// bad JSON lines are returned in `errors` and skipped.
    public static func texts(at path: String) throws -> (texts: [CorpusText], errors: [BookError]) {
        var texts: [CorpusText] = []
        var errors: [BookError] = []
        for file in try files(at: path) {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw BookError(description: "\(file): 无法读取文件")
            }
            guard case .valid(let content) = UTF8Validation.validate(data) else {
                throw BookError(description: "\(file): 不是有效的 UTF-8")
            }
            let jsonl = jsonlExtensions.contains(URL(fileURLWithPath: file).pathExtension.lowercased())
            for (n, raw) in content.crlfAwareLines.enumerated() {
                let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if line.isEmpty { continue }
                let here = "\(file):\(n + 1)"
                guard jsonl else { texts.append(CorpusText(id: here, text: line)); continue }
                guard let value = try? JSON.parse(line.utf8), case .object = value else {
                    errors.append(BookError(description: "\(here): 不是 JSON 对象"))
                    continue
                }
                let id = value["id"].map { $0.stringValue ?? $0.text } ?? here
                if let text = value["text"]?.stringValue {
                    texts.append(CorpusText(id: id, text: text))
                } else if case .array(let turns)? = value["turns"] {
                    for (t, turn) in turns.enumerated() {
                        guard let text = turn["text"]?.stringValue,
                              SpeakerRoles.default.role(of: turn["speaker"]?.stringValue ?? "") != .customer else { continue }
                        texts.append(CorpusText(id: "\(id)#\(t + 1)", text: text))
                    }
                } else {
                    errors.append(BookError(description: "\(here): 缺少字符串字段 \"text\"（或 \"turns\"）"))
                }
            }
        }
        return (texts, errors)
    }

    /// The corpus files under `path` (the file itself, or a directory's known files).
    public static func files(at path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BookError(description: "\(path): 文件或目录不存在")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let walker = FileManager.default.enumerator(at: URL(fileURLWithPath: path), includingPropertiesForKeys: nil,
                                                          options: [.skipsHiddenFiles]) else {
            throw BookError(description: "\(path): 无法列出目录")
        }
        var out: [String] = []
        for case let url as URL in walker {
            let ext = url.pathExtension.lowercased()
            if textExtensions.contains(ext) || jsonlExtensions.contains(ext) { out.append(url.path) }
        }
        if out.isEmpty { throw BookError(description: "\(path): 目录中没有 .txt 或 .jsonl 语料文件") }
        return out.sorted()
    }
}

/// How often each rule fires over a corpus, for `huashu book coverage`.
public struct BookCoverage: Sendable {
    public struct RuleCoverage: Sendable {
        public var ruleID: String
        public var category: Category
        /// Findings of the rule over the corpus.
        public var hits: Int
        /// Texts with at least one finding of the rule.
        public var texts: Int
        /// The most frequent matched texts (as written), most frequent first.
        public var top: [(match: String, count: Int)]
    }

    /// Texts analysed.
    public var texts = 0
    /// Texts with at least one finding.
    public var textsWithFindings = 0
    /// Every rule of the book, in book order (rules that never fired have `hits == 0`).
    public var rules: [RuleCoverage] = []
    public var neverFired: [String] { rules.filter { $0.hits == 0 }.map(\.ruleID) }

    /// Runs `analyzer` over `texts` (in parallel) and counts findings per rule,
    /// keeping the `top` most frequent matched texts of each.
    public init(analyzer: Analyzer, texts: [String], top: Int = 20) {
        let findings = Self.analyzeAll(texts, analyzer: analyzer)
        self.texts = texts.count
        textsWithFindings = findings.filter { !$0.isEmpty }.count
        var hits: [String: Int] = [:]
        var textCounts: [String: Int] = [:]
        var matches: [String: [String: Int]] = [:]
        for list in findings {
            for f in list {
                hits[f.ruleID, default: 0] += 1
                matches[f.ruleID, default: [:]][f.match, default: 0] += 1
            }
            for id in Set(list.map(\.ruleID)) { textCounts[id, default: 0] += 1 }
        }
        rules = analyzer.phrasebook.rules.map { rule in
            let counted = (matches[rule.id] ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            return RuleCoverage(ruleID: rule.id, category: rule.category, hits: hits[rule.id] ?? 0,
                                texts: textCounts[rule.id] ?? 0, top: counted.prefix(top).map { ($0.key, $0.value) })
        }
    }

    private static func analyzeAll(_ texts: [String], analyzer: Analyzer) -> [[Finding]] {
        let box = FindingsBox(count: texts.count)
        DispatchQueue.concurrentPerform(iterations: texts.count) { i in box.set(i, analyzer.analyze(texts[i])) }
        return box.values
    }
}

/// Slots written by concurrent workers, each index exactly once.
private final class FindingsBox: @unchecked Sendable {
    private var storage: [[Finding]]
    init(count: Int) { storage = Array(repeating: [], count: count) }
    func set(_ i: Int, _ value: [Finding]) { storage.withUnsafeMutableBufferPointer { $0[i] = value } }
    var values: [[Finding]] { storage }
}
