import ArgumentParser
import Huashu

struct BookShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "显示话术库由哪些文件组成；--resolved 显示生效的全部规则及其来源（extends、disable、override 之后）。"
    )

    @OptionGroup var source: BookSource

    @Flag(help: "列出生效的每条规则（id、类别、严重级别、说明、定义位置和 override 位置）以及被禁用的规则和类别。")
    var resolved = false

    @Option(help: "输出格式：text 或 json。")
    var format: BookFormat = .text

    func run() throws {
        let book = try source.load()
        let files = book.files.map { file in
            (path: BookDisplay.path(file), rules: book.rules.filter { $0.location.file == file }.count,
             lines: book.lines.filter { $0.location.file == file }.count,
             scenarios: book.scenarios.filter { $0.location.file == file }.count)
        }
        switch format {
        case .text:
            Output.line("话术库：\(files.count) 个文件，\(book.rules.count) 条规则，\(book.lines.count) 条话术，\(book.scenarios.count) 个场景")
            for f in files { Output.line("  \(f.path)  规则 \(f.rules)  话术 \(f.lines)  场景 \(f.scenarios)") }
            guard resolved else { break }
            Output.line("生效的规则（\(book.rules.count)）：")
            for rule in book.rules {
                Output.line("  \(rule.id)  [\(rule.category.rawValue) \(rule.category.chineseName) · \(rule.severity.rawValue)]  \(rule.message)")
                var origin = "    来自 \(BookDisplay.path(rule.location.file)):\(rule.location.line)"
                if !rule.overrides.isEmpty { origin += "；覆盖于 " + rule.overrides.map(BookDisplay.location).joined(separator: "、") }
                Output.line(origin)
            }
            Output.line("禁用（\(book.provenance.count)）：")
            for note in book.provenance { Output.line("  \(note)") }
        case .json:
            var pairs: [(String, JSON.Value)] = [
                ("files", .array(files.map {
                    .object([("path", .string($0.path)), ("rules", .int($0.rules)), ("lines", .int($0.lines)), ("scenarios", .int($0.scenarios))])
                })),
                ("counts", .object([("rules", .int(book.rules.count)), ("lines", .int(book.lines.count)), ("scenarios", .int(book.scenarios.count))])),
            ]
            if resolved {
                pairs.append(("rules", .array(book.rules.map { rule in
                    .object([
                        ("id", .string(rule.id)), ("category", .string(rule.category.rawValue)),
                        ("severity", .string(rule.severity.rawValue)), ("message", .string(rule.message)),
                        ("defined", .string("\(BookDisplay.path(rule.location.file)):\(rule.location.line)")),
                        ("overrides", BookDisplay.strings(rule.overrides.map(BookDisplay.location))),
                    ])
                })))
                pairs.append(("disabled", BookDisplay.strings(book.provenance)))
            }
            Output.line(JSON.Value.object(pairs).text)
        }
        Output.flush()
    }
}
