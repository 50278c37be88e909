/// One problem found in a text, located in the ORIGINAL text.
public struct Finding: Sendable, Hashable {
    public var ruleID: String
    public var category: Category
    public var severity: Severity
    public var message: String
    /// The handbook clause or policy behind the rule.
    public var source: String?
    /// The matched text, as written.
    public var match: String
    /// Unicode-scalar offsets into the original text; `end` is exclusive.
    public var start: Int
    public var end: Int
    /// 1-based line and column (in Unicode scalars) of `start`.
    public var line: Int
    public var column: Int
    /// Approved alternatives, best first.
    public var suggestions: [String]
    /// Direct replacement for `check --fix`, when the rule has one.
    public var replacement: String?
    /// For `structure` findings: the missing or misplaced step.
    public var step: String?

    public init(ruleID: String, category: Category, severity: Severity, message: String, source: String? = nil,
                match: String, start: Int, end: Int, line: Int, column: Int, suggestions: [String] = [],
                replacement: String? = nil, step: String? = nil) {
        self.ruleID = ruleID
        self.category = category
        self.severity = severity
        self.message = message
        self.source = source
        self.match = match
        self.start = start
        self.end = end
        self.line = line
        self.column = column
        self.suggestions = suggestions
        self.replacement = replacement
        self.step = step
    }
}
