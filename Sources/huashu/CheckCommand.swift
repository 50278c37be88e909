import ArgumentParser
import Dispatch
import Foundation
import Huashu

enum OutputFormat: String, StringEnumArgument { case text, json, jsonl }
enum InputFormat: String, StringEnumArgument { case text, jsonl }
enum FailLevel: String, StringEnumArgument {
    case error, warning, info, never
    var threshold: Severity? { self == .never ? nil : Severity(rawValue: rawValue) }
}
extension ColorMode: StringEnumArgument {}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "检查草稿或文本中的服务忌语。",
        discussion: """
        没有给出文件时读取标准输入。退出状态：0 没有达到 --fail-on 级别的问题，1 有问题，2 用法、输入或话术库错误。
        --input-format jsonl：每行一个 {"id": …, "text": …}，按输入顺序每行输出一条结果；坏行输出带 "error" 字段的结果并继续。
        """
    )

    @Argument(help: ArgumentHelp("要检查的文件（“-” 或省略表示标准输入）。", valueName: "file"))
    var files: [String] = []

    @Option(help: "输出格式：text、json 或 jsonl。")
    var format: OutputFormat = .text

    @Option(name: .customLong("input-format"), help: "输入格式：text（整份文本）或 jsonl（每行 {\"id\",\"text\"}）。")
    var inputFormat: InputFormat = .text

    @Option(name: .customLong("fail-on"), help: "达到此级别的问题使退出状态为 1：error、warning、info 或 never。")
    var failOn: FailLevel = .warning

    @Option(help: "颜色：auto（终端且未设置 NO_COLOR 时）、always 或 never。")
    var color: ColorMode = .auto

    @Flag(help: "把草稿当作对投诉的答复，检查致歉、共情、担当、承诺时限、致谢是否齐全。")
    var reply = false

    @Flag(help: "只应用安全的直接替换（带 replace 的规则），输出改写后的草稿，并在标准错误上显示差异。")
    var fix = false

    @Flag(help: "与 --fix 一起使用：把改写结果写回文件，并在标准输出显示差异。")
    var write = false

    @OptionGroup var books: PhrasebookOptions

    func validate() throws {
        if write && !fix { throw ValidationError("--write 需要与 --fix 一起使用") }
        if fix && inputFormat == .jsonl { throw ValidationError("--fix 只能用于整份文本输入，不能与 --input-format jsonl 一起使用") }
        if write && (files.isEmpty || files.contains("-")) { throw ValidationError("--write 需要文件参数，不能写回标准输入") }
    }

    func run() throws {
        let analyzer: Analyzer
        do {
            analyzer = try Analyzer(phrasebook: try books.load())
        } catch let error as UserError {
            throw error
        } catch {
            throw UserError("无法初始化 ICU：\(error)")
        }
        let shape = reply ? ReplyShapeChecker(phrasebook: analyzer.phrasebook) : nil
        let sources = files.isEmpty ? ["-"] : files
        if sources.filter({ $0 == "-" }).count > 1 { throw UserError("标准输入（-）只能出现一次") }
        var status = Status(threshold: failOn.threshold)
        switch inputFormat {
        case .text: try checkTexts(sources, analyzer: analyzer, shape: shape, status: &status)
        case .jsonl: checkRecords(sources, analyzer: analyzer, shape: shape, status: &status)
        }
        // Exit here, while the analyzer is still alive, so nothing is torn down.
        Output.exit(status.inputErrors > 0 ? 2 : status.failing > 0 ? 1 : 0)
    }

    struct Status {
        /// `--fail-on` as a severity, read once (option wrappers are slow to read per record).
        let threshold: Severity?
        var texts = 0
        var inputErrors = 0
        var failing = 0
        var all: [Finding] = []
    }

    private func counts(_ findings: [Finding], _ status: inout Status) {
        status.texts += 1
        if let t = status.threshold { status.failing += findings.filter { $0.severity >= t }.count }
    }

    // MARK: Whole files

    private func checkTexts(_ sources: [String], analyzer: Analyzer, shape: ReplyShapeChecker?, status: inout Status) throws {
        let reporter = TextReporter(color: Output.useColor(color))
        var json = CheckJSONOutput()
        for path in sources {
            func fail(_ error: UserError) {
                Output.error("huashu: \(error.description)")
                status.inputErrors += 1
                if format == .jsonl { Output.json(JSON.Value.object([("id", .string(Input.displayName(path))), ("error", .string(error.description))])) }
            }
            let bytes: [UInt8]
            do {
                bytes = try Input.readBytes(path)
            } catch let error as UserError {
                fail(error)
                continue
            }
            // UTF-8 is checked while folding; a String is made only when an output needs one.
            guard var findings = analyzer.analyze(utf8: bytes) else {
                fail(Input.invalidUTF8(bytes, path: path))
                continue
            }
            let needsText = fix || shape != nil || format == .text
            let text = needsText ? String(decoding: bytes, as: UTF8.self) : ""
            let name = Input.displayName(path)
            if fix {
                let edits = Fixer.edits(for: findings)
                let fixed = Fixer.apply(edits, to: text)
                let diff = Self.diff(old: text, new: fixed, path: name)
                if write {
                    if !edits.isEmpty {
                        do { try Data(fixed.utf8).write(to: URL(fileURLWithPath: path)) } catch {
                            Output.error("huashu: \(path): 无法写入文件：\(error.localizedDescription)")
                            status.inputErrors += 1
                        }
                    }
                    Output.write(diff)
                    Output.line("\(name)：应用了 \(edits.count) 处替换")
                } else {
                    Output.write(fixed)
                    Output.flush()
                    Output.error(diff + "\(name)：应用了 \(edits.count) 处替换")
                }
                let fixedRanges = Set(edits.map { $0.start })
                findings = findings.filter { !($0.replacement != nil && fixedRanges.contains($0.start)) }
                counts(findings, &status)
                status.all += findings
                continue
            }
            let replyShape = shape?.check(text)
            if let replyShape { findings += replyShape.findings }
            counts(findings, &status)
            status.all += findings
            switch format {
            case .text:
                Output.write(reporter.render(findings.filter { $0.category != .structure || $0.end > $0.start }, text: text, path: name))
                if let replyShape {
                    for f in replyShape.findings where f.end == f.start { Output.line("\(name): info: \(f.message) [\(f.ruleID)]") }
                    Output.line("\(name): \(replyShape.summary)")
                }
            case .jsonl: json.writeLine(id: .string(name), findings: findings)
            case .json: json.appendItem(key: "path", id: .string(name), findings: findings)
            }
        }
        if fix { return }
        switch format {
        case .text:
            Output.line(TextReporter.summary(status.all, files: status.texts))
        case .json:
            json.writeDocument(arrayKey: "files", summary: summary(status))
        case .jsonl: break
        }
    }

    private func summary(_ status: Status) -> JSON.Value {
        let byCategory = Dictionary(grouping: status.all, by: \.category).sorted { $0.key < $1.key }
        return .object([
            ("texts", .int(status.texts)), ("findings", .int(status.all.count)),
            ("by_category", .object(byCategory.map { ($0.key.rawValue, .int($0.value.count)) })),
        ])
    }

    // MARK: JSON lines

    /// Streams records in batches analysed in parallel; output keeps input order.
    private func checkRecords(_ sources: [String], analyzer: Analyzer, shape: ReplyShapeChecker?, status: inout Status) {
        let format = self.format  // read per record below: once from the option wrapper
        let reporter = TextReporter(color: Output.useColor(color))
        // Records with "turns" are calls: reviewed as `huashu review` would (staff turns only).
        let calls = CallRecords(phrasebook: analyzer.phrasebook)
        var json = CheckJSONOutput()
        for path in sources {
            let handle: FileHandle
            if path == "-" { handle = .standardInput } else if let h = FileHandle(forReadingAtPath: path) { handle = h } else {
                Output.error("huashu: \(path): 无法读取文件")
                status.inputErrors += 1
                continue
            }
            var reader = LineReader(handle: handle)
            var batch: [(line: Int, bytes: ArraySlice<UInt8>)] = []
            let batchSize = 256
            func drain() {
                let results = RecordBatch.analyze(batch, analyzer: analyzer, shape: shape, calls: calls)
                for r in results {
                    switch r {
                    case .skipped: continue
                    case .failed(let id, let message):
                        status.inputErrors += 1
                        Output.error("huashu: \(Input.displayName(path)):\(idDescription(id)): \(message)")
                        let value = JSON.Value.object([("id", id), ("error", .string(message)), ("findings", .array([]))])
                        if format == .json { json.appendItem(value) } else if format == .jsonl { Output.json(value) }
                    case .reviewed(let review):
                        let findings = review.findings.map(\.finding)
                        counts(findings, &status)
                        status.all += findings
                        switch format {
                        case .jsonl: Output.line(ReviewJSONLReporter().line(review))
                        case .json: json.appendItem(ReviewJSONLReporter.object(review))
                        case .text: Output.write(ReviewText.call(review))
                        }
                    case .analyzed(let id, let text, let findings):
                        counts(findings, &status)
                        status.all += findings
                        switch format {
                        case .jsonl: json.writeLine(id: id, findings: findings)
                        case .json: json.appendItem(id: id, findings: findings)
                        case .text: Output.write(reporter.render(findings, text: text, path: idDescription(id)))
                        }
                    }
                }
                batch.removeAll(keepingCapacity: true)
            }
            while let line = reader.next() {
                batch.append((reader.lineNumber, line))
                if batch.count == batchSize { drain() }
            }
            drain()
            if reader.failed {
                Output.error("huashu: \(Input.displayName(path)): 无法读取文件")
                status.inputErrors += 1
            }
        }
        switch format {
        case .text: Output.line(TextReporter.summary(status.all, files: status.texts))
        case .json: json.writeDocument(arrayKey: "records", summary: summary(status))
        case .jsonl: break
        }
    }

    /// Changed lines as `-`/`+` pairs with line numbers.
    static func diff(old: String, new: String, path: String) -> String {
        guard old != new else { return "" }
        // Split on scalars: Swift treats "\r\n" as one Character, so a CRLF draft
        // would not split on "\n" at all.
        func lines(_ s: String) -> [String] { s.crlfAwareLines.map(String.init) }
        let a = lines(old)
        let b = lines(new)
        var out = "--- \(path)\n+++ \(path)（修改后）\n"
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? String(a[i]) : nil, y = i < b.count ? String(b[i]) : nil
            if x == y { continue }
            out += "@@ 第 \(i + 1) 行 @@\n"
            if let x { out += "-\(x)\n" }
            if let y { out += "+\(y)\n" }
        }
        return out
    }

    private func idDescription(_ id: JSON.Value) -> String {
        if case .string(let s) = id { return s }
        return id.text
    }
}

/// Decoding and analysing one batch of JSON lines in parallel.
enum RecordBatch {
    enum Result: Sendable {
        case skipped
        case failed(id: JSON.Value, message: String)
        case analyzed(id: JSON.Value, text: String, findings: [Finding])
        case reviewed(CallReview)
    }

    static func analyze(_ batch: [(line: Int, bytes: ArraySlice<UInt8>)], analyzer: Analyzer, shape: ReplyShapeChecker?,
                        calls: CallRecords) -> [Result] {
        let results = ConcurrentSlots<Result>(count: batch.count)
        DispatchQueue.concurrentPerform(iterations: batch.count) { i in
            results.set(i, analyzeLine(batch[i].line, batch[i].bytes, analyzer: analyzer, shape: shape, calls: calls))
        }
        return results.values
    }

    static func analyzeLine(_ number: Int, _ bytes: ArraySlice<UInt8>, analyzer: Analyzer, shape: ReplyShapeChecker?,
                            calls: CallRecords) -> Result {
        let lineID = JSON.Value.int(number)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return .skipped }
        guard UTF8Validation.isValid(bytes.span) else {
            if case .invalid(let offset, _, _) = UTF8Validation.validate(bytes) {
                return .failed(id: lineID, message: "第 \(number) 行不是有效的 UTF-8（行内第 \(offset) 字节）")
            }
            return .skipped
        }
        let object: JSON.Value
        do {
            object = try JSON.parse(bytes, validUTF8: true)
        } catch {
            return .failed(id: lineID, message: "第 \(number) 行不是有效的 JSON")
        }
        guard case .object = object else {
            return .failed(id: lineID, message: "第 \(number) 行应为 JSON 对象 {\"id\", \"text\"}")
        }
        let id = object["id"] ?? lineID
        if case .array? = object["turns"] {
            return calls.review(bytes, line: number, id: id)
        }
        guard let text = object["text"]?.stringValue else {
            return .failed(id: id, message: "第 \(number) 行缺少字符串字段 \"text\"")
        }
        return .analyzed(id: id, text: text, findings: analyzer.analyze(text) + (shape?.check(text).findings ?? []))
    }
}

/// Call records met in a `check --input-format jsonl` stream, reviewed with a
/// `Reviewer` built on first use (most streams have none).
final class CallRecords: @unchecked Sendable {
    private let phrasebook: Phrasebook
    private let lock = NSLock()
    private var reviewer: Reviewer?

    init(phrasebook: Phrasebook) { self.phrasebook = phrasebook }

    func review(_ bytes: ArraySlice<UInt8>, line: Int, id: JSON.Value) -> RecordBatch.Result {
        lock.lock()
        if reviewer == nil { reviewer = try? Reviewer(phrasebook: phrasebook) }
        let reviewer = self.reviewer
        lock.unlock()
        guard let reviewer else { return .failed(id: id, message: "无法初始化审核器") }
        let events = TranscriptReader(format: .jsonl).events(data: Data(bytes), source: "<stdin>:\(line)")
        for event in events {
            switch event {
            case .call(let call): return .reviewed(reviewer.review(call))
            case .failed(let e): return .failed(id: id, message: "第 \(line) 行：\(e.reason)")
            case .skipped: continue
            }
        }
        return .failed(id: id, message: "第 \(line) 行不是有效的通话记录")
    }
}
