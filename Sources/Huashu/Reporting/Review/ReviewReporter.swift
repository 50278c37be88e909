import Foundation

/// A report over a review run: a pure function from the reviewed calls and their
/// totals to text. No I/O; the caller writes the result where it likes.
public protocol ReviewReporter: Sendable {
    /// The whole report for `reviews`, in their order, with the run's `summary`.
    func render(_ reviews: [CallReview], summary: ReviewSummary) -> String
}

extension ReviewReporter {
    /// The report as UTF-8 bytes.
    public func data(_ reviews: [CallReview], summary: ReviewSummary) -> Data {
        Data(render(reviews, summary: summary).utf8)
    }
}
