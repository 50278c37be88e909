/// `ExampleRunner` with what a trainer needs to fix a failing example: where the
/// example is written and the findings (rule and matched text) it produced.
public struct BookTestResult: Sendable {
    public struct Failure: Sendable {
        public var ruleID: String
        public var example: String
        /// True for a `fire` example that did not fire, false for a `pass` example that did.
        public var expectedToFire: Bool
        /// Where the example is written (the rule's location when it cannot be found).
        public var location: SourceLocation
        /// Everything the book found in the example.
        public var fired: [Finding]
    }

    public var passed = 0
    public var failures: [Failure] = []

    /// Runs the examples of the rules in `ruleIDs` (all when nil).
    public init(analyzer: Analyzer, ruleIDs: Set<String>? = nil) {
        let report = ExampleRunner(analyzer: analyzer).run(ruleIDs: ruleIDs)
        passed = report.passed
        guard !report.failures.isEmpty else { return }
        let map = BookSourceMap(files: analyzer.phrasebook.files)
        let rules = Dictionary(analyzer.phrasebook.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        failures = report.failures.map { f in
            var location = f.location
            if let rule = rules[f.ruleID] {
                let parts = map.rule(rule)
                let (list, where_) = f.expectedToFire ? (rule.examples.fire, parts.fire) : (rule.examples.pass, parts.pass)
                if let i = list.firstIndex(of: f.example) { location = BookSourceMap.RuleParts.at(where_, i, or: rule.location) }
            }
            return Failure(ruleID: f.ruleID, example: f.example, expectedToFire: f.expectedToFire,
                           location: location, fired: analyzer.analyze(f.example))
        }
    }
}
