import XCTest
@testable import Huashu

/// The content bar of the built-in zh-CN phrasebook: enough rules per category,
/// each with suggestions and examples; enough approved lines in every family
/// and technique; scenarios for every handbook situation; and no approved
/// wording that the book itself would flag.
final class BuiltInContentTests: XCTestCase {
    static let minimumRulesPerCategory = 8
    static let minimumApprovedLines = 120

    /// Plausible values for the `{槽位}` a teller fills in; any other slot gets 具体内容.
    static let slotValues = ["客户称呼": "王先生", "时间": "下午4点", "网点": "人民路支行", "金额": "5万元", "电话": "95588"]

    static func filled(_ text: String) -> String {
        var values = slotValues
        for slot in ScenarioFinder.slots(in: text) where values[slot] == nil { values[slot] = "具体内容" }
        return ScenarioFinder.fill(text, with: values)
    }

    private func builtIn(file: StaticString = #filePath, line: UInt = #line) throws -> Phrasebook {
        do {
            return try Phrasebook.builtIn()
        } catch {
            XCTFail("the built-in phrasebook does not load:\n\(error)", file: file, line: line)
            throw error
        }
    }

    // MARK: Rules

    func testEveryCategoryHasAtLeastEightDistinctRulesAndTheTableIsPrinted() throws {
        let book = try builtIn()
        let byCategory = Dictionary(grouping: book.rules, by: \.category)
        var table = "内置话术库：每类规则数（最少 \(Self.minimumRulesPerCategory) 条）\n"
        table += "category         中文        rules  status\n"
        for category in Category.ruleCategories {
            let count = Set((byCategory[category] ?? []).map(\.id)).count
            let status = count >= Self.minimumRulesPerCategory ? "ok" : "BELOW MINIMUM"
            table += category.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0)
                + category.chineseName.padding(toLength: 8, withPad: "　", startingAt: 0)
                + String(count).leftPadded(to: 6) + "  " + status + "\n"
        }
        table += "total            " + "".padding(toLength: 8, withPad: "　", startingAt: 0) + String(book.rules.count).leftPadded(to: 6) + "\n"
        print(table)
        for category in Category.ruleCategories {
            let count = Set((byCategory[category] ?? []).map(\.id)).count
            XCTAssertGreaterThanOrEqual(count, Self.minimumRulesPerCategory,
                                        "category \(category.rawValue)（\(category.chineseName)）has only \(count) distinct rules, needs at least \(Self.minimumRulesPerCategory)")
        }
        XCTAssertTrue(byCategory[.structure] == nil, "no phrase rule may use the structure category")
    }

    func testEveryRuleHasTwoSuggestionsTwoFireAndTwoPassExamplesAndAChineseMessage() throws {
        let book = try builtIn()
        var problems: [String] = []
        for rule in book.rules {
            let suggestions = rule.suggestions.filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }
            if suggestions.count < 2 { problems.append("\(rule.location) \(rule.id): \(suggestions.count) suggestions (needs ≥2)") }
            if Set(rule.examples.fire).count < 2 { problems.append("\(rule.location) \(rule.id): \(rule.examples.fire.count) fire examples (needs ≥2)") }
            if Set(rule.examples.pass).count < 2 { problems.append("\(rule.location) \(rule.id): \(rule.examples.pass.count) pass examples (needs ≥2)") }
            let message = rule.message.trimmingCharacters(in: .whitespacesAndNewlines)
            if message.isEmpty {
                problems.append("\(rule.location) \(rule.id): empty message")
            } else if !message.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) {
                problems.append("\(rule.location) \(rule.id): message is not Chinese: \(message)")
            }
        }
        XCTAssertTrue(problems.isEmpty, "\(problems.count) rules fall short of the content bar:\n" + problems.joined(separator: "\n"))
    }

    // MARK: Approved lines

    func testThereAreAtLeast120ApprovedLinesAndEveryFamilyAndTechniqueHasSome() throws {
        let book = try builtIn()
        XCTAssertGreaterThanOrEqual(book.lines.count, Self.minimumApprovedLines,
                                    "only \(book.lines.count) approved lines, needs at least \(Self.minimumApprovedLines)")
        XCTAssertEqual(Set(book.lines.map(\.id)).count, book.lines.count, "approved line ids must be unique")
        let families = ["greeting", "thanks", "apology", "empathy", "listening", "inquiry",
                        "ownership", "commitment", "alternative", "wait", "closing"]
        let techniques = ["3f", "sandwich", "taichi", "understanding", "inquiry"]
        var counts = "approved lines per tag:\n"
        for tag in families + techniques {
            let n = book.lines.filter { $0.tags.contains(tag) }.count
            counts += "  \(tag.padding(toLength: 14, withPad: " ", startingAt: 0)) \(n)\n"
            XCTAssertGreaterThan(n, 0, "no approved line is tagged \(tag)")
        }
        print(counts)
        let unknown = book.lines.filter { !Set($0.tags).isSubset(of: WordingTag.all) || $0.tags.isEmpty }
        XCTAssertTrue(unknown.isEmpty, "lines with unknown or no tags:\n" + unknown.map { "\($0.location) \($0.id): \($0.tags)" }.joined(separator: "\n"))
    }

    // MARK: Approved wording is clean

    func testEveryApprovedLineSuggestionAndScenarioStepPassesTheBuiltInBookClean() throws {
        let book = try builtIn()
        let analyzer = try Analyzer(phrasebook: book)
        var offenders: [String] = []
        func judge(_ what: String, _ text: String) {
            let filled = Self.filled(text)
            let findings = analyzer.analyze(filled)
            guard !findings.isEmpty else { return }
            let fired = findings.map { "\($0.ruleID) “\($0.match)”" }.joined(separator: ", ")
            offenders.append("\(what): \(filled)\n    → \(fired)")
        }
        for line in book.lines { judge("line \(line.id) (\(line.location))", line.text) }
        for rule in book.rules {
            for (i, s) in rule.suggestions.enumerated() { judge("suggestion \(i + 1) of \(rule.id) (\(rule.location))", s.text) }
        }
        for scenario in book.scenarios {
            for (i, step) in scenario.steps.enumerated() {
                judge("scenario \(scenario.id) step \(i + 1)【\(step.label)】(\(step.location))", step.text)
            }
        }
        XCTAssertTrue(offenders.isEmpty, "\(offenders.count) pieces of approved wording are flagged by the built-in book:\n" + offenders.joined(separator: "\n"))
    }

    func testSlotFillingUsesPlausibleValues() {
        XCTAssertEqual(Self.filled("{客户称呼}，请在{时间}前到{网点}，带上{金额}，或打{电话}，{窗口}号窗口。"),
                       "王先生，请在下午4点前到人民路支行，带上5万元，或打95588，具体内容号窗口。")
    }

    // MARK: Scenarios

    /// Handbook situations and the words that identify their scenario (title or keywords).
    static let requiredSituations: [(name: String, words: [String])] = [
        ("客户未携带身份证", ["身份证"]),
        ("插队", ["插队"]),
        ("大额取款", ["大额取款"]),
        ("兑换零钱", ["零钱"]),
        ("自动预约转存", ["自动预约转存", "转存"]),
        ("提前支取", ["提前支取"]),
        ("回单丢失", ["回单"]),
        ("理财亏损", ["理财亏损"]),
        ("设备故障", ["设备故障", "机器"]),
        ("网点内吸烟", ["吸烟"]),
        ("只为泡茶饮水", ["泡茶", "饮水"]),
        ("电话保持", ["电话保持", "稍候"]),
        ("电话转接", ["转接"]),
        ("电话回电", ["回电"]),
    ]

    func testEveryHandbookSituationAndPhoneStepHasAScenario() throws {
        let book = try builtIn()
        var missing: [String] = []
        for (name, words) in Self.requiredSituations {
            let hit = book.scenarios.first { s in
                words.contains { w in s.title.contains(w) || s.keywords.contains { $0.contains(w) } }
            }
            if hit == nil { missing.append("\(name) (title or keyword containing \(words.joined(separator: " or ")))") }
        }
        XCTAssertTrue(missing.isEmpty, "no scenario for:\n" + missing.joined(separator: "\n"))
    }

    func testEveryScenarioUsesAKnownTechniqueAndHasAtLeastTwoSteps() throws {
        let book = try builtIn()
        XCTAssertFalse(book.scenarios.isEmpty)
        var problems: [String] = []
        for s in book.scenarios {
            if !WordingTag.techniques.contains(s.technique) { problems.append("\(s.location) \(s.id): unknown technique “\(s.technique)”") }
            if s.steps.count < 2 { problems.append("\(s.location) \(s.id): only \(s.steps.count) step(s)") }
            if s.title.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("\(s.location) \(s.id): empty title") }
            for step in s.steps where step.label.isEmpty || step.text.isEmpty {
                problems.append("\(step.location) \(s.id): a step without label or text")
            }
            for step in s.steps { if let tag = step.tag, !WordingTag.all.contains(tag) { problems.append("\(step.location) \(s.id): unknown step tag \(tag)") } }
        }
        XCTAssertTrue(problems.isEmpty, problems.joined(separator: "\n"))
        XCTAssertEqual(Set(book.scenarios.map(\.id)).count, book.scenarios.count, "scenario ids must be unique")
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
