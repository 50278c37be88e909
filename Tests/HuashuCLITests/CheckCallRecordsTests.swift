import Foundation
import XCTest

/// `check --input-format jsonl` also accepts call records (`{"id","turns"}`):
/// they are reviewed like `huashu review` does, staff turns only.
final class CheckCallRecordsTests: XCTestCase {
    func testCallRecordsAreReviewedStaffTurnsOnly() throws {
        let records = [
            #"{"id":"c1","channel":"counter","turns":[{"speaker":"customer","text":"你们这什么破银行，不行就投诉！"},{"speaker":"agent","text":"不知道，你去问大堂经理。"}]}"#,
            #"{"id":"s1","text":"请慢走，再见。"}"#,
        ].joined(separator: "\n") + "\n"
        let r = try HuashuBinary.run(["check", "--input-format", "jsonl", "--format", "jsonl"], stdin: Data(records.utf8))
        XCTAssertEqual(r.status, 1, r.diagnostics)
        let lines = r.jsonLines
        XCTAssertEqual(lines.compactMap { $0["id"] as? String }, ["c1", "s1"], r.diagnostics)
        let call = try XCTUnwrap(lines.first)
        let findings = try XCTUnwrap(call["findings"] as? [[String: Any]])
        let categories = Set(findings.compactMap { $0["category"] as? String })
        XCTAssertTrue(categories.isSuperset(of: ["ignorance", "deflection", "impolite"]), "\(categories)")
        // The customer's 不行 and 破银行 are context, never findings.
        XCTAssertFalse(categories.contains("refusal"), "\(categories)")
        XCTAssertTrue(findings.filter { $0["category"] as? String != "structure" }.allSatisfy { $0["turn"] as? Int == 1 }, r.stdout)
        let missing = Set(call["missing"] as? [String] ?? [])
        XCTAssertTrue(missing.isSuperset(of: ["greeting", "apology"]), "\(missing)")
        XCTAssertEqual((lines[1]["findings"] as? [Any])?.count, 0, r.stdout)
    }
}
