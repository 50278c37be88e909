import Foundation
import XCTest

/// Files saved on Windows (CRLF line ends) read like any other.
final class WindowsLineEndingTests: XCTestCase {
    private func temporaryFile(_ name: String, _ text: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("huashu-crlf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    func testCheckShowsTheRightLineOfACRLFDraft() throws {
        let url = try temporaryFile("draft.txt", "第一行没有问题。\r\n您等一下。\r\n")
        let r = try HuashuBinary.run(["check", "--color", "never", url.path])
        XCTAssertEqual(r.status, 1, r.diagnostics)
        XCTAssertTrue(r.stdout.contains(":2:1: warning:"), r.diagnostics)
        XCTAssertTrue(r.stdout.contains("\n    您等一下。\n"), "the offending line is shown without the CR:\n\(r.stdout)")
    }

    func testReviewReadsACRLFSubtitleFile() throws {
        let srt = "1\r\n00:00:01,000 --> 00:00:02,000\r\n坐席：您等一下。\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\n客户：好的，不行就算了。\r\n"
        let url = try temporaryFile("call.srt", srt)
        let r = try HuashuBinary.run(["review", "--format", "jsonl", url.path])
        XCTAssertNotEqual(r.status, 2, r.diagnostics)
        let call = try XCTUnwrap(r.jsonLines.first, r.diagnostics)
        let findings = try XCTUnwrap(call["findings"] as? [[String: Any]])
        XCTAssertTrue(findings.contains { $0["category"] as? String == "vague-wait" && $0["turn"] as? Int == 0 }, r.stdout)
        XCTAssertFalse(findings.contains { $0["category"] as? String == "refusal" }, "the customer's 不行 is context: \(r.stdout)")
    }
}
