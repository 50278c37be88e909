/// What a phrasebook holds, for `huashu book stats`: how rules spread over
/// categories and severities, lines over families and techniques, scenarios
/// over techniques, and what is missing (rules without examples, approved
/// lines no rule suggests).
public struct BookStats: Sendable {
    public var rules = 0
    public var lines = 0
    public var scenarios = 0
    /// Every rule category, in DOMAIN.md order, with how many rules carry it (zeros included).
    public var rulesByCategory: [(category: Category, count: Int)] = []
    public var rulesBySeverity: [(severity: Severity, count: Int)] = []
    /// Approved lines per family tag (zeros included).
    public var linesByFamily: [(tag: String, count: Int)] = []
    /// Approved lines per technique tag (zeros included).
    public var linesByTechnique: [(tag: String, count: Int)] = []
    public var scenariosByTechnique: [(tag: String, count: Int)] = []
    /// Ids of rules with no `fire` example.
    public var rulesWithoutExamples: [String] = []
    /// Ids of approved lines that no rule offers as a suggestion (by id or by text).
    public var unusedLines: [String] = []

    public init(_ book: Phrasebook) {
        rules = book.rules.count
        lines = book.lines.count
        scenarios = book.scenarios.count
        rulesByCategory = Category.ruleCategories.map { c in (c, book.rules.filter { $0.category == c }.count) }
        rulesBySeverity = Severity.allCases.reversed().map { s in (s, book.rules.filter { $0.severity == s }.count) }
        linesByFamily = WordingTag.families.map { t in (t, book.lines.filter { $0.tags.contains(t) }.count) }
        linesByTechnique = WordingTag.techniques.map { t in (t, book.lines.filter { $0.tags.contains(t) }.count) }
        scenariosByTechnique = WordingTag.techniques.map { t in (t, book.scenarios.filter { $0.technique == t }.count) }
        rulesWithoutExamples = book.rules.filter { $0.examples.fire.isEmpty }.map(\.id)
        let suggestions = book.rules.flatMap(\.suggestions)
        let usedIDs = Set(suggestions.compactMap(\.lineID))
        let usedTexts = Set(suggestions.map { Self.key($0.text) })
        unusedLines = book.lines.filter { !usedIDs.contains($0.id) && !usedTexts.contains(Self.key($0.text)) }.map(\.id)
    }

    /// Text compared after folding, without spaces.
    static func key(_ text: String) -> String {
        Tokenization.string(CharacterFolding.shared.fold(text).filter { $0 != 0x20 && $0 != 0x3000 })
    }
}
