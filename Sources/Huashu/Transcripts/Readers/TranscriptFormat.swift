import Foundation

/// The file formats a transcript can be read from.
public enum TranscriptFormat: String, Sendable, CaseIterable {
    /// Speaker-labelled plain text: `坐席：您好…`, one turn a line.
    case text
    /// One JSON call object a line (a `.json` file may also hold one object or an array of them).
    case jsonl
    /// WebVTT subtitles.
    case vtt
    /// SubRip subtitles.
    case srt
    /// Comma-separated rows `call_id, agent, speaker, text[, start, end]`.
    case csv

    /// File extensions (lower case, without the dot) that name a transcript.
    public static let knownExtensions: Set<String> = ["txt", "jsonl", "json", "vtt", "srt", "csv"]

    /// The format an extension names (case-insensitive, without the dot), or nil.
    public init?(fileExtension ext: String) {
        switch ext.lowercased() {
        case "txt": self = .text
        case "jsonl", "json": self = .jsonl
        case "vtt": self = .vtt
        case "srt": self = .srt
        case "csv": self = .csv
        default: return nil
        }
    }

    /// The format of a source: an explicit `format` wins; then a decisive extension
    /// (`.jsonl .json .vtt .srt .csv`); otherwise (`.txt`, no or unknown extension,
    /// stdin) the content decides, falling back to `.text`.
    public static func detect(path: String?, content: Data, explicit format: TranscriptFormat? = nil) -> TranscriptFormat {
        if let format { return format }
        if let path, path != "-", let byExtension = TranscriptFormat(fileExtension: (path as NSString).pathExtension),
           byExtension != .text {
            return byExtension
        }
        return sniff(content) ?? .text
    }

    /// The format the start of `content` shows, or nil when it looks like none in
    /// particular (plain text): a `WEBVTT` header, an SRT index and `-->` line, a
    /// first JSON character `{` or `[`, or a CSV header with call_id, speaker and text.
    public static func sniff(_ content: Data) -> TranscriptFormat? {
        content.withUnsafeBytes { raw -> TranscriptFormat? in
            var bytes = raw[...]
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            bytes = bytes.prefix(8192)
            guard let first = bytes.firstIndex(where: { !Self.isSpace($0) }) else { return nil }
            let body = bytes[first...]
            if body.starts(with: Array("WEBVTT".utf8)) { return .vtt }
            if body.first == UInt8(ascii: "{") { return .jsonl }
            // `[{…}]` is a JSON array of calls; `[00:00:01] 坐席：` is text.
            if body.first == UInt8(ascii: "["),
               let next = body.dropFirst().first(where: { !Self.isSpace($0) }),
               next == UInt8(ascii: "{") || next == UInt8(ascii: "]") { return .jsonl }
            // The first two lines, decoded leniently (the prefix may end mid-character).
            let lines = String(decoding: body, as: UTF8.self)
                .crlfAwareLines.prefix(3)
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard let line1 = lines.first else { return nil }
            if line1.contains("-->") { return .srt }
            if lines.count > 1, !line1.isEmpty, line1.allSatisfy({ $0.isASCII && $0.isNumber }), lines[1].contains("-->") { return .srt }
            if TranscriptReader.CSVColumns(header: TranscriptReader.CSVParser.splitHeaderLine(line1)) != nil { return .csv }
            return nil
        }
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}
