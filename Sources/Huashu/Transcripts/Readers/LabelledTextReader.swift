import Foundation

extension TranscriptReader {
    /// One classified line of a speaker-labelled text file.
    private enum TextLine {
        /// `=== C001 ===` or `# call: C001`.
        case header(id: String, line: Int)
        /// `# agent: 1001`, `# channel: phone`.
        case meta(key: MetaKey, value: String)
        case blank
        case invalid(TranscriptError)
        case content(LabelledLine, line: Int)

        var startsTurn: Bool {
            if case .content(let l, _) = self { return l.label != nil }
            return false
        }
    }

    private enum MetaKey { case agent, channel }

    private struct TextSegment {
        var id: String
        var line: Int
        var isPreamble = false
        var lines: [TextLine] = []
    }

    static let callHeaderKeys: Set<String> = ["call", "call_id", "call id", "id", "通话", "通话编号", "通话id", "通话 id"]
    static let agentHeaderKeys: Set<String> = ["agent", "staff", "坐席", "坐席工号", "工号", "员工"]
    static let channelHeaderKeys: Set<String> = ["channel", "渠道"]

    /// Speaker-labelled text: one or more calls, split at `=== id ===` / `# call: id`
    /// headers or else at blank lines (when blank lines do not merely separate each turn).
    func readText(_ input: Input, _ body: (TranscriptEvent) throws -> Void) rethrows {
        var lines: [TextLine] = []
        var hasHeader = false
        for raw in input.lines {
            if raw.isBlank { lines.append(.blank); continue }
            switch input.text(of: raw) {
            case .failure(let e): lines.append(.invalid(e))
            case .success(let s):
                let line = Self.classify(s, number: raw.number)
                if case .header = line { hasHeader = true }
                lines.append(line)
            }
        }

        var segments: [TextSegment] = []
        if hasHeader {
            var current = TextSegment(id: "", line: 1, isPreamble: true)
            for line in lines {
                if case .header(let id, let number) = line {
                    if !current.isPreamble || current.lines.contains(where: Self.hasContent) { segments.append(current) }
                    current = TextSegment(id: id, line: number)
                } else {
                    current.lines.append(line)
                }
            }
            segments.append(current)
            for i in segments.indices where segments[i].id.isEmpty {
                segments[i].id = i == 0 ? input.defaultID : "\(input.defaultID)-\(i + 1)"
            }
        } else {
            var blocks: [[TextLine]] = [[]]
            for line in lines {
                if case .blank = line {
                    if !blocks[blocks.count - 1].isEmpty { blocks.append([]) }
                } else {
                    blocks[blocks.count - 1].append(line)
                }
            }
            if blocks.last?.isEmpty == true { blocks.removeLast() }
            let split = splitsTextAtBlankLines && blocks.count > 1
                && blocks.contains { $0.filter(\.startsTurn).count > 1 }
            if split {
                for (i, block) in blocks.enumerated() {
                    segments.append(TextSegment(id: "\(input.defaultID)-\(i + 1)", line: Self.firstLine(block) ?? 1, lines: block))
                }
            } else {
                segments = [TextSegment(id: input.defaultID, line: 1, lines: lines)]
            }
        }

        let several = segments.count > 1
        for segment in segments {
            let origin = several ? input.origin(line: segment.line) : input.source
            try body(buildCall(segment, origin: origin, input: input))
        }
    }

    private func buildCall(_ segment: TextSegment, origin: String, input: Input) -> TranscriptEvent {
        var call = Call(id: segment.id, turns: [], origin: origin)
        var sawContent = false
        for line in segment.lines {
            switch line {
            case .header, .blank: continue
            case .meta(let key, let value):
                switch key {
                case .agent: call.agent = value
                case .channel: call.channel = value
                }
            case .invalid(var e):
                e.callID = segment.id
                return .failed(e)
            case .content(let l, let number):
                sawContent = true
                if let label = l.label {
                    call.turns.append(Turn(speaker: label, role: input.role(of: label), text: l.text, start: l.timestamp))
                } else if call.turns.isEmpty {
                    return .failed(input.error(.missingSpeaker, line: number, callID: segment.id, "缺少说话人标签（应为“坐席：…”或“客户：…”）"))
                } else {
                    let last = call.turns.count - 1
                    call.turns[last].text += call.turns[last].text.isEmpty ? l.text : "\n" + l.text
                }
            }
        }
        if !sawContent { return .skipped(source: origin, reason: "通话 \(segment.id) 没有内容") }
        return .call(call)
    }

    private static func hasContent(_ line: TextLine) -> Bool {
        switch line {
        case .content, .invalid: return true
        default: return false
        }
    }

    private static func firstLine(_ block: [TextLine]) -> Int? {
        for line in block {
            switch line {
            case .content(_, let n), .header(_, let n): return n
            case .invalid(let e): return e.line
            default: continue
            }
        }
        return nil
    }

    private static func classify(_ s: String, number: Int) -> TextLine {
        let t = LabelledLine.trimmed(s[...])
        if t.hasPrefix("=="), t.hasSuffix("=="), t.count >= 4 {
            let id = t.trimmingCharacters(in: CharacterSet(charactersIn: "=").union(.whitespaces))
            return .header(id: id, line: number)
        }
        if t.hasPrefix("#"), let colon = t.firstIndex(where: { $0 == ":" || $0 == "：" }) {
            let key = t[t.index(after: t.startIndex)..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = t[t.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if callHeaderKeys.contains(key) { return .header(id: value, line: number) }
            if agentHeaderKeys.contains(key) { return .meta(key: .agent, value: value) }
            if channelHeaderKeys.contains(key) { return .meta(key: .channel, value: value) }
        }
        return .content(LabelledLine(s[...]), line: number)
    }
}
