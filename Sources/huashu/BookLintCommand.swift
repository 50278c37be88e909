import ArgumentParser
import Huashu

struct BookLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "检查话术库：加载错误，以及重复的 id 和模式、落不到词边界的模式、取消全部示例的例外、本身触发规则的话术、没有示例的规则。",
        discussion: """
        每个问题一行 “文件:行:列: 错误|警告: 说明”，下一行是修改提示。
        只报告 PATH 中条目的问题（extends 的话术库只报告加载错误）。
        退出状态：0 没有错误（可能有警告），1 有错误，2 用法错误或话术库无法读取。
        """
    )

    @OptionGroup var source: BookSource

    @Option(help: "输出格式：text 或 json。")
    var format: BookFormat = .text

    func run() throws {
        try source.checkReadable()
        let report = BookLinter.lint(paths: try source.loadPaths(), own: source.ownPaths)
        switch format {
        case .text:
            for p in report.problems {
                Output.line("\(BookDisplay.location(p.location)): \(p.severity.chineseName): \(p.message)")
                Output.line("    提示：\(p.hint)")
            }
            Output.line("\(report.files.count) 个文件：\(report.errorCount) 个错误，\(report.warningCount) 个警告")
        case .json:
            Output.line(JSON.Value.object([
                ("files", BookDisplay.strings(report.files.map(BookDisplay.path))),
                ("errors", .int(report.errorCount)), ("warnings", .int(report.warningCount)),
                ("problems", .array(report.problems.map { p in
                    .object([
                        ("file", .string(BookDisplay.path(p.location.file))), ("line", .int(p.location.line)),
                        ("column", .int(p.location.column)), ("severity", .string(p.severity.rawValue)),
                        ("kind", .string(p.kind.rawValue)), ("message", .string(p.message)), ("hint", .string(p.hint)),
                    ])
                })),
            ]).text)
        }
        Output.flush()
        if report.errorCount > 0 { throw ExitCode(1) }
    }
}
