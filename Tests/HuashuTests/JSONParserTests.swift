import XCTest
@testable import Huashu

/// The JSON reader behind `--input-format jsonl`: what it accepts and what it refuses.
final class JSONParserTests: XCTestCase {
    func testReadsRecordsWithEscapesAndSurrogatePairs() throws {
        let v = try JSON.parse(Array(#"{"id": 7, "text": "\u4e0d\u884c\n\"引号\" \ud83d\ude00", "x": [1.5e3, -2, true, false, null, {}]}"#.utf8))
        XCTAssertEqual(v["id"], .int(7))
        XCTAssertEqual(v["text"]?.stringValue, "不行\n\"引号\" 😀")
        XCTAssertEqual(v["x"], .array([.double(1500), .int(-2), .bool(true), .bool(false), .null, .object([])]))
    }

    func testKeepsNonASCIITextAsIs() throws {
        XCTAssertEqual(try JSON.parse(Array(#"{"text":"這個ＡＴＭ不行"}"#.utf8))["text"]?.stringValue, "這個ＡＴＭ不行")
    }

    func testRefusesMalformedDocumentsWithAnOffset() {
        for bad in [#"{bad}"#, #"{"a":}"#, #"{"a":1"#, #"["a",]"#, #""\ud800""#, "\"tab\tinside\"", #"{"a":1} x"#, #"01x"#, ""] {
            XCTAssertThrowsError(try JSON.parse(Array(bad.utf8)), bad) { error in
                XCTAssertTrue(error is JSON.ParseError, "\(bad): \(error)")
            }
        }
    }

    func testStringsWithAndWithoutEscapesReadTheSame() throws {
        XCTAssertEqual(try JSON.parse(Array(#""中文 plain""#.utf8)).stringValue, "中文 plain")
        XCTAssertEqual(try JSON.parse(Array(#""中文\n\u00e9\/ 尾""#.utf8)).stringValue, "中文\né/ 尾")
        XCTAssertEqual(try JSON.parse(Array(#""""#.utf8)).stringValue, "")
        XCTAssertEqual(try JSON.parse(Array(#"{"a":"x","b":["y\"z"]}"#.utf8))["b"], .array([.string("y\"z")]))
        // Parsing a slice reads only its bytes.
        let bytes = Array(#"xx"中文"yy"#.utf8)
        XCTAssertEqual(try JSON.parse(bytes[2..<10]).stringValue, "中文")
    }

    func testRefusesInvalidUTF8InStringsAtTheClosingQuote() {
        // The last case never closes: the string ends, not the UTF-8, is the problem.
        for (bytes, offset) in [([0x22, 0xE4, 0xB8, 0x22], 4), ([0x22, 0x5C, 0x6E, 0xFF, 0x22], 5), ([0x22, 0xFF], 2)] as [([UInt8], Int)] {
            XCTAssertThrowsError(try JSON.parse(bytes)) { error in
                XCTAssertEqual((error as? JSON.ParseError)?.offset, offset, "\(bytes): \(error)")
            }
        }
    }

    func testRefusesRunawayNesting() {
        XCTAssertThrowsError(try JSON.parse(Array((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).utf8)))
    }
}
