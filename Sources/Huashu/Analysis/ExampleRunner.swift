/// Runs every rule's `examples` (texts that must and must not fire) against an
/// analyzer built from the whole book, as `huashu book test` and the test suite do.
public struct ExampleRunner: Sendable {
    public struct Failure: Sendable, CustomStringConvertible {
        public let ruleID: String
        public let location: SourceLocation
        public let example: String
        /// True when the example should have fired.
        public let expectedToFire: Bool
        /// Rule ids that did fire on the example.
        public let fired: [String]

        public var description: String {
            let expectation = expectedToFire ? "应触发 \(ruleID)，但没有触发" : "不应触发 \(ruleID)，但触发了"
            return "\(location): \(expectation)：\(example)\n    实际触发：\(fired.isEmpty ? "（无）" : fired.joined(separator: ", "))"
        }
    }

    public struct Report: Sendable {
        public var passed = 0
        public var failures: [Failure] = []
        public var total: Int { passed + failures.count }
    }

    public let analyzer: Analyzer

    public init(analyzer: Analyzer) { self.analyzer = analyzer }

    public func run(ruleIDs: Set<String>? = nil) -> Report {
        var report = Report()
        for rule in analyzer.phrasebook.rules where ruleIDs?.contains(rule.id) ?? true {
            for (examples, shouldFire) in [(rule.examples.fire, true), (rule.examples.pass, false)] {
                for example in examples {
                    let fired = analyzer.analyze(example).map(\.ruleID)
                    if fired.contains(rule.id) == shouldFire {
                        report.passed += 1
                    } else {
                        report.failures.append(Failure(ruleID: rule.id, location: rule.location, example: example,
                                                       expectedToFire: shouldFire, fired: fired))
                    }
                }
            }
        }
        return report
    }
}
