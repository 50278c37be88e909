import ArgumentParser
import Huashu

struct BookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book",
        abstract: "维护话术库：测试规则示例等。",
        subcommands: [BookTestCommand.self]
    )
}

struct BookTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "运行每条规则的 examples（fire 必须触发，pass 不得触发）。"
    )

    @OptionGroup var books: PhrasebookOptions

    @Option(help: "只测试这些规则 id（可重复）。")
    var rule: [String] = []

    func run() throws {
        let analyzer = try Analyzer(phrasebook: try books.load())
        let report = ExampleRunner(analyzer: analyzer).run(ruleIDs: rule.isEmpty ? nil : Set(rule))
        for f in report.failures { Output.line("失败 " + f.description) }
        Output.line("\(report.passed) passed, \(report.failures.count) failed")
        Output.flush()
        if !report.failures.isEmpty { throw ExitCode(1) }
    }
}
