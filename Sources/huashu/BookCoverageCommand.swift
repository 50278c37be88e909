import ArgumentParser
import Huashu

struct BookCoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "在语料上运行话术库：每条规则触发多少次、哪些从未触发、每条规则最常匹配的文本。",
        discussion: """
        语料：纯文本文件每个非空行是一条文本；.jsonl 文件每行 {"id", "text"}（带 "turns" 的通话记录取坐席的每一句）。
        目录中的 .txt/.md/.jsonl/.ndjson 文件都会读取。
        """
    )

    @OptionGroup var source: BookSource

    @Option(help: ArgumentHelp("语料文件或目录。", valueName: "file-or-dir"))
    var corpus: String

    @Option(help: "每条规则列出最常匹配的前几个文本。")
    var top = 20

    @Option(help: "输出格式：text 或 json。")
    var format: BookFormat = .text

    func run() throws {
        let analyzer = try source.analyzer()
        let read: (texts: [CorpusText], errors: [BookError])
        do { read = try BookCorpus.texts(at: corpus) } catch let e as BookError { throw UserError(e.description) }
        for e in read.errors { Output.error("huashu: \(e.description)（已跳过）") }
        let coverage = BookCoverage(analyzer: analyzer, texts: read.texts.map(\.text), top: top)
        let fired = coverage.rules.filter { $0.hits > 0 }.sorted { $0.hits > $1.hits }
        switch format {
        case .text:
            Output.line("语料：\(coverage.texts) 条文本，其中 \(coverage.textsWithFindings) 条有问题")
            Output.line("触发的规则（\(fired.count)/\(coverage.rules.count)）：")
            for r in fired {
                Output.line("  \(r.ruleID)  \(r.hits) 次（\(r.texts) 条文本）")
                Output.line("    " + r.top.map { "\($0.match) ×\($0.count)" }.joined(separator: "，"))
            }
            Output.line("从未触发的规则（\(coverage.neverFired.count)）：" + (coverage.neverFired.isEmpty ? "无" : coverage.neverFired.joined(separator: ", ")))
        case .json:
            Output.line(JSON.Value.object([
                ("texts", .int(coverage.texts)), ("texts_with_findings", .int(coverage.textsWithFindings)),
                ("skipped", .int(read.errors.count)),
                ("rules", .array(coverage.rules.map { r in
                    .object([
                        ("rule", .string(r.ruleID)), ("category", .string(r.category.rawValue)),
                        ("hits", .int(r.hits)), ("texts", .int(r.texts)),
                        ("top", .array(r.top.map { .object([("match", .string($0.match)), ("count", .int($0.count))]) })),
                    ])
                })),
                ("never_fired", BookDisplay.strings(coverage.neverFired)),
            ]).text)
        }
        Output.flush()
        if !read.errors.isEmpty { throw ExitCode(2) }
    }
}
