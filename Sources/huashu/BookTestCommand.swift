import ArgumentParser
import Huashu

struct BookTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "运行每条规则的 examples（fire 必须触发，pass 不得触发）。",
        discussion: """
        给出 PATH（或 --phrasebook）时只运行这些文件中定义的规则的示例，--all 连同继承的规则一起运行。
        最后一行总是 “N passed, N failed”。有失败时退出状态为 1，话术库有错误时为 2。
        """
    )

    @OptionGroup var source: BookSource

    @Option(help: "只测试这些规则 id（可重复）。")
    var rule: [String] = []

    @Flag(help: "也运行 extends 继承的规则的示例。")
    var all = false

    @Option(help: "输出格式：text 或 json。")
    var format: BookFormat = .text

    func run() throws {
        let analyzer = try source.analyzer()
        let known = Set(analyzer.phrasebook.rules.map(\.id))
        if let unknown = rule.first(where: { !known.contains($0) }) { throw UserError("话术库中没有规则 “\(unknown)”") }
        var ids: Set<String>? = rule.isEmpty ? nil : Set(rule)
        if ids == nil, !all, let own = source.ownPaths {
            let scope = BookScope(paths: own)
            ids = Set(analyzer.phrasebook.rules.filter { scope.contains($0.location) }.map(\.id))
        }
        let result = BookTestResult(analyzer: analyzer, ruleIDs: ids)
        switch format {
        case .text:
            for f in result.failures {
                let what = f.expectedToFire ? "fire 示例没有触发规则 “\(f.ruleID)”" : "pass 示例触发了规则 “\(f.ruleID)”"
                Output.line("\(BookDisplay.location(f.location)): 失败: \(what)")
                Output.line("    示例：\(f.example)")
                Output.line("    期望：\(f.expectedToFire ? "触发" : "不触发") \(f.ruleID)")
                let fired = f.fired.map { "\($0.ruleID)（“\($0.match)”，第\($0.column)列）" }
                Output.line("    实际：\(fired.isEmpty ? "没有触发任何规则" : "触发了 " + fired.joined(separator: "，"))")
            }
            Output.line("\(result.passed) passed, \(result.failures.count) failed")
        case .json:
            Output.line(JSON.Value.object([
                ("passed", .int(result.passed)), ("failed", .int(result.failures.count)),
                ("failures", .array(result.failures.map { f in
                    .object([
                        ("rule", .string(f.ruleID)), ("location", BookDisplay.json(f.location)),
                        ("example", .string(f.example)), ("expected", .string(f.expectedToFire ? "fire" : "pass")),
                        ("fired", .array(f.fired.map { .object([("rule", .string($0.ruleID)), ("match", .string($0.match))]) })),
                    ])
                })),
            ]).text)
        }
        Output.flush()
        if !result.failures.isEmpty { throw ExitCode(1) }
    }
}
