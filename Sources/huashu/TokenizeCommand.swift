import ArgumentParser
import Foundation
import Huashu

struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "显示规范化后的文本和 ICU 分词、分句结果（用于调试模式）。"
    )

    @Argument(help: ArgumentHelp("文本，或文件路径；省略时读取标准输入。", valueName: "text-or-file"))
    var input: String?

    @Option(help: "输出格式：text 或 json。")
    var format: OutputFormat = .text

    func run() throws {
        let text: String
        if let input {
            text = FileManager.default.fileExists(atPath: input) ? try Input.readText(input) : input
        } else {
            text = try Input.readText("-")
        }
        let t = try Tokenization(text)
        switch format {
        case .text:
            Output.line("原文：\(text)")
            Output.line("规范化：\(t.normalized.folded)")
            Output.line("词（\(t.words.count)）：" + t.words.map(\.text).joined(separator: " | "))
            for (i, s) in t.sentences.enumerated() { Output.line("句\(i + 1)：\(s.text)") }
        case .json, .jsonl:
            func spans(_ items: [Tokenization.Segment]) -> JSON.Value {
                .array(items.map { .object([("text", .string($0.text)), ("start", .int($0.start)), ("end", .int($0.end)), ("kind", .string($0.kind))]) })
            }
            Output.line(JSON.Value.object([
                ("text", .string(text)), ("normalized", .string(t.normalized.folded)),
                ("words", spans(t.words)), ("sentences", spans(t.sentences)),
            ]).text)
        }
        Output.flush()
    }
}
