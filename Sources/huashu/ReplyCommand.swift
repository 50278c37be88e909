import ArgumentParser
import Foundation
import Huashu

struct ReplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply",
        abstract: "根据情况描述找到最合适的场景，给出分步骤的规范答复。",
        discussion: """
        例：huashu reply "客户没带身份证要取钱，很着急"
            huashu reply "大额取款没有预约" --fill 时间=明天上午10点
        找不到合适场景时不会编造答复，只列出最接近的场景（退出状态 1）。
        """
    )

    @Argument(help: ArgumentHelp("用自己的话描述的情况。", valueName: "situation"))
    var situation: String

    @Option(help: ArgumentHelp("填写槽位，如 时间=下午4点（可重复）。", valueName: "槽位=值"))
    var fill: [String] = []

    @Option(help: "输出格式：text 或 json。")
    var format: OutputFormat = .text

    @OptionGroup var books: PhrasebookOptions

    func run() throws {
        let book = try books.load()
        var values: [String: String] = [:]
        for f in fill {
            guard let eq = f.firstIndex(of: "="), eq != f.startIndex else { throw UserError("--fill 的格式应为 槽位=值，例如 时间=下午4点（收到：\(f)）") }
            values[String(f[..<eq])] = String(f[f.index(after: eq)...])
        }
        guard !situation.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw UserError("请描述情况，例如：huashu reply \"客户没带身份证\"") }
        let ranked = ScenarioFinder(scenarios: book.scenarios).rank(situation, limit: 3)
        let found = (ranked.first?.score ?? 0) >= ScenarioFinder.threshold
        if format == .text {
            if !found {
                Output.line("没有找到与“\(situation)”匹配的场景。最接近的场景：")
                for m in ranked { Output.line(String(format: "  %.2f  %@  [%@]", m.score, m.scenario.title, m.scenario.id)) }
            } else {
                let best = ranked[0]
                Output.line("场景：\(best.scenario.title)（技巧：\(best.scenario.technique)）")
                for (i, step) in best.scenario.steps.enumerated() {
                    Output.line("  \(i + 1). 【\(step.label)】\(ScenarioFinder.fill(step.text, with: values))")
                }
                let open = best.scenario.steps.flatMap { ScenarioFinder.slots(in: ScenarioFinder.fill($0.text, with: values)) }
                if !open.isEmpty { Output.line("待填写：" + Array(NSOrderedSet(array: open)).compactMap { $0 as? String }.map { "{\($0)}" }.joined(separator: " ")) }
                Output.line("候选场景：")
                for m in ranked { Output.line(String(format: "  %.2f  %@  [%@]", m.score, m.scenario.title, m.scenario.id)) }
            }
        } else {
            func scenario(_ m: ScenarioFinder.Match, steps: Bool) -> JSON.Value {
                var pairs: [(String, JSON.Value)] = [("id", .string(m.scenario.id)), ("title", .string(m.scenario.title)),
                                                     ("technique", .string(m.scenario.technique)), ("score", .double((m.score * 1000).rounded() / 1000))]
                if steps {
                    pairs.append(("steps", .array(m.scenario.steps.map {
                        .object([("label", .string($0.label)), ("tag", $0.tag.map { .string($0) } ?? .null), ("text", .string(ScenarioFinder.fill($0.text, with: values)))])
                    })))
                }
                return .object(pairs)
            }
            Output.line(JSON.Value.object([
                ("situation", .string(situation)), ("found", .bool(found)),
                ("scenario", found ? scenario(ranked[0], steps: true) : .null),
                ("candidates", .array(ranked.map { scenario($0, steps: false) })),
            ]).text)
        }
        Output.flush()
        if !found { throw ExitCode(1) }
    }
}
