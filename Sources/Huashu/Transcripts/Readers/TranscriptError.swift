/// A transcript (or part of one) that could not be read, with a message in
/// Chinese for the reviewer. The rest of the file and other files go on.
public struct TranscriptError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for programs; `reason` says it for people.
    public enum Kind: Sendable, Equatable {
        /// The file does not exist, is a directory or cannot be opened.
        case unreadable
        /// `offset` is the 0-based byte offset of the first invalid byte in the file.
        case invalidUTF8(offset: Int)
        /// A call's first line has no `坐席：`-style label, or a cue has no speaker.
        case missingSpeaker
        /// A JSON line (or document) that does not parse.
        case invalidJSON
        /// A JSON or CSV field that is missing or has the wrong type or value.
        case invalidField(String)
        /// A CSV row with a different number of columns than the header.
        case columnCount(expected: Int, found: Int)
        /// A CSV header without some required columns.
        case missingColumns([String])
        /// A CSV quoted field still open at the end of the file.
        case unterminatedQuote
        /// A subtitle block without a valid `-->` timing line.
        case invalidCue
    }

    public var kind: Kind
    /// The file path as given (`<stdin>` for standard input).
    public var source: String
    /// The 1-based line where the problem is, when known.
    public var line: Int?
    /// The call the problem belongs to, when known.
    public var callID: String?
    /// What is wrong, without the location (e.g. `缺少说话人标签`).
    public var reason: String

    public init(_ kind: Kind, source: String, line: Int? = nil, callID: String? = nil, reason: String) {
        self.kind = kind
        self.source = source
        self.line = line
        self.callID = callID
        self.reason = reason
    }

    /// `path:line` (or just the path), e.g. for `ReviewSummary.failed`.
    public var location: String { line.map { "\(source):\($0)" } ?? source }

    /// The reason with line and call, e.g. `第 12 行（通话 C001）：缺少说话人标签`.
    public var message: String {
        var prefix = line.map { "第 \($0) 行" } ?? ""
        if let callID { prefix += prefix.isEmpty ? "通话 \(callID)" : "（通话 \(callID)）" }
        return prefix.isEmpty ? reason : "\(prefix)：\(reason)"
    }

    /// `path: 第 12 行：缺少说话人标签`.
    public var description: String { "\(source): \(message)" }
}
