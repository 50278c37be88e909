import Foundation

extension TranscriptReader {
    /// Which column holds what, from a CSV header (any order, case-insensitive).
    struct CSVColumns {
        var callID: Int, speaker: Int, text: Int
        var agent: Int?, channel: Int?, start: Int?, end: Int?
        var count: Int

        static let aliases: [(name: String, names: Set<String>)] = [
            ("call_id", ["call_id", "callid", "call id", "call-id", "id", "通话id", "通话 id", "通话编号", "通话"]),
            ("speaker", ["speaker", "role", "说话人", "角色"]),
            ("text", ["text", "content", "内容", "文本"]),
            ("agent", ["agent", "agent_id", "坐席", "坐席工号", "工号"]),
            ("channel", ["channel", "渠道"]),
            ("start", ["start", "开始", "开始时间"]),
            ("end", ["end", "结束", "结束时间"]),
        ]

        init?(header: [String]) {
            let index = Self.index(header)
            guard let c = index["call_id"], let s = index["speaker"], let t = index["text"] else { return nil }
            (callID, speaker, text) = (c, s, t)
            (agent, channel, start, end) = (index["agent"], index["channel"], index["start"], index["end"])
            count = header.count
        }

        /// The required columns a header lacks.
        static func missing(_ header: [String]) -> [String] {
            let index = index(header)
            return ["call_id", "speaker", "text"].filter { index[$0] == nil }
        }

        private static func index(_ header: [String]) -> [String: Int] {
            var index: [String: Int] = [:]
            for (i, column) in header.enumerated() {
                let key = TranscriptReader.trim(column).lowercased()
                if let name = aliases.first(where: { $0.names.contains(key) })?.name, index[name] == nil { index[name] = i }
            }
            return index
        }
    }

    /// One CSV record (RFC 4180: quoted fields may hold commas, `""` and newlines).
    struct CSVRecord {
        /// The line the record starts on (1-based).
        var line: Int
        /// Byte range of the record in the source.
        var offset: Int, endOffset: Int
        var fields: [[UInt8]]
        /// A quoted field ran to the end of the file.
        var unterminated = false

        var isBlank: Bool { fields.count == 1 && fields[0].allSatisfy { $0 == 0x20 || $0 == 0x09 } }
    }

    /// Splits bytes into CSV records. Delimiters are ASCII, so UTF-8 is left intact.
    struct CSVParser: Sequence, IteratorProtocol {
        let bytes: UnsafeRawBufferPointer
        var position: Int
        var line = 1

        init(bytes: UnsafeRawBufferPointer, position: Int) {
            self.bytes = bytes
            self.position = position
        }

        mutating func next() -> CSVRecord? {
            guard position < bytes.count else { return nil }
            let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
            var record = CSVRecord(line: line, offset: position, endOffset: position, fields: [])
            var field: [UInt8] = []
            var inQuotes = false
            var quoted = false
            func peek(_ i: Int) -> UInt8? { i < bytes.count ? bytes[i] : nil }
            while position < bytes.count {
                let b = bytes[position]
                if inQuotes {
                    if b == quote {
                        if peek(position + 1) == quote { field.append(quote); position += 2 } else { inQuotes = false; position += 1 }
                        continue
                    }
                    if b == cr, peek(position + 1) == lf { position += 1; continue }
                    if b == lf { line += 1; field.append(b); position += 1; continue }
                    // A run of ordinary bytes at once.
                    var end = position + 1
                    while end < bytes.count, bytes[end] != quote, bytes[end] != cr, bytes[end] != lf { end += 1 }
                    field.append(contentsOf: bytes[position..<end])
                    position = end
                    continue
                }
                switch b {
                case quote where !quoted && field.allSatisfy({ $0 == 0x20 }):
                    field.removeAll()
                    inQuotes = true
                    quoted = true
                    position += 1
                case comma:
                    record.fields.append(field)
                    field = []
                    quoted = false
                    position += 1
                case lf:
                    position += 1
                    line += 1
                    record.fields.append(field)
                    record.endOffset = position - 1
                    return record
                case cr where peek(position + 1) == lf || peek(position + 1) == nil:
                    position += 1
                default:
                    var end = position + 1
                    while end < bytes.count, bytes[end] != comma, bytes[end] != cr, bytes[end] != lf, bytes[end] != quote { end += 1 }
                    field.append(contentsOf: bytes[position..<end])
                    position = end
                }
            }
            record.fields.append(field)
            record.endOffset = position
            record.unterminated = inQuotes
            return record
        }

        /// The fields of one header line (for format detection).
        static func splitHeaderLine(_ line: String) -> [String] {
            var bytes = Array(line.utf8)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            return bytes.withUnsafeBytes { raw in
                var parser = CSVParser(bytes: raw, position: 0)
                return parser.next()?.fields.map { String(decoding: $0, as: UTF8.self) } ?? []
            }
        }
    }

    /// CSV rows grouped into calls by call_id, in order of first appearance. A bad row
    /// is reported and left out; the other rows (and their calls) go on.
    func readCSV(_ input: Input, _ body: (TranscriptEvent) throws -> Void) rethrows {
        var columns: CSVColumns?
        var calls: [Call] = []
        var indexByID: [String: Int] = [:]
        for record in CSVParser(bytes: input.bytes, position: input.start) where !record.isBlank {
            if record.unterminated {
                try body(.failed(input.error(.unterminatedQuote, line: record.line, "引号未闭合（从这一行到文件末尾）")))
                break
            }
            var fields: [String] = []
            for raw in record.fields {
                guard let s = String(validating: raw, as: UTF8.self) else { break }
                fields.append(s)
            }
            if fields.count < record.fields.count {
                if case .invalid(let offset, _, _) = UTF8Validation.validate(input.bytes[record.offset..<record.endOffset]) {
                    try body(.failed(input.invalidUTF8(offset: record.offset + offset, line: record.line)))
                }
                if columns == nil { return }
                continue
            }
            guard let c = columns else {
                guard let c = CSVColumns(header: fields) else {
                    let missing = CSVColumns.missing(fields).joined(separator: "、")
                    try body(.failed(input.error(.missingColumns(CSVColumns.missing(fields)), line: record.line,
                                                 "表头缺少列：\(missing)（应有 call_id, agent, speaker, text[, start, end]）")))
                    return
                }
                columns = c
                continue
            }
            let id = c.callID < fields.count ? Self.trim(fields[c.callID]) : nil
            guard fields.count == c.count else {
                try body(.failed(input.error(.columnCount(expected: c.count, found: fields.count), line: record.line,
                                             callID: id.flatMap { $0.isEmpty ? nil : $0 }, "应有 \(c.count) 列，实际 \(fields.count) 列")))
                continue
            }
            switch turn(fields, c, input: input, line: record.line) {
            case .failure(let e): try body(.failed(e))
            case .success(let turn):
                let id = id ?? ""
                let i: Int
                if let existing = indexByID[id] {
                    i = existing
                } else {
                    i = calls.count
                    indexByID[id] = i
                    calls.append(Call(id: id, turns: [], origin: input.origin(line: record.line)))
                }
                if calls[i].agent == nil, let a = c.agent, !fields[a].isEmpty { calls[i].agent = Self.trim(fields[a]) }
                if calls[i].channel == nil, let ch = c.channel, !fields[ch].isEmpty { calls[i].channel = Self.trim(fields[ch]) }
                calls[i].turns.append(turn)
            }
        }
        if columns != nil, calls.isEmpty { try body(.skipped(source: input.source, reason: "只有表头，没有数据行")) }
        for call in calls { try body(.call(call)) }
    }

    private func turn(_ fields: [String], _ c: CSVColumns, input: Input, line: Int) -> Result<Turn, TranscriptError> {
        let id = Self.trim(fields[c.callID])
        guard !id.isEmpty else { return .failure(input.error(.invalidField("call_id"), line: line, "缺少 call_id")) }
        let speaker = Self.trim(fields[c.speaker])
        guard !speaker.isEmpty else { return .failure(input.error(.missingSpeaker, line: line, callID: id, "缺少说话人（speaker 列为空）")) }
        var turn = Turn(speaker: speaker, role: input.role(of: speaker), text: Self.trim(fields[c.text]))
        for (name, column) in [("start", c.start), ("end", c.end)] {
            guard let column else { continue }
            let raw = Self.trim(fields[column])
            if raw.isEmpty { continue }
            guard let seconds = Timestamp.seconds(raw) else {
                return .failure(input.error(.invalidField(name), line: line, callID: id, "\(name) 列不是有效的时间：\(raw)"))
            }
            if name == "start" { turn.start = seconds } else { turn.end = seconds }
        }
        return .success(turn)
    }
}
