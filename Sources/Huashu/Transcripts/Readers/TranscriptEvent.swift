/// One result of reading transcripts, in source order.
public enum TranscriptEvent: Sendable {
    /// A call read in full.
    case call(Call)
    /// A call, line, row or file that could not be read; reading went on.
    case failed(TranscriptError)
    /// A source with nothing to review (e.g. an empty file), with the reason.
    case skipped(source: String, reason: String)

    /// The call, if this is one.
    public var call: Call? {
        if case .call(let c) = self { return c }
        return nil
    }

    /// The error, if this is one.
    public var error: TranscriptError? {
        if case .failed(let e) = self { return e }
        return nil
    }
}
