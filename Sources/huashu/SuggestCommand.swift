import ArgumentParser
import Foundation
import Huashu

struct SuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "列出规范话术：按标签、按技巧，或针对草稿中的每个问题给出排序后的替代说法。",
        discussion: """
        例：huashu suggest --tag empathy
            huashu suggest --technique 3f
            huashu suggest "你等一下，这个不归我管。"
        """
    )

    @Argument(help: ArgumentHelp("草稿文本或文件；省略且未给 --tag/--technique 时读取标准输入。", valueName: "draft"))
    var draft: String?

    @Option(help: "按话术家族列出（greeting、thanks、apology、empathy、listening、inquiry、ownership、commitment、alternative、wait、closing）。")
    var tag: String?

    @Option(help: "按技巧列出（3f、sandwich、taichi、understanding、inquiry）。")
    var technique: String?

    @Option(help: "每个问题最多列出几条。")
    var limit = 5

    @Option(help: "输出格式：text 或 json。")
    var format: OutputFormat = .text

    @OptionGroup var books: PhrasebookOptions

    func run() throws {
        let book = try books.load()
        let ranker = SuggestionRanker(phrasebook: book)
        if let name = tag ?? technique {
            guard WordingTag.all.contains(name) else {
                throw UserError("未知的标签 “\(name)”。家族：\(WordingTag.families.joined(separator: ", "))；技巧：\(WordingTag.techniques.joined(separator: ", "))")
            }
            let lines = ranker.lines(tagged: name)
            let scenarios = technique == nil ? [] : book.scenarios.filter { $0.technique == name }
            if format == .text {
                Output.line("【\(name)】\(lines.count) 条话术")
                for l in lines { Output.line("  \(l.text)    [\(l.id)]") }
                if !scenarios.isEmpty {
                    Output.line("使用该技巧的场景：")
                    for s in scenarios { Output.line("  \(s.title)    [\(s.id)]") }
                }
            } else {
                Output.line(JSON.Value.object([
                    ("tag", .string(name)),
                    ("lines", .array(lines.map { .object([("id", .string($0.id)), ("text", .string($0.text)), ("tags", .array($0.tags.map { .string($0) }))]) })),
                    ("scenarios", .array(scenarios.map { .string($0.id) })),
                ]).text)
            }
            Output.flush()
            return
        }
        let text: String
        if let draft { text = FileManager.default.fileExists(atPath: draft) ? try Input.readText(draft) : draft } else { text = try Input.readText("-") }
        let analyzer = try Analyzer(phrasebook: book)
        let findings = analyzer.analyze(text)
        var records: [JSON.Value] = []
        for f in findings {
            let ranked = ranker.rank(f, context: text, limit: limit)
            if format == .text {
                Output.line("第\(f.line)行第\(f.column)列 “\(f.match)”：\(f.message) [\(f.ruleID)]")
                for (i, r) in ranked.enumerated() { Output.line("  \(i + 1). \(r.text)\(r.tag.map { "  （\($0)）" } ?? "")") }
            } else {
                records.append(.object([
                    ("finding", f.json),
                    ("alternatives", .array(ranked.map { .object([("text", .string($0.text)), ("tag", $0.tag.map { .string($0) } ?? .null), ("origin", .string($0.origin)), ("score", .double(($0.score * 1000).rounded() / 1000))]) })),
                ]))
            }
        }
        if format == .text {
            if findings.isEmpty { Output.line("草稿中没有发现服务忌语。") }
        } else {
            Output.line(JSON.Value.array(records).text)
        }
        Output.flush()
    }
}
