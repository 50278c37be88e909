import ArgumentParser
import Foundation
import Huashu

struct BookMineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mine",
        abstract: "从通话转写中挖掘候选规则：在客户投诉的通话（或投诉前一句）中异常常见、话术库尚未覆盖的坐席说法。",
        discussion: """
        语料：通话转写文件或目录（JSONL 每行 {"id", "turns": [{"speaker": "agent"|"customer", "text"}]}，
        以及 huashu 能读的其他转写格式）。投诉由话术库的 cues: complaint 判断。
        输出一段 YAML 规则草稿（类别待定），重定向到文件后编辑：huashu book mine --corpus calls/ > candidates.yaml
        """
    )

    @OptionGroup var source: BookSource

    @Option(help: ArgumentHelp("通话转写文件或目录。", valueName: "dir"))
    var corpus: String

    @Option(name: .customLong("min-count"), help: "候选至少出现在几句投诉相关的坐席话语中。")
    var minCount = 2

    @Option(name: .customLong("min-score"), help: "对数优势比 z 值的下限。")
    var minScore = 1.5

    @Option(help: "最多列出几条候选。")
    var limit = 20

    @Option(help: "输出格式：text（YAML 草稿）或 json。")
    var format: BookFormat = .text

    func run() throws {
        let analyzer = try source.analyzer()
        let list = TranscriptReader.files(under: corpus)
        if let e = list.errors.first { throw UserError(e.description) }
        var calls: [Call] = []
        var failed = 0
        let reader = TranscriptReader()
        for file in list.files {
            reader.read(file: file) { event in
                switch event {
                case .call(let call): calls.append(call)
                case .failed(let e): failed += 1; Output.error("huashu: \(e.description)（已跳过）")
                case .skipped: break
                }
            }
        }
        if calls.isEmpty { throw UserError("\(corpus): 没有读到通话") }
        var options = BookMiner.Options()
        options.minCount = minCount
        options.minScore = minScore
        options.limit = limit
        let miner: BookMiner
        do { miner = try BookMiner(analyzer: analyzer, options: options) } catch let e as BookError { throw UserError(e.description) }
        let report = miner.mine(calls)
        switch format {
        case .text:
            Output.write(report.yamlStub)
        case .json:
            Output.line(JSON.Value.object([
                ("calls", .int(report.calls)), ("complaint_calls", .int(report.complaintCalls)),
                ("complaint_turns", .int(report.complaintTurns)), ("before_complaint_turns", .int(report.beforeComplaintTurns)),
                ("other_turns", .int(report.otherTurns)),
                ("candidates", .array(report.candidates.map { c in
                    .object([
                        ("text", .string(c.text)), ("pattern", .string(c.pattern)), ("words", BookDisplay.strings(c.words)),
                        ("in_complaint_calls", .int(c.inComplaintCalls)), ("before_complaint", .int(c.beforeComplaint)),
                        ("in_other_calls", .int(c.inOtherCalls)), ("score", .double((c.score * 100).rounded() / 100)),
                        ("signal", .string(c.signal)),
                        ("examples", .array(c.examples.map { .object([("call", .string($0.call)), ("text", .string($0.text))]) })),
                    ])
                })),
            ]).text)
        }
        Output.flush()
        if failed > 0 { throw ExitCode(2) }
    }
}
