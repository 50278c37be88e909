import Foundation

extension TranscriptReader {
    /// JSON lines, one call object a line:
    /// `{"id", "channel"?, "agent"?, "turns": [{"speaker", "text", "start"?, "end"?}]}`.
    /// A file whose content is a JSON array of such objects, or one object over several
    /// lines, is read as a whole.
    func readJSONL(_ input: Input, _ body: (TranscriptEvent) throws -> Void) rethrows {
        let decoder = JSONDecoder()
        let first = input.bytes[input.start...].firstIndex { !TranscriptFormat.isSpace($0) }
        if let first, input.bytes[first] == UInt8(ascii: "[") {
            try readJSONDocument(input, decoder: decoder, body)
            return
        }
        var isFirstLine = true
        for raw in input.lines where !raw.isBlank {
            let event = jsonLine(raw, input: input, decoder: decoder)
            // A pretty-printed single object: read the file as one document.
            if isFirstLine, case .failed(let e) = event, e.kind == .invalidJSON, Self.startsObject(raw),
               let whole = try? decoder.decode(JSON.Value.self, from: Data(input.bytes[input.start...])) {
                try body(self.event(whole, input: input, line: raw.number, origin: input.source))
                return
            }
            isFirstLine = false
            try body(event)
        }
    }

    /// The call (or error) on one JSON line.
    func jsonLine(_ raw: RawLine, input: Input, decoder: JSONDecoder) -> TranscriptEvent {
        if case .failure(let e) = input.text(of: raw) { return .failed(e) }
        let json = Data(raw.bytes)
        let origin = input.origin(line: raw.number)
        // Fast path for the usual shape; anything else goes through `JSON.Value`,
        // which accepts numeric ids and timestamp strings and explains errors.
        if let record = try? decoder.decode(CallRecord.self, from: json), record.isPlain {
            return .call(record.call(input: input, origin: origin))
        }
        guard let value = try? decoder.decode(JSON.Value.self, from: json) else {
            return .failed(input.error(.invalidJSON, line: raw.number, "不是有效的 JSON"))
        }
        return event(value, input: input, line: raw.number, origin: origin)
    }

    static func startsObject(_ raw: RawLine) -> Bool {
        raw.bytes.first { !TranscriptFormat.isSpace($0) } == UInt8(ascii: "{")
    }

    /// A JSON array of calls (or a single call object).
    private func readJSONDocument(_ input: Input, decoder: JSONDecoder, _ body: (TranscriptEvent) throws -> Void) rethrows {
        if case .failure(let e) = input.text() { try body(.failed(e)); return }
        guard let value = try? decoder.decode(JSON.Value.self, from: Data(input.bytes[input.start...])) else {
            try body(.failed(input.error(.invalidJSON, line: nil, "不是有效的 JSON")))
            return
        }
        guard case .array(let items) = value else {
            try body(event(value, input: input, line: nil, origin: input.source))
            return
        }
        for (i, item) in items.enumerated() {
            switch call(from: item, input: input, origin: "\(input.source)#\(i + 1)") {
            case .success(let c): try body(.call(c))
            case .failure(var e):
                e.reason = "第 \(i + 1) 个通话：" + e.reason
                try body(.failed(e))
            }
        }
    }

    private func event(_ value: JSON.Value, input: Input, line: Int?, origin: String) -> TranscriptEvent {
        switch call(from: value, input: input, origin: origin) {
        case .success(let c): return .call(c)
        case .failure(var e):
            e.line = line
            return .failed(e)
        }
    }

    /// A call from its JSON object; the error carries the id when it is readable.
    func call(from value: JSON.Value, input: Input, origin: String) -> Result<Call, TranscriptError> {
        guard case .object = value else {
            return .failure(input.error(.invalidField("id"), line: nil, "应为 JSON 对象 {\"id\", \"turns\"}"))
        }
        let id = Self.scalarString(value["id"] ?? value["call_id"])
        func fail(_ field: String, _ reason: String) -> Result<Call, TranscriptError> {
            .failure(input.error(.invalidField(field), line: nil, callID: id, reason))
        }
        guard let id, !id.isEmpty else { return fail("id", "缺少字段 \"id\"") }
        var call = Call(id: id, turns: [], origin: origin)
        for field in ["channel", "agent"] {
            guard let v = value[field], v != .null else { continue }
            guard let s = Self.scalarString(v) else { return fail(field, "字段 \"\(field)\" 应为字符串") }
            if field == "channel" { call.channel = s } else { call.agent = s }
        }
        guard let turnsValue = value["turns"] else { return fail("turns", "缺少字段 \"turns\"") }
        guard case .array(let turns) = turnsValue else { return fail("turns", "字段 \"turns\" 应为数组") }
        for (i, t) in turns.enumerated() {
            let n = i + 1
            guard case .object = t else { return fail("turns", "第 \(n) 个发言应为 JSON 对象 {\"speaker\", \"text\"}") }
            guard let speaker = Self.scalarString(t["speaker"] ?? t["role"]), !speaker.isEmpty else {
                return fail("speaker", "第 \(n) 个发言缺少字段 \"speaker\"")
            }
            guard let text = t["text"]?.stringValue else { return fail("text", "第 \(n) 个发言缺少字符串字段 \"text\"") }
            var turn = Turn(speaker: speaker, role: input.role(of: speaker), text: text)
            for field in ["start", "end"] {
                guard let v = t[field] else { continue }
                guard let seconds = Timestamp.seconds(v) else { return fail(field, "第 \(n) 个发言的 \"\(field)\" 不是有效的时间：\(v.text)") }
                if field == "start" { turn.start = seconds } else { turn.end = seconds }
            }
            call.turns.append(turn)
        }
        return .success(call)
    }

    /// A call in the usual JSON shape (string ids, numeric times), decoded directly.
    private struct CallRecord: Decodable {
        struct TurnRecord: Decodable {
            var speaker: String
            var text: String
            var start: Double?
            var end: Double?
        }
        var id: String
        var channel: String?
        var agent: String?
        var turns: [TurnRecord]

        func call(input: Input, origin: String) -> Call {
            Call(id: id, channel: channel, agent: agent, turns: turns.map {
                Turn(speaker: $0.speaker, role: input.role(of: $0.speaker), text: $0.text, start: $0.start, end: $0.end)
            }, origin: origin)
        }

        /// Only when every field is as expected, so the slow path can report what is wrong.
        var isPlain: Bool { !id.isEmpty && turns.allSatisfy { !$0.speaker.isEmpty } }
    }

    /// A string, or an integer written as one (ids and agent numbers).
    private static func scalarString(_ value: JSON.Value?) -> String? {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        default: return nil
        }
    }
}
