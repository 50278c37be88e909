import Foundation
import XCTest
@testable import Huashu

/// Small, self-contained phrasebooks written in the tests themselves.
enum TestBook {
    /// A YAML single-quoted scalar (backslashes and `|` need no escaping there).
    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

    /// One rule as YAML, indented for a `rules:` list.
    static func rule(
        _ id: String,
        category: String = "refusal",
        severity: String = "warning",
        message: String = "测试规则",
        patterns: [String],
        exceptions: [(scope: String, pattern: String)] = [],
        boundary: String? = nil,
        inQuotes: Bool? = nil
    ) -> String {
        var y = """
          - id: \(id)
            category: \(category)
            severity: \(severity)
            message: \(message)
            patterns:

        """
        for p in patterns { y += "      - \(quote(p))\n" }
        if !exceptions.isEmpty {
            y += "    exceptions:\n"
            for e in exceptions { y += "      - \(e.scope): \(quote(e.pattern))\n" }
        }
        if let boundary { y += "    boundary: \(boundary)\n" }
        if let inQuotes { y += "    in_quotes: \(inQuotes)\n" }
        return y
    }

    static func book(_ rules: String...) -> String { "rules:\n" + rules.joined() }

    static func analyzer(_ yaml: String) throws -> Analyzer {
        try Analyzer(phrasebook: try Phrasebook.parse(yaml: yaml))
    }
}

extension Analyzer {
    /// The matched texts, in order.
    func matches(_ text: String) -> [String] { analyze(text).map(\.match) }
    /// Whether rule `id` fires on `text`.
    func fires(_ id: String, on text: String) -> Bool { analyze(text).contains { $0.ruleID == id } }
}

/// Files under Tests/HuashuTests/Fixtures and scratch directories for the core tests.
enum CoreFixture {
    /// The path of a file or folder under Tests/HuashuTests/Fixtures.
    static func path(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let base = try XCTUnwrap(Bundle.module.resourceURL, "the test bundle has no resources", file: file, line: line)
        let url = base.appendingPathComponent("Fixtures").appendingPathComponent(name)
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path), "missing fixture \(url.path)", file: file, line: line)
        return url.path
    }

    /// A fresh temporary directory, removed when the test ends.
    static func temporaryDirectory(_ testCase: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("huashu-core-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        testCase.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
