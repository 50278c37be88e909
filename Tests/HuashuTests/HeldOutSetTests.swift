import Foundation
import XCTest
@testable import Huashu

/// Accuracy on a labelled set written independently of the dev set (different
/// situations and wording, traditional and full-width variants), so a change
/// that overfits the dev sentences or breaks a phenomenon shows up here.
final class HeldOutSetTests: XCTestCase {
    func testBuiltInBookKeepsItsAccuracyOnTheHeldOutSet() throws {
        try check("heldout")
    }

    /// A second set by another author: phone-centre speech, loans, cards, wealth products.
    func testBuiltInBookKeepsItsAccuracyOnTheSecondHeldOutSet() throws {
        try check("heldout2")
    }

    /// A third set, written without seeing the rules: colloquial and regional
    /// wording, quoted banned phrases in training notes, proper risk disclosures.
    func testBuiltInBookKeepsItsAccuracyOnTheThirdHeldOutSet() throws {
        try check("heldout3")
    }

    /// A fourth: call-centre, chat (emoji, particles), queues and elderly customers, loans, fraud cases.
    func testBuiltInBookKeepsItsAccuracyOnTheFourthHeldOutSet() throws {
        try check("heldout4")
    }

    /// A fifth: written replies (chat, SMS, e-mail, complaint tickets, group posts), formal wording.
    func testBuiltInBookKeepsItsAccuracyOnTheFifthHeldOutSet() throws {
        try check("heldout5")
    }

    /// A sixth: many concrete counter situations (minors, inheritance, court freezes, coins, pensions).
    func testBuiltInBookKeepsItsAccuracyOnTheSixthHeldOutSet() throws {
        try check("heldout6")
    }

    /// A seventh: recorded-call style (ASR text without punctuation, fillers, dialect, idioms).
    func testBuiltInBookKeepsItsAccuracyOnTheSeventhHeldOutSet() throws {
        try check("heldout7")
    }

    /// An eighth: deliberately uncommon ways to say each thing (slang, passive, implication, formal).
    func testBuiltInBookKeepsItsAccuracyOnTheEighthHeldOutSet() throws {
        try check("heldout8")
    }

    private func check(_ name: String) throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/heldout/\(name)", withExtension: "jsonl"))
        let analyzer = try Analyzer(phrasebook: try Phrasebook.builtIn())
        var tp = 0, fp = 0, fn = 0, cleanAlarms: [String] = [], misses: [String] = []
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            let record = try JSONDecoder().decode(JSON.Value.self, from: Data(line.utf8))
            let text = try XCTUnwrap(record["text"]?.stringValue)
            guard case .array(let labels)? = record["expect"] else { return XCTFail("no expect in \(line)") }
            let expected = Set(labels.compactMap(\.stringValue))
            let predicted = Set(analyzer.analyze(text).map(\.category.rawValue))
            tp += expected.intersection(predicted).count
            fp += predicted.subtracting(expected).count
            fn += expected.subtracting(predicted).count
            if expected.isEmpty && !predicted.isEmpty { cleanAlarms.append("\(text) → \(predicted.sorted())") }
            if expected != predicted { misses.append("\(text)\n    expected \(expected.sorted()) got \(predicted.sorted())") }
        }
        let precision = Double(tp) / Double(max(tp + fp, 1)), recall = Double(tp) / Double(max(tp + fn, 1))
        let f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        print(String(format: "\(name): P=%.3f R=%.3f F1=%.3f clean false alarms=%d", precision, recall, f1, cleanAlarms.count))
        XCTAssertGreaterThanOrEqual(f1, 0.95, "micro F1 fell below 0.95:\n" + misses.joined(separator: "\n"))
        XCTAssertLessThanOrEqual(cleanAlarms.count, 1, "clean texts that got findings:\n" + cleanAlarms.joined(separator: "\n"))
    }
}
