import ArgumentParser
import Huashu

struct BookStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "统计话术库：各类别、严重级别的规则数，各家族、技巧的话术数和场景数，没有示例的规则，没有被任何规则引用的话术。"
    )

    @OptionGroup var source: BookSource

    @Option(help: "输出格式：text 或 json。")
    var format: BookFormat = .text

    func run() throws {
        let stats = BookStats(try source.load())
        switch format {
        case .text:
            Output.line("规则 \(stats.rules) 条，话术 \(stats.lines) 条，场景 \(stats.scenarios) 个")
            Output.line("按类别：" + stats.rulesByCategory.map { "\($0.category.rawValue) \($0.count)" }.joined(separator: "，"))
            Output.line("按严重级别：" + stats.rulesBySeverity.map { "\($0.severity.rawValue) \($0.count)" }.joined(separator: "，"))
            Output.line("话术按家族：" + stats.linesByFamily.map { "\($0.tag) \($0.count)" }.joined(separator: "，"))
            Output.line("话术按技巧：" + stats.linesByTechnique.map { "\($0.tag) \($0.count)" }.joined(separator: "，"))
            Output.line("场景按技巧：" + stats.scenariosByTechnique.map { "\($0.tag) \($0.count)" }.joined(separator: "，"))
            Output.line("没有 fire 示例的规则（\(stats.rulesWithoutExamples.count)）：" + list(stats.rulesWithoutExamples))
            Output.line("没有被任何规则用作建议的话术（\(stats.unusedLines.count)）：" + list(stats.unusedLines))
        case .json:
            func counts(_ items: [(String, Int)]) -> JSON.Value { .object(items.map { ($0.0, .int($0.1)) }) }
            Output.line(JSON.Value.object([
                ("rules", .int(stats.rules)), ("lines", .int(stats.lines)), ("scenarios", .int(stats.scenarios)),
                ("rules_by_category", counts(stats.rulesByCategory.map { ($0.category.rawValue, $0.count) })),
                ("rules_by_severity", counts(stats.rulesBySeverity.map { ($0.severity.rawValue, $0.count) })),
                ("lines_by_family", counts(stats.linesByFamily.map { ($0.tag, $0.count) })),
                ("lines_by_technique", counts(stats.linesByTechnique.map { ($0.tag, $0.count) })),
                ("scenarios_by_technique", counts(stats.scenariosByTechnique.map { ($0.tag, $0.count) })),
                ("rules_without_examples", BookDisplay.strings(stats.rulesWithoutExamples)),
                ("unused_lines", BookDisplay.strings(stats.unusedLines)),
            ]).text)
        }
        Output.flush()
    }

    private func list(_ ids: [String]) -> String { ids.isEmpty ? "无" : ids.joined(separator: ", ") }
}
