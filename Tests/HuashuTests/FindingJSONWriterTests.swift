import XCTest
@testable import Huashu

/// `FindingJSONWriter` and `JSON.quote` write exactly what the `JSON.Value` path writes.
final class FindingJSONWriterTests: XCTestCase {
    /// Strings that exercise every escape and the bytes next to them.
    static let tricky: [String] = [
        "", "plain", "\"引号\" \\反斜杠\\ /斜杠", "tab\there\nnew\rline",
        String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }) + "\u{7F}",
        "行\u{2028}分隔\u{2029}段", "\u{2026}\u{2014}\u{2027}\u{202A}\u{20AC}", "表情😀👍🏽🇨🇳", "這是規定，沒辦法",
        "\u{2028}", "x\u{2029}", "\u{0}", "末尾\\",
    ]

    private func encoded(_ findings: [Finding], writer: inout FindingJSONWriter) -> String {
        var out: [UInt8] = []
        writer.write(findings, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func testQuoteMatchesTheEscapeTable() {
        for s in Self.tricky {
            var bytes: [UInt8] = []
            JSON.quote(s, into: &bytes)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), Self.reference(s), s.debugDescription)
        }
    }

    func testIntegersAreSpelledAsDescription() {
        for i in [0, 1, 9, 10, 99, 100, 12345, -1, -10, Int.max, Int.min] {
            var out: [UInt8] = []
            JSON.appendInt(i, into: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), String(i))
        }
    }

    func testFindingsMatchTheValueTreeWithEveryOptionalField() {
        var findings: [Finding] = []
        for (k, s) in Self.tricky.enumerated() {
            findings.append(Finding(ruleID: "rule.\(k % 3)\(s)", category: .refusal, severity: .warning, message: "消息\(s)",
                                    source: k % 2 == 0 ? "出处\(s)" : nil, match: s, start: k, end: k * 1000, line: k + 1,
                                    column: 7, suggestions: k % 4 == 0 ? [] : [s, "建议"], replacement: k % 3 == 0 ? "替换\(s)" : nil,
                                    step: k % 5 == 0 ? "步骤\(s)" : nil))
        }
        var writer = FindingJSONWriter()
        XCTAssertEqual(encoded(findings, writer: &writer), JSON.Value.array(findings.map(\.json)).text)
        // A second run through the same writer reuses its cached rule text.
        XCTAssertEqual(encoded(findings.reversed(), writer: &writer), JSON.Value.array(findings.reversed().map(\.json)).text)
    }

    func testRuleTextChangesUnderTheSameIDAreNotCached() {
        let base = Finding(ruleID: "structure.missing-apology", category: .structure, severity: .info, message: "缺少致歉",
                           match: "", start: 0, end: 0, line: 1, column: 1, suggestions: ["对不起"])
        var variants = [base]
        var f = base; f.message = "另一条消息"; variants.append(f)
        f = base; f.severity = .error; variants.append(f)
        f = base; f.category = .rude; variants.append(f)
        f = base; f.suggestions = ["对不起", "抱歉"]; variants.append(f)
        f = base; f.source = "手册"; variants.append(f)
        f = base; f.replacement = "您好"; variants.append(f)
        f = base; f.step = "apology"; variants.append(f)
        variants.append(base)
        var writer = FindingJSONWriter()
        for v in variants {
            XCTAssertEqual(encoded([v], writer: &writer), JSON.Value.array([v.json]).text)
        }
    }

    func testFindingsOfTheDefaultBookMatchTheValueTree() throws {
        let analyzer = try Analyzer(phrasebook: try Phrasebook.builtIn())
        let text = "这是规定，没办法。\"引号\"\t保本保息\u{2028}這是規定 😀 你自己看吧\n没办法"
        let findings = analyzer.analyze(text)
        XCTAssertFalse(findings.isEmpty)
        var writer = FindingJSONWriter()
        XCTAssertEqual(encoded(findings + findings, writer: &writer), JSON.Value.array((findings + findings).map(\.json)).text)
    }

    /// The escaping rules spelled out one character at a time.
    static func reference(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
