import Foundation

extension TranscriptReader {
    /// A piece of cue text with its speaker.
    private struct CuePiece {
        var speaker: String?
        var text: String
        var start: Double
        var end: Double
        var line: Int
    }

    /// WebVTT or SRT: one call a file. The speaker comes from `<v 坐席>` voice tags or a
    /// `坐席：` prefix (a cue with neither continues the previous speaker); other tags are
    /// stripped; consecutive cues of one speaker merge into one turn.
    func readSubtitles(_ input: Input, vtt: Bool, _ body: (TranscriptEvent) throws -> Void) rethrows {
        switch subtitleCall(input, vtt: vtt) {
        case .success(let call): try body(.call(call))
        case .failure(let e): try body(.failed(e))
        }
    }

    private func subtitleCall(_ input: Input, vtt: Bool) -> Result<Call, TranscriptError> {
        let content: String
        switch input.text() {
        case .success(let s): content = s
        case .failure(var e):
            e.callID = input.defaultID
            return .failure(e)
        }
        // Blocks of (line number, text), separated by blank lines.
        var blocks: [[(Int, Substring)]] = [[]]
        for (i, line) in content.crlfAwareLines.enumerated() {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !blocks[blocks.count - 1].isEmpty { blocks.append([]) }
            } else {
                blocks[blocks.count - 1].append((i + 1, line))
            }
        }
        func fail(_ kind: TranscriptError.Kind, _ line: Int, _ reason: String) -> Result<Call, TranscriptError> {
            .failure(input.error(kind, line: line, callID: input.defaultID, reason))
        }

        var pieces: [CuePiece] = []
        var speaker: String?
        for (b, block) in blocks.enumerated() where !block.isEmpty {
            let head = block[0].1
            if vtt, b == 0, head.hasPrefix("WEBVTT") { continue }
            if vtt, !head.contains("-->"), ["NOTE", "STYLE", "REGION"].contains(where: { head.hasPrefix($0) }) { continue }
            // The timing line is the first or (after a cue id / SRT index) the second.
            guard let t = block.prefix(2).firstIndex(where: { $0.1.contains("-->") }) else {
                return fail(.invalidCue, block[0].0, "缺少时间轴（“00:00:01.000 --> 00:00:02.000”）")
            }
            let (lineNumber, timing) = block[t]
            let sides = timing.components(separatedBy: "-->")
            let endText = sides.count == 2 ? sides[1].split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? "" : ""
            guard sides.count == 2, let start = Timestamp.seconds(sides[0]), let end = Timestamp.seconds(endText) else {
                return fail(.invalidCue, lineNumber, "时间轴格式无效：\(timing)")
            }
            for (number, line) in block[(t + 1)...] {
                for (voice, raw) in Self.voiceSpans(line) {
                    var text = Self.stripTags(raw)
                    if let voice {
                        speaker = voice
                    } else if let (label, rest) = LabelledLine.label(text[...]) {
                        speaker = label
                        text = rest
                    }
                    if text.isEmpty { continue }
                    guard speaker != nil else {
                        return fail(.missingSpeaker, number, "缺少说话人（应有 <v 坐席> 标记或“坐席：”前缀）")
                    }
                    pieces.append(CuePiece(speaker: speaker, text: text, start: start, end: end, line: number))
                }
            }
        }

        var call = Call(id: input.defaultID, turns: [], origin: input.source)
        for piece in pieces {
            let label = piece.speaker ?? ""
            if let last = call.turns.last, last.speaker == label {
                call.turns[call.turns.count - 1].text = TranscriptReader.joinPieces(last.text, piece.text)
                call.turns[call.turns.count - 1].end = max(last.end ?? piece.end, piece.end)
            } else {
                call.turns.append(Turn(speaker: label, role: input.role(of: label), text: piece.text, start: piece.start, end: piece.end))
            }
        }
        return .success(call)
    }

    /// A cue line split at `<v Name>` tags: (voice or nil, text up to the next voice tag).
    static func voiceSpans(_ line: Substring) -> [(String?, Substring)] {
        var spans: [(String?, Substring)] = []
        var voice: String?
        var from = line.startIndex
        var i = line.startIndex
        while let open = line[i...].firstIndex(of: "<") {
            let after = line.index(after: open)
            guard after < line.endIndex, line[after] == "v",
                  let next = line.index(after, offsetBy: 1, limitedBy: line.endIndex), next < line.endIndex,
                  line[next] == " " || line[next] == "." || line[next] == "\t",
                  let close = line[open...].firstIndex(of: ">") else {
                i = after
                continue
            }
            if open > from || voice != nil { spans.append((voice, line[from..<open])) }
            // `<v.loud 坐席>`: the name follows the first space.
            let inside = line[next..<close]
            let name = inside.firstIndex(where: { $0 == " " || $0 == "\t" }).map { inside[$0...] } ?? ""
            voice = trim(name)
            if voice?.isEmpty == true { voice = nil }
            from = line.index(after: close)
            i = from
        }
        spans.append((voice, line[from...]))
        return spans
    }

    /// Cue text without `<b>`, `</v>`, `<00:00:01.000>`, `{\an8}` and entities, trimmed.
    static func stripTags(_ s: Substring) -> String {
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "<", let close = s[i...].firstIndex(of: ">") {
                i = s.index(after: close)
                continue
            }
            if c == "{", s[s.index(after: i)...].first == "\\", let close = s[i...].firstIndex(of: "}") {
                i = s.index(after: close)
                continue
            }
            out.append(c)
            i = s.index(after: i)
        }
        if out.contains("&") {
            for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " "),
                                   ("&lrm;", ""), ("&rlm;", ""), ("&amp;", "&")] {
                out = out.replacingOccurrences(of: entity, with: char)
            }
        }
        return trim(out)
    }
}
