import Foundation

/// Reads call transcripts (speaker-labelled text, JSONL, WebVTT, SRT, CSV) into `Call`s.
///
/// Results come one at a time, in source order, through a callback: a bad line, row,
/// call or file is reported as `.failed` and reading goes on with the rest. Only an
/// error thrown by the callback stops reading (and is rethrown).
///
///     let reader = TranscriptReader()
///     for path in TranscriptReader.files(under: "calls/").files {
///         reader.read(file: path) { event in … }
///     }
public struct TranscriptReader: Sendable {
    /// Maps speaker labels to staff and customer.
    public var roles: SpeakerRoles
    /// When set, every source is read in this format instead of detecting it.
    public var format: TranscriptFormat?
    /// In text files without `=== id ===` / `# call: id` headers, blank lines split calls
    /// (unless they only separate single turns, which reads as one call).
    public var splitsTextAtBlankLines: Bool

    public init(roles: SpeakerRoles = .default, format: TranscriptFormat? = nil, splitsTextAtBlankLines: Bool = true) {
        self.roles = roles
        self.format = format
        self.splitsTextAtBlankLines = splitsTextAtBlankLines
    }

    /// Reads the file at `path` (`-` for standard input), passing each call, error
    /// and skip to `body` as it is read. A file that cannot be read is one `.failed`.
    /// JSON lines (`.jsonl`, or standard input starting with `{`) are streamed in flat
    /// memory; other formats are read whole. CSV calls come after the whole file is
    /// read (rows are grouped by call_id), after any row errors.
    public func read(file path: String, _ body: (TranscriptEvent) throws -> Void) rethrows {
        let source = Self.displayName(path)
        if path == "-" {
            try read(fileDescriptor: 0, source: source, pathForFormat: nil, body)
            return
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            try body(.failed(TranscriptError(.unreadable, source: path, reason: "文件不存在或无法访问")))
            return
        }
        if isDirectory.boolValue {
            try body(.failed(TranscriptError(.unreadable, source: path, reason: "是目录，不是文件")))
            return
        }
        // JSON lines are streamed (flat memory for large exports); the rest is read whole.
        let ext = (path as NSString).pathExtension.lowercased()
        if format.map({ $0 == .jsonl }) ?? (ext == "jsonl") {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                try body(.failed(TranscriptError(.unreadable, source: path, reason: "无法读取文件（\(String(cString: strerror(errno)))）")))
                return
            }
            defer { close(fd) }
            try read(fileDescriptor: fd, source: source, pathForFormat: path, body)
            return
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            try body(.failed(TranscriptError(.unreadable, source: path, reason: "无法读取文件（\(Self.describe(error))）")))
            return
        }
        try read(data: data, source: source, body)
    }

    /// Reads `data` as if from the file `source` (its extension and name give the
    /// format and default call id; `<stdin>` has neither).
    public func read(data: Data, source: String, _ body: (TranscriptEvent) throws -> Void) rethrows {
        let format = TranscriptFormat.detect(path: source, content: data, explicit: format)
        let defaultID = Self.defaultCallID(source)
        // Copied rather than read in `data.withUnsafeBytes { … }`: Swift 6.3.1 miscompiles
        // a `rethrows` callback thrown through such a closure (the error path falls off
        // the end of the function).
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: data.count, alignment: 1)
        defer { raw.deallocate() }
        data.copyBytes(to: raw)
        let bytes = UnsafeRawBufferPointer(raw)
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if bytes[start...].allSatisfy(TranscriptFormat.isSpace) {
            try body(.skipped(source: source, reason: "空文件"))
            return
        }
        let input = Input(bytes: bytes, start: start, source: source, defaultID: defaultID, roles: RoleCache(roles))
        switch format {
        case .text: try readText(input, body)
        case .jsonl: try readJSONL(input, body)
        case .vtt: try readSubtitles(input, vtt: true, body)
        case .srt: try readSubtitles(input, vtt: false, body)
        case .csv: try readCSV(input, body)
        }
    }

    /// All events of one file, in order.
    public func events(file path: String) -> [TranscriptEvent] {
        var events: [TranscriptEvent] = []
        read(file: path) { events.append($0) }
        return events
    }

    /// All events of `data` read as if from `source`, in order.
    public func events(data: Data, source: String) -> [TranscriptEvent] {
        var events: [TranscriptEvent] = []
        read(data: data, source: source) { events.append($0) }
        return events
    }

    /// `<stdin>` for `-`, else the path.
    public static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    /// The call id of a source that names none: the file name without its extension.
    static func defaultCallID(_ source: String) -> String {
        if source == "<stdin>" || source == "-" { return "stdin" }
        let name = ((source as NSString).lastPathComponent as NSString).deletingPathExtension
        return name.isEmpty ? source : name
    }

    static func describe(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let message = strerror(Int32(underlying.code)) {
            return String(cString: message)
        }
        if ns.domain == NSCocoaErrorDomain, ns.code == NSFileReadNoPermissionError { return "没有读取权限" }
        return ns.localizedDescription
    }
}
