import ArgumentParser
import Dispatch
import Foundation
import Huashu

enum ReviewFormat: String, StringEnumArgument { case text, jsonl, json, csv, sarif }

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "质检：审核通话/柜面对话记录，只评判员工话轮，输出每通评分、问题与缺失环节。",
        discussion: """
        输入：带说话人标签的文本（坐席：/客户：…）、JSONL 通话、WebVTT、SRT、CSV；目录会递归读取；省略路径时读取标准输入（JSONL 逐行流式处理）。
        退出状态：0 没有达到 --fail-on 级别的问题，1 有问题，2 用法或输入错误（坏文件会报告原因，其余照常审核）。
        """
    )

    @Argument(help: ArgumentHelp("记录文件或目录（省略表示标准输入）。", valueName: "path"))
    var paths: [String] = []

    @Option(name: .customLong("input-format"), help: "输入格式：auto、text、jsonl、vtt、srt、csv。")
    var inputFormat: String = "auto"

    @Option(help: "输出格式：text、jsonl、json、csv 或 sarif。")
    var format: ReviewFormat = .text

    @Option(help: ArgumentHelp("另外生成一个自包含的 HTML 报告。", valueName: "file"))
    var html: String?

    @Flag(help: "CSV 输出加 UTF-8 BOM（便于 Excel 打开）。")
    var bom = false

    @Option(name: .customLong("staff-label"), help: "追加表示员工的说话人标签（可重复）。")
    var staffLabels: [String] = []

    @Option(name: .customLong("customer-label"), help: "追加表示客户的说话人标签（可重复）。")
    var customerLabels: [String] = []

    @Option(help: ArgumentHelp("隐藏基线文件中已接受的问题。", valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("把本次全部问题写入基线文件。", valueName: "file"))
    var writeBaseline: String?

    @Option(help: "并行线程数（默认：全部核心）。")
    var jobs: Int?

    @Option(name: .customLong("fail-on"), help: "达到此级别的问题使退出状态为 1：error、warning、info 或 never。")
    var failOn: FailLevel = .warning

    @OptionGroup var books: PhrasebookOptions

    func run() throws {
        let book = try books.load()
        let reviewer = try Reviewer(phrasebook: book)
        var roles = SpeakerRoles.default
        roles.staff += staffLabels
        roles.customer += customerLabels
        let accepted = try baseline.map { path -> Baseline in
            do { return try Baseline(contentsOf: path) } catch { throw UserError("\(path): 无法读取基线文件：\(error.localizedDescription)") }
        } ?? Baseline()
        var session = ReviewSession(
            reviewer: reviewer, baseline: accepted, format: format, bom: bom,
            keepAll: html != nil || format == .json || format == .sarif, writeBaseline: writeBaseline != nil,
            threshold: failOn.threshold, jobs: max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount))
        var explicit: TranscriptFormat?
        if inputFormat != "auto" {
            guard let f = TranscriptFormat(rawValue: inputFormat) else {
                throw UserError("未知的输入格式 “\(inputFormat)”（可用：auto、\(TranscriptFormat.allCases.map(\.rawValue).joined(separator: "、"))）")
            }
            explicit = f
        }
        let reader = TranscriptReader(roles: roles, format: explicit)
        let list = TranscriptReader.files(under: paths.isEmpty ? ["-"] : paths)
        for e in list.errors { session.fail(e.location, e.message) }
        var batch: [Call] = []
        func handle(_ event: TranscriptEvent) {
            switch event {
            case .call(let c):
                batch.append(c)
                if batch.count >= 256 { session.review(batch); batch.removeAll(keepingCapacity: true) }
            case .failed(let e): session.fail(e.location, e.message)
            case .skipped(let source, let reason): session.skip(source, reason)
            }
        }
        for path in list.files {
            reader.read(file: path, handle)
        }
        session.review(batch)
        session.finish()
        if let html {
            do { try session.htmlReport().write(toFile: html, atomically: true, encoding: .utf8) } catch {
                throw UserError("\(html): 无法写入 HTML 报告：\(error.localizedDescription)")
            }
        }
        if let writeBaseline {
            do { try session.accepted.write(to: writeBaseline) } catch {
                throw UserError("\(writeBaseline): 无法写入基线文件：\(error.localizedDescription)")
            }
        }
        Output.flush()
        if !session.summary.failed.isEmpty { throw ExitCode(2) }
        if session.failing > 0 { throw ExitCode(1) }
    }
}

/// State of one review run: reviews batches in parallel, streams output in
/// input order, and keeps the totals.
struct ReviewSession {
    let reviewer: Reviewer
    let baseline: Baseline
    let format: ReviewFormat
    let bom: Bool
    /// Keep every review in memory (json, sarif and html need them all).
    let keepAll: Bool
    let writeBaseline: Bool
    let threshold: Severity?
    let jobs: Int
    var summary = ReviewSummary()
    var reviews: [CallReview] = []
    var accepted = Baseline()
    var failing = 0
    private var wroteCSVHeader = false
    private let started = Date()
    private var lastProgress = Date()
    private let progress = isatty(2) == 1

    init(reviewer: Reviewer, baseline: Baseline, format: ReviewFormat, bom: Bool, keepAll: Bool, writeBaseline: Bool, threshold: Severity?, jobs: Int) {
        self.reviewer = reviewer
        self.baseline = baseline
        self.format = format
        self.bom = bom
        self.keepAll = keepAll
        self.writeBaseline = writeBaseline
        self.threshold = threshold
        self.jobs = jobs
    }

    mutating func fail(_ source: String, _ reason: String) {
        summary.failed.append((source, reason))
        Output.error("huashu: \(source): \(reason)")
    }

    mutating func skip(_ source: String, _ reason: String) {
        summary.skipped.append((source, reason))
    }

    /// Reviews `calls` in parallel (at most `jobs` at once) and emits them in order.
    mutating func review(_ calls: [Call]) {
        guard !calls.isEmpty else { return }
        let box = ConcurrentSlots<CallReview>(count: calls.count)
        let reviewer = self.reviewer
        let workers = min(jobs, calls.count)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < calls.count {
                box.set(i, reviewer.review(calls[i]))
                i += workers
            }
        }
        for var r in box.values {
            if r.call.turns.allSatisfy({ $0.role != .staff }) {
                skip(r.call.origin ?? r.call.id, "没有员工话轮")
                continue
            }
            if writeBaseline { accepted.add(r) }
            r = baseline.filter(r, scoring: reviewer.scoring)
            summary.add(r)
            if let t = threshold { failing += r.findings.filter { $0.finding.severity >= t }.count }
            emit(r)
            if keepAll { reviews.append(r) }
        }
        showProgress()
    }

    private mutating func emit(_ r: CallReview) {
        switch format {
        case .jsonl: Output.line(ReviewJSONLReporter().line(r))
        case .text: Output.write(ReviewText.call(r))
        case .csv:
            var csv = ReviewCSVReporter(byteOrderMark: bom && !wroteCSVHeader).render([r])
            if wroteCSVHeader, let nl = csv.range(of: "\r\n") { csv = String(csv[nl.upperBound...]) }
            wroteCSVHeader = true
            Output.write(csv)
        case .json, .sarif: break
        }
    }

    private mutating func showProgress() {
        guard progress, Date().timeIntervalSince(started) > 1, Date().timeIntervalSince(lastProgress) > 0.2 else { return }
        lastProgress = Date()
        let n = summary.overall.calls
        let rate = Double(n) / Date().timeIntervalSince(started)
        FileHandle.standardError.write(Data("\r已审核 \(n) 通（\(Int(rate)) 通/秒），失败 \(summary.failed.count)".utf8))
    }

    mutating func finish() {
        if progress && Date().timeIntervalSince(started) > 1 { FileHandle.standardError.write(Data("\n".utf8)) }
        switch format {
        case .text: Output.write(ReviewText.summary(summary))
        case .json: Output.line(ReviewJSONReporter().render(reviews, summary: summary))
        case .sarif: Output.line(SARIFReporter(toolVersion: HuashuCommand.configuration.version).render(reviews))
        case .csv: if !wroteCSVHeader { Output.write(ReviewCSVReporter(byteOrderMark: bom).render([])) }
        case .jsonl: break
        }
    }

    func htmlReport() -> String { HTMLReporter().render(reviews, summary: summary) }
}
