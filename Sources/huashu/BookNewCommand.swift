import ArgumentParser
import Huashu

struct BookNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "新建本行话术库：NAME/book.yaml（或 NAME.yaml），继承内置话术库，含一条带注释的规则、一条话术和一个场景。"
    )

    @Argument(help: ArgumentHelp("新话术库的目录名，或以 .yaml 结尾的文件名。", valueName: "name"))
    var name: String

    @Option(help: "输出格式：text 或 json。")
    var format: BookFormat = .text

    func run() throws {
        let file: String
        do { file = try BookTemplate.create(at: name) } catch let e as BookError { throw UserError(e.description) }
        switch format {
        case .text:
            Output.line("已创建 \(file)")
            Output.line("下一步：编辑它，然后运行")
            Output.line("  huashu book lint \(name)")
            Output.line("  huashu book test \(name)")
        case .json:
            Output.line(JSON.Value.object([("created", .string(file))]).text)
        }
        Output.flush()
    }
}
