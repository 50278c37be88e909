import Foundation
import XCTest
@testable import Huashu

final class TranscriptReaderTests: XCTestCase {
    private let reader = TranscriptReader()

    private func fixture(_ name: String) throws -> String {
        let url = try XCTUnwrap(Bundle.module.resourceURL).appendingPathComponent("Fixtures/transcripts/\(name)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path), url.path)
        return url.path
    }

    private func parse(_ text: String, source: String, reader: TranscriptReader? = nil) -> [TranscriptEvent] {
        (reader ?? self.reader).events(data: Data(text.utf8), source: source)
    }

    private func callsIn(_ events: [TranscriptEvent]) -> [Call] { events.compactMap(\.call) }
    private func errorsIn(_ events: [TranscriptEvent]) -> [TranscriptError] { events.compactMap(\.error) }

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("huashu-readers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    // MARK: Format detection

    func testDetectionFromExtension() {
        let anything = Data("坐席：您好".utf8)
        XCTAssertEqual(TranscriptFormat.detect(path: "a/b.jsonl", content: anything), .jsonl)
        XCTAssertEqual(TranscriptFormat.detect(path: "b.JSON", content: anything), .jsonl)
        XCTAssertEqual(TranscriptFormat.detect(path: "b.vtt", content: anything), .vtt)
        XCTAssertEqual(TranscriptFormat.detect(path: "b.srt", content: anything), .srt)
        XCTAssertEqual(TranscriptFormat.detect(path: "b.csv", content: anything), .csv)
        XCTAssertEqual(TranscriptFormat.detect(path: "b.txt", content: anything), .text)
        XCTAssertEqual(TranscriptFormat.detect(path: "b", content: anything), .text)
    }

    func testDetectionFromContent() {
        func sniff(_ s: String, path: String? = nil) -> TranscriptFormat {
            TranscriptFormat.detect(path: path, content: Data(s.utf8))
        }
        XCTAssertEqual(sniff("WEBVTT\n\n00:01.000 --> 00:02.000\n<v 坐席>您好"), .vtt)
        XCTAssertEqual(sniff("\u{FEFF}1\r\n00:00:01,000 --> 00:00:02,000\r\n坐席：您好"), .srt)
        XCTAssertEqual(sniff("  {\"id\": \"a\", \"turns\": []}"), .jsonl)
        XCTAssertEqual(sniff("[{\"id\": \"a\", \"turns\": []}]"), .jsonl)
        XCTAssertEqual(sniff("\u{FEFF}Call_ID, Speaker ,text,start\nC1,坐席,您好,0"), .csv)
        XCTAssertEqual(sniff("\"call_id\",\"speaker\",\"text\"\n"), .csv)
        XCTAssertEqual(sniff("坐席：您好\n客户：你好"), .text)
        XCTAssertEqual(sniff("speaker,text\n坐席,您好"), .text, "no call_id column: not a transcript CSV")
        // `.txt` and stdin are decided by content.
        XCTAssertEqual(sniff("WEBVTT\n", path: "notes.txt"), .vtt)
        XCTAssertEqual(sniff("{\"id\":1}", path: "-"), .jsonl)
        // An explicit format overrides extension and content.
        XCTAssertEqual(TranscriptFormat.detect(path: "x.vtt", content: Data("WEBVTT".utf8), explicit: .text), .text)
        XCTAssertEqual(TranscriptFormat(fileExtension: "SRT"), .srt)
        XCTAssertNil(TranscriptFormat(fileExtension: "md"))
    }

    func testExplicitFormatOverridesDetection() {
        let reader = TranscriptReader(format: .text)
        let events = reader.events(data: Data("坐席：{\"id\": 1}".utf8), source: "odd.jsonl")
        XCTAssertEqual(callsIn(events).first?.turns.first?.text, "{\"id\": 1}")
    }

    // MARK: Speaker-labelled text

    func testLabelledTextSingleCall() throws {
        let path = try fixture("call-001.txt")
        let events = reader.events(file: path)
        XCTAssertEqual(errorsIn(events).map(\.description), [])
        let call = try XCTUnwrap(callsIn(events).first)
        XCTAssertEqual(callsIn(events).count, 1)
        XCTAssertEqual(call.id, "call-001")
        XCTAssertEqual(call.origin, path)
        XCTAssertEqual(call.turns.map(\.speaker), ["坐席", "客户", "坐席", "Agent", "Customer"])
        XCTAssertEqual(call.turns.map(\.role), [.staff, .customer, .staff, .staff, .customer])
        XCTAssertEqual(call.turns[0].text, "您好，这里是某某银行，请问有什么可以帮您？")
        XCTAssertEqual(call.turns[0].start, 1)
        XCTAssertEqual(call.turns[1].text, "我想查一下信用卡账单。")
        XCTAssertEqual(call.turns[1].start, 5)
        XCTAssertEqual(call.turns[2].start, 9)
        XCTAssertEqual(call.turns[2].text, "好的，请您稍等。\n我这边帮您查询一下。", "continuation line appends")
        XCTAssertEqual(call.turns[3].text, "Thanks for waiting.")
        XCTAssertNil(call.turns[3].start)
        XCTAssertEqual(call.turns[4].text, "OK.")
    }

    func testLabelledLineVariants() {
        func parse(_ s: String) -> (Double?, String?, String) {
            let l = TranscriptReader.LabelledLine(s[...])
            return (l.timestamp, l.label, l.text)
        }
        XCTAssert(parse("坐席：您好") == (nil, "坐席", "您好"))
        XCTAssert(parse("  客户 : 我要 ") == (nil, "客户", "我要"))
        XCTAssert(parse("[01:02:03.5] 客服小王：您好") == (3723.5, "客服小王", "您好"))
        XCTAssert(parse("[00:10]坐席:好") == (10, "坐席", "好"))
        XCTAssert(parse("00:01:02 Agent: hi") == (62, "Agent", "hi"))
        XCTAssert(parse("坐席（工号 1234）：您好") == (nil, "坐席（工号 1234）", "您好"))
        // Not labels: a time, a sentence, a link, a long phrase.
        XCTAssert(parse("下午3：30 之前可以办理") == (nil, nil, "下午3：30 之前可以办理"))
        XCTAssert(parse("好的，您的卡号是：6222") == (nil, nil, "好的，您的卡号是：6222"))
        XCTAssert(parse("https://bank.example") == (nil, nil, "https://bank.example"))
        XCTAssert(parse("10:30 我们开门") == (nil, nil, "10:30 我们开门"))
        XCTAssert(parse("[00:05] 嗯") == (0 + 5, nil, "嗯"))
    }

    func testSeveralCallsWithHeadersAndMissingLabel() throws {
        let path = try fixture("multi.txt")
        let events = reader.events(file: path)
        let calls = callsIn(events)
        XCTAssertEqual(calls.map(\.id), ["C100", "C102"], "the bad call is reported, the next one still read")
        XCTAssertEqual(calls[0].agent, "1001")
        XCTAssertEqual(calls[0].channel, "phone")
        XCTAssertEqual(calls[0].turns.map(\.role), [.staff, .customer])
        XCTAssertEqual(calls[0].origin, "\(path):1")
        XCTAssertEqual(calls[1].turns.map(\.role), [.staff, .customer])
        XCTAssertEqual(calls[1].turns.map(\.speaker), ["柜员", "顾客"])
        let error = try XCTUnwrap(errorsIn(events).first)
        XCTAssertEqual(errorsIn(events).count, 1)
        XCTAssertEqual(error.kind, .missingSpeaker)
        XCTAssertEqual(error.line, 8)
        XCTAssertEqual(error.callID, "C101")
        XCTAssertEqual(error.source, path)
        XCTAssertTrue(error.message.hasPrefix("第 8 行（通话 C101）：缺少说话人标签"), error.message)
        XCTAssertEqual(error.location, "\(path):8")
        // Events keep source order: C100, the error for C101, C102.
        XCTAssertNotNil(events[0].call)
        XCTAssertNotNil(events[1].error)
        XCTAssertNotNil(events[2].call)
    }

    func testBlankLinesSplitCalls() throws {
        let events = reader.events(file: try fixture("blank-split.txt"))
        XCTAssertEqual(callsIn(events).map(\.id), ["blank-split-1", "blank-split-2"])
        XCTAssertEqual(callsIn(events).map(\.turns.count), [2, 3])
        // Blank lines between every single turn: one call.
        let spaced = parse("坐席：您好。\n\n客户：我要开户。\n\n坐席：好的。\n", source: "spaced.txt")
        XCTAssertEqual(callsIn(spaced).map(\.id), ["spaced"])
        XCTAssertEqual(callsIn(spaced).first?.turns.count, 3)
        // Splitting can be turned off.
        let whole = TranscriptReader(splitsTextAtBlankLines: false).events(file: try fixture("blank-split.txt"))
        XCTAssertEqual(callsIn(whole).map(\.turns.count), [5])
    }

    func testUnlabelledFirstLineIsAnError() {
        let events = parse("您好，请问有什么可以帮您？\n客户：我要开户", source: "x.txt")
        XCTAssertEqual(callsIn(events).count, 0)
        XCTAssertEqual(errorsIn(events).first?.message, "第 1 行（通话 x）：缺少说话人标签（应为“坐席：…”或“客户：…”）")
    }

    func testUnknownLabelIsContextNotStaff() {
        let events = parse("坐席：您好\n储户：我要取钱\n坐席：好的", source: "x.txt")
        let turns = callsIn(events).first?.turns ?? []
        XCTAssertEqual(turns.map(\.role), [.staff, .unknown, .staff])
        XCTAssertEqual(turns[1].text, "我要取钱", "an unknown speaker is never appended to a staff turn")
    }

    func testCustomRoles() {
        let roles = SpeakerRoles(staff: ["A"], customer: ["B"])
        let events = parse("A: hello\nB: hi\n", source: "x.txt", reader: TranscriptReader(roles: roles))
        XCTAssertEqual(callsIn(events).first?.turns.map(\.role), [.staff, .customer])
    }

    // MARK: JSONL

    func testJSONLCallsAndLineErrors() throws {
        let path = try fixture("calls.jsonl")
        let events = reader.events(file: path)
        let calls = callsIn(events)
        XCTAssertEqual(calls.map(\.id), ["J1", "3", "J6"])
        XCTAssertEqual(calls[0].channel, "phone")
        XCTAssertEqual(calls[0].agent, "A01")
        XCTAssertEqual(calls[0].origin, "\(path):1")
        XCTAssertEqual(calls[0].turns.map(\.role), [.staff, .customer])
        XCTAssertEqual(calls[0].turns[0].start, 0.5)
        XCTAssertEqual(calls[0].turns[0].end, 3)
        XCTAssertEqual(calls[0].turns[1].text, "我要销户")
        XCTAssertEqual(calls[1].agent, "1002")
        XCTAssertEqual(calls[1].turns.map(\.role), [.customer, .staff], "customer turns stay customer")
        XCTAssertEqual(calls[1].turns[0].start, 1.5)

        let errors = errorsIn(events)
        XCTAssertEqual(errors.map(\.line), [2, 5, 6])
        XCTAssertEqual(errors[0].kind, .invalidJSON)
        XCTAssertEqual(errors[0].message, "第 2 行：不是有效的 JSON")
        XCTAssertEqual(errors[1].kind, .invalidField("text"))
        XCTAssertEqual(errors[1].callID, "J4")
        XCTAssertEqual(errors[1].message, "第 5 行（通话 J4）：第 1 个发言缺少字符串字段 \"text\"")
        XCTAssertEqual(errors[2].kind, .invalidField("id"))
    }

    func testJSONDocumentForms() {
        let array = parse("[{\"id\": \"a\", \"turns\": [{\"speaker\": \"agent\", \"text\": \"您好\"}]}, {\"id\": \"b\"}]", source: "x.json")
        XCTAssertEqual(callsIn(array).map(\.id), ["a"])
        XCTAssertEqual(errorsIn(array).first?.message, "通话 b：第 2 个通话：缺少字段 \"turns\"")
        let pretty = parse("{\n  \"id\": \"p\",\n  \"turns\": [\n    {\"speaker\": \"客户\", \"text\": \"你好\"}\n  ]\n}\n", source: "p.json")
        XCTAssertEqual(callsIn(pretty).map(\.id), ["p"])
        XCTAssertEqual(callsIn(pretty).first?.turns.first?.role, .customer)
    }

    func testJSONLInvalidUTF8LineContinues() {
        var data = Data("{\"id\": \"a\", \"turns\": []}\n{\"id\": \"b\", \"turns\": [{\"speaker\": \"agent\", \"text\": \"".utf8)
        data.append(contentsOf: [0xE6, 0x82]) // truncated 您
        data.append(Data("\"}]}\n{\"id\": \"c\", \"turns\": []}\n".utf8))
        let events = reader.events(data: data, source: "u.jsonl")
        XCTAssertEqual(callsIn(events).map(\.id), ["a", "c"])
        let error = errorsIn(events).first
        XCTAssertEqual(error?.kind, .invalidUTF8(offset: 77))
        XCTAssertEqual(error?.line, 2)
        XCTAssertEqual(error?.message, "第 2 行：不是有效的 UTF-8（文件第 77 字节）")
    }

    func testJSONLStreamsLargeFilesAndStandardInput() throws {
        let dir = try temporaryDirectory()
        // Lines longer than the first buffer, CRLF endings and a BOM.
        var text = "\u{FEFF}"
        let long = String(repeating: "您好，请问有什么可以帮您？", count: 3000)
        for i in 1...40 {
            text += i == 7 ? "not json\r\n" : "{\"id\": \"L\(i)\", \"turns\": [{\"speaker\": \"坐席\", \"text\": \"\(i % 5 == 0 ? long : "好")\"}]}\r\n"
        }
        let url = dir.appendingPathComponent("big.jsonl")
        try Data(text.utf8).write(to: url)
        let events = reader.events(file: url.path)
        XCTAssertEqual(callsIn(events).count, 39)
        XCTAssertEqual(callsIn(events).last?.id, "L40")
        XCTAssertEqual(callsIn(events).last?.origin, "\(url.path):40")
        XCTAssertEqual(callsIn(events)[4].turns.first?.text, long)
        XCTAssertEqual(errorsIn(events).map(\.line), [7])

        // Standard input goes through the same path, by content.
        let fd = open(url.path, O_RDONLY)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        var stdinEvents: [TranscriptEvent] = []
        reader.read(fileDescriptor: fd, source: "<stdin>", pathForFormat: nil) { stdinEvents.append($0) }
        XCTAssertEqual(callsIn(stdinEvents).map(\.id), callsIn(events).map(\.id))
        XCTAssertEqual(errorsIn(stdinEvents).first?.location, "<stdin>:7")

        // Text on standard input is read whole and detected by content.
        let textURL = dir.appendingPathComponent("t")
        try Data("[00:01] 坐席：您好\n客户：你好\n".utf8).write(to: textURL)
        let tfd = open(textURL.path, O_RDONLY)
        defer { close(tfd) }
        var textEvents: [TranscriptEvent] = []
        reader.read(fileDescriptor: tfd, source: "<stdin>", pathForFormat: nil) { textEvents.append($0) }
        XCTAssertEqual(callsIn(textEvents).first?.id, "stdin")
        XCTAssertEqual(callsIn(textEvents).first?.turns.map(\.role), [.staff, .customer])
    }

    // MARK: Subtitles

    func testWebVTT() throws {
        let path = try fixture("call.vtt")
        let events = reader.events(file: path)
        XCTAssertEqual(errorsIn(events).map(\.description), [])
        let call = try XCTUnwrap(callsIn(events).first)
        XCTAssertEqual(call.id, "call")
        XCTAssertEqual(call.turns.map(\.speaker), ["坐席", "客户", "坐席"])
        XCTAssertEqual(call.turns.map(\.role), [.staff, .customer, .staff])
        XCTAssertEqual(call.turns[0].text, "您好，这里是某某银行，请问有什么可以帮您？", "same-speaker cues merge, tags stripped")
        XCTAssertEqual(call.turns[0].start, 1)
        XCTAssertEqual(call.turns[0].end, 5)
        XCTAssertEqual(call.turns[1].text, "我想&问一下理财产品")
        XCTAssertEqual(call.turns[1].start, 5.2)
        XCTAssertEqual(call.turns[2].text, "好的，请稍等。")
        XCTAssertEqual(call.turns[2].start, 7.1)
        XCTAssertEqual(call.turns[2].end, 9)
    }

    func testSRT() throws {
        let events = reader.events(file: try fixture("call.srt"))
        let call = try XCTUnwrap(callsIn(events).first)
        XCTAssertEqual(call.turns.map(\.speaker), ["坐席", "客户", "坐席"])
        XCTAssertEqual(call.turns.map(\.role), [.staff, .customer, .staff])
        XCTAssertEqual(call.turns[0].text, "您好，请问有什么可以帮您？", "an unlabelled cue continues the speaker")
        XCTAssertEqual(call.turns[0].start, 1)
        XCTAssertEqual(call.turns[0].end, 4)
        XCTAssertEqual(call.turns[1].text, "我要转账")
        XCTAssertEqual(call.turns[2].start, 6.1)
    }

    func testSubtitleVoiceSpansAndEnglishJoin() {
        let vtt = "WEBVTT\n\n00:00.000 --> 00:01.000\n<v Agent>Hello,</v> <v Customer>Hi</v>\n\n00:01.000 --> 00:02.000\n<v Customer>there.\n"
        let turns = callsIn(parse(vtt, source: "e.vtt")).first?.turns ?? []
        XCTAssertEqual(turns.map(\.speaker), ["Agent", "Customer"])
        XCTAssertEqual(turns.map(\.text), ["Hello,", "Hi there."])
    }

    func testSubtitleErrors() {
        let noSpeaker = parse("1\n00:00:01,000 --> 00:00:02,000\n您好\n", source: "n.srt")
        XCTAssertEqual(errorsIn(noSpeaker).first?.kind, .missingSpeaker)
        XCTAssertEqual(errorsIn(noSpeaker).first?.line, 3)
        let badTiming = parse("WEBVTT\n\n00:00:01.000 --> soon\n<v 坐席>您好\n", source: "t.vtt")
        XCTAssertEqual(errorsIn(badTiming).first?.kind, .invalidCue)
        XCTAssertEqual(errorsIn(badTiming).first?.line, 3)
        XCTAssertEqual(callsIn(badTiming).count, 0)
    }

    // MARK: CSV

    func testCSV() throws {
        let path = try fixture("calls.csv")
        let events = reader.events(file: path)
        let calls = callsIn(events)
        XCTAssertEqual(calls.map(\.id), ["K1", "K2"], "grouped by call_id in first-appearance order")
        XCTAssertEqual(calls[0].agent, "A01")
        XCTAssertEqual(calls[0].origin, "\(path):2")
        XCTAssertEqual(calls[0].turns.map(\.role), [.staff, .customer, .staff])
        XCTAssertEqual(calls[0].turns[0].text, "您好，请问有什么可以帮您？")
        XCTAssertEqual(calls[0].turns[1].text, "我想问一下\"安心存\"产品,利率多少", "embedded quotes and comma")
        XCTAssertEqual(calls[0].turns[1].start, 2.6)
        XCTAssertEqual(calls[0].turns[2].text, "利率是 2.1%。\n还有别的问题吗？", "embedded newline")
        XCTAssertEqual(calls[0].turns[2].end, 8)
        XCTAssertEqual(calls[1].agent, "A02")
        XCTAssertEqual(calls[1].turns.map(\.text), ["您好", "好的"])
        XCTAssertEqual(calls[1].turns[1].start, 2)
        XCTAssertEqual(calls[1].turns[1].end, 3)

        let errors = errorsIn(events)
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors[0].kind, .columnCount(expected: 6, found: 7))
        XCTAssertEqual(errors[0].line, 7, "line numbers count the newline inside the quoted field")
        XCTAssertEqual(errors[0].message, "第 7 行（通话 K2）：应有 6 列，实际 7 列")
    }

    func testCSVErrors() {
        let missing = parse("call_id,text\nC1,您好\n", source: "m.csv")
        XCTAssertEqual(errorsIn(missing).first?.kind, .missingColumns(["speaker"]))
        XCTAssertEqual(errorsIn(missing).first?.message, "第 1 行：表头缺少列：speaker（应有 call_id, agent, speaker, text[, start, end]）")

        let rows = parse("call_id,speaker,text,start\nC1,坐席,您好,0\nC1,,没有说话人,1\nC1,客户,时间不对,abc\nC2,\"坐席\",\"没闭合\n", source: "r.csv")
        XCTAssertEqual(callsIn(rows).map(\.id), ["C1"])
        XCTAssertEqual(callsIn(rows).first?.turns.count, 1)
        XCTAssertEqual(errorsIn(rows).map(\.kind), [.missingSpeaker, .invalidField("start"), .unterminatedQuote])
        XCTAssertEqual(errorsIn(rows).map(\.line), [3, 4, 5])

        var data = Data("call_id,speaker,text\nC1,坐席,您好\nC2,坐席,".utf8)
        data.append(0xFF)
        data.append(Data("\nC3,客户,好\n".utf8))
        let bad = reader.events(data: data, source: "b.csv")
        XCTAssertEqual(callsIn(bad).map(\.id), ["C1", "C3"])
        XCTAssertEqual(errorsIn(bad).first?.kind, .invalidUTF8(offset: 48))
        XCTAssertEqual(errorsIn(bad).first?.line, 3)

        let headerOnly = parse("call_id,speaker,text\n", source: "h.csv")
        XCTAssertEqual(callsIn(headerOnly).count, 0)
        XCTAssertEqual(errorsIn(headerOnly).count, 0)
    }

    // MARK: Bad input in general

    func testEmptyFileIsSkipped() {
        for name in ["e.txt", "e.jsonl", "e.vtt", "e.srt", "e.csv", "<stdin>"] {
            let events = parse(" \n\r\n", source: name)
            XCTAssertEqual(events.count, 1, name)
            guard case .skipped(let source, let reason)? = events.first else { return XCTFail(name) }
            XCTAssertEqual(source, name)
            XCTAssertEqual(reason, "空文件")
        }
        XCTAssertEqual(reader.events(data: Data([0xEF, 0xBB, 0xBF]), source: "bom.txt").count, 1)
    }

    func testInvalidUTF8NamesByteOffset() {
        var data = Data("坐席：您好\n".utf8)
        data.append(contentsOf: [0xC3, 0x28])
        let events = reader.events(data: data, source: "bad.vtt")
        XCTAssertEqual(errorsIn(events).first?.kind, .invalidUTF8(offset: 16))
        XCTAssertTrue(errorsIn(events).first?.description.contains("第 16 字节") == true)
        // In a text file only the call holding the bad line fails.
        var text = Data("=== a ===\n坐席：".utf8)
        text.append(0xFF)
        text.append(Data("\n=== b ===\n坐席：您好\n".utf8))
        let textEvents = reader.events(data: text, source: "t.txt")
        XCTAssertEqual(callsIn(textEvents).map(\.id), ["b"])
        XCTAssertEqual(errorsIn(textEvents).first?.callID, "a")
        XCTAssertEqual(errorsIn(textEvents).first?.line, 2)
    }

    func testUnreadableFileIsOneFailure() throws {
        let dir = try temporaryDirectory()
        let events = reader.events(file: dir.appendingPathComponent("missing.txt").path)
        XCTAssertEqual(errorsIn(events).first?.kind, .unreadable)
        XCTAssertEqual(reader.events(file: dir.path).first?.error?.reason, "是目录，不是文件")
    }

    // MARK: Directory walking

    func testFilesUnderDirectory() throws {
        let dir = try temporaryDirectory()
        let fm = FileManager.default
        for sub in ["b", "a/deep", ".hidden"] {
            try fm.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        for name in ["z.txt", "a/deep/x.SRT", "a/y.csv", "b/w.jsonl", "b/v.vtt", "b/notes.md", ".hidden/h.txt", "b/.h.txt", "a.json"] {
            try Data("坐席：您好\n".utf8).write(to: dir.appendingPathComponent(name))
        }
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("b/broken.txt").path, withDestinationPath: "/nonexistent/huashu")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("a/loop").path, withDestinationPath: dir.path)

        let list = TranscriptReader.files(under: dir.path)
        let relative = list.files.map { String($0.dropFirst(dir.path.count + 1)) }
        XCTAssertEqual(relative, ["a/deep/x.SRT", "a/y.csv", "a.json", "b/broken.txt", "b/v.vtt", "b/w.jsonl", "z.txt"])
        XCTAssertEqual(list.errors.count, 0)
        // The broken link is listed, and reading it reports it.
        XCTAssertEqual(reader.events(file: dir.appendingPathComponent("b/broken.txt").path).first?.error?.kind, .unreadable)

        let single = TranscriptReader.files(under: [dir.appendingPathComponent("b/notes.md").path, dir.appendingPathComponent("nope").path])
        XCTAssertEqual(single.files.count, 1, "a named file is taken whatever its extension")
        XCTAssertEqual(single.errors.first?.reason, "文件或目录不存在")
    }

    func testStreamingStopsWhenBodyThrows() throws {
        struct Stop: Error {}
        let sources: [(String, String)] = [
            ("坐席：a\n\n客户：b\n坐席：c\n\n坐席：d\n客户：e\n", "s.txt"),
            ("{\"id\": \"a\", \"turns\": []}\n{\"id\": \"b\", \"turns\": []}\n", "s.jsonl"),
            ("call_id,speaker,text\na,坐席,x\nb,坐席,y\n", "s.csv"),
            ("1\n00:00:01,000 --> 00:00:02,000\n坐席：您好\n", "s.srt"),
            ("", "empty.txt"),
        ]
        for (text, source) in sources {
            var seen = 0
            XCTAssertThrowsError(try reader.read(data: Data(text.utf8), source: source) { _ in
                seen += 1
                throw Stop()
            }, source) { XCTAssertTrue($0 is Stop) }
            XCTAssertEqual(seen, 1, source)
        }
        var seen = 0
        XCTAssertThrowsError(try reader.read(file: try fixture("calls.jsonl")) { _ in
            seen += 1
            if seen == 2 { throw Stop() }
        })
        XCTAssertEqual(seen, 2)
    }
}
