/// One self-contained HTML page for reviewers (Chinese UI): inline CSS, inline
/// SVG charts, no script and no external assets, so it can be mailed or
/// archived as a single file.
///
/// The page has a summary (calls, mean score, findings, failed and skipped
/// sources), bar charts of mean score per agent, findings per category and
/// missing steps, a per-agent table with each agent's lowest-scoring calls, and
/// then every call: its header (id, agent, channel, source, score), its missing
/// steps and other call-level findings, and its transcript with the speaker of
/// each turn, customer turns dimmed and staff findings highlighted at their
/// characters (hover for the message and suggestion; each finding is also
/// listed under its turn). All text from calls and phrasebooks is escaped.
public struct HTMLReporter: ReviewReporter {
    /// The page title and heading.
    public var title: String
    /// Shown under the heading (e.g. the run date or the input files), when given.
    public var subtitle: String?

    public init(title: String = "话术审查报告", subtitle: String? = nil) {
        self.title = title
        self.subtitle = subtitle
    }

    public func render(_ reviews: [CallReview], summary: ReviewSummary) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"generator\" content=\"huashu\">\n"
        out += "<title>\(esc(title))</title>\n<style>\(Self.css)</style>\n</head>\n<body>\n"
        out += "<header class=\"page-head\"><h1>\(esc(title))</h1>"
        if let subtitle { out += "<p class=\"subtitle\">\(esc(subtitle))</p>" }
        out += "</header>\n<main>\n"
        out += stats(reviews, summary)
        out += charts(summary)
        out += agentTable(reviews, summary)
        out += sources(summary)
        out += calls(reviews)
        out += "</main>\n<footer class=\"page-foot\">由 huashu 生成</footer>\n</body>\n</html>\n"
        return out
    }

    // MARK: - Summary

    private func stats(_ reviews: [CallReview], _ s: ReviewSummary) -> String {
        let g = s.overall
        let missing = g.missingBySteps.values.reduce(0, +)
        func stat(_ value: String, _ label: String, _ cls: String = "") -> String {
            "<div class=\"stat \(cls)\"><div class=\"num\">\(esc(value))</div><div class=\"label\">\(esc(label))</div></div>"
        }
        var out = "<section class=\"stats\" aria-label=\"概览\">"
        out += stat(String(g.calls), "已审查通话")
        out += stat(g.calls == 0 ? "–" : ReviewFormat.score(g.meanScore), "平均分", g.calls == 0 ? "" : "tone-\(ReviewFormat.tone(g.meanScore))")
        out += stat(String(g.findings), "话术问题")
        out += stat(String(missing), "缺失环节")
        out += stat(String(s.failed.count), "读取失败", s.failed.isEmpty ? "" : "alert")
        out += stat(String(s.skipped.count), "已跳过")
        out += "</section>\n"
        return out
    }

    private func charts(_ s: ReviewSummary) -> String {
        var out = "<section class=\"charts\">"
        // Mean score per agent, lowest first.
        let agents = s.byAgent.sorted { $0.value.meanScore != $1.value.meanScore ? $0.value.meanScore < $1.value.meanScore : $0.key < $1.key }
        let agentBars = agents.map { name, g in
            SVGBarChart.Bar(label: name, value: g.meanScore, text: ReviewFormat.score(g.meanScore), color: Self.toneColor(g.meanScore),
                            tooltip: "\(name)：平均 \(ReviewFormat.score(g.meanScore)) 分，\(g.calls) 通")
        }
        out += figure("各坐席平均分", SVGBarChart(title: "各坐席平均分", bars: agentBars, scale: 100))
        // Findings per category, most first.
        let categories = s.overall.findingsByCategory.filter { $0.value > 0 }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let categoryBars = categories.map { c, n in
            SVGBarChart.Bar(label: c.chineseName, value: Double(n), text: String(n), color: "#4f6bd8", tooltip: "\(c.chineseName)（\(c.rawValue)）：\(n) 处")
        }
        out += figure("各类问题数量", SVGBarChart(title: "各类问题数量", bars: categoryBars, scale: nil))
        let steps = s.overall.missingBySteps.filter { $0.value > 0 }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        if !steps.isEmpty {
            let stepBars = steps.map { step, n in
                SVGBarChart.Bar(label: ReviewFormat.stepName(step), value: Double(n), text: "\(n) 通", color: "#d97706", tooltip: "缺少\(ReviewFormat.stepName(step))：\(n) 通")
            }
            out += figure("缺失环节", SVGBarChart(title: "缺失环节", bars: stepBars, scale: nil))
        }
        out += "</section>\n"
        return out
    }

    private func figure(_ caption: String, _ chart: SVGBarChart) -> String {
        var out = "<figure class=\"chart\"><figcaption>\(esc(caption))</figcaption>"
        out += chart.bars.isEmpty ? "<p class=\"empty\">暂无数据</p>" : chart.render()
        return out + "</figure>"
    }

    private func agentTable(_ reviews: [CallReview], _ s: ReviewSummary) -> String {
        guard !s.byAgent.isEmpty else { return "" }
        // Anchor of the first call with each id, for links from the worst lists.
        var anchors: [String: String] = [:]
        for (i, r) in reviews.enumerated() where anchors[r.call.id] == nil { anchors[r.call.id] = Self.anchor(i) }
        var out = "<section class=\"agents\"><h2>坐席汇总</h2><table><thead><tr><th>坐席</th><th class=\"n\">通话</th><th class=\"n\">平均分</th><th class=\"n\">话术问题</th><th class=\"n\">缺失环节</th><th>得分最低的通话</th></tr></thead><tbody>"
        for name in s.byAgent.keys.sorted() {
            let g = s.byAgent[name]!
            let worst = g.worst.map { w -> String in
                let label = "\(esc(w.id))（\(esc(ReviewFormat.score(w.score)))）"
                guard let a = anchors[w.id] else { return "<span class=\"worst\">\(label)</span>" }
                return "<a class=\"worst\" href=\"#\(a)\">\(label)</a>"
            }.joined(separator: "、")
            out += "<tr><td>\(esc(name))</td><td class=\"n\">\(g.calls)</td>"
            out += "<td class=\"n\"><span class=\"score-text tone-\(ReviewFormat.tone(g.meanScore))\">\(esc(ReviewFormat.score(g.meanScore)))</span></td>"
            out += "<td class=\"n\">\(g.findings)</td><td class=\"n\">\(g.missingBySteps.values.reduce(0, +))</td><td>\(worst)</td></tr>"
        }
        return out + "</tbody></table></section>\n"
    }

    private func sources(_ s: ReviewSummary) -> String {
        func list(_ items: [(source: String, reason: String)]) -> String {
            "<ul class=\"sources\">" + items.map { "<li><code>\(esc($0.source))</code>：\(esc($0.reason))</li>" }.joined() + "</ul>"
        }
        var out = ""
        if !s.failed.isEmpty {
            out += "<section class=\"problems failed\"><h2>读取失败（\(s.failed.count)）</h2>\(list(s.failed))</section>\n"
        }
        if !s.skipped.isEmpty {
            out += "<section class=\"problems skipped\"><h2>已跳过（\(s.skipped.count)）</h2>\(list(s.skipped))</section>\n"
        }
        return out
    }

    // MARK: - Calls

    private func calls(_ reviews: [CallReview]) -> String {
        var out = "<section class=\"calls\"><h2>通话详情</h2>\n"
        if reviews.isEmpty { out += "<p class=\"empty\">没有可显示的通话。</p>\n" }
        for (i, r) in reviews.enumerated() { out += call(r, anchor: Self.anchor(i)) }
        return out + "</section>\n"
    }

    private func call(_ r: CallReview, anchor: String) -> String {
        let c = r.call
        let tone = ReviewFormat.tone(r.score)
        var out = "<article class=\"call\" id=\"\(anchor)\">"
        out += "<header class=\"call-head\"><h3>通话 <span class=\"call-id\">\(esc(c.id))</span></h3>"
        out += "<span class=\"score tone-\(tone)\" title=\"得分\">\(esc(ReviewFormat.score(r.score)))<small>分</small></span>"
        out += "<dl class=\"meta\"><dt>坐席</dt><dd>\(esc(c.agent ?? ReviewSummary.unknownAgent))</dd>"
        if let ch = c.channel { out += "<dt>渠道</dt><dd>\(esc(ReviewFormat.channelName(ch)))</dd>" }
        if let o = c.origin { out += "<dt>来源</dt><dd><code>\(esc(o))</code></dd>" }
        let staffFindings = r.findings.filter { $0.turn != nil && $0.finding.category != .structure }.count
        out += "<dt>问题</dt><dd>\(staffFindings) 处</dd></dl></header>"

        // Findings by turn; those about the whole call (or an unknown turn) go above the transcript.
        var byTurn: [Int: [Finding]] = [:]
        var callLevel: [Finding] = []
        for cf in r.findings {
            if let t = cf.turn, c.turns.indices.contains(t) { byTurn[t, default: []].append(cf.finding) } else { callLevel.append(cf.finding) }
        }
        if !r.missing.isEmpty {
            out += "<div class=\"missing\"><span class=\"missing-label\">缺少环节：</span><ul>"
            for step in r.missing {
                let f = callLevel.first { $0.step == step }
                let tip = f.map { " title=\"\(HTMLEscape.attribute($0.message))\"" } ?? ""
                out += "<li\(tip)><span class=\"chip\">\(esc(ReviewFormat.stepName(step)))</span>"
                if let f { out += "<span class=\"missing-advice\">\(esc(f.message))</span>" }
                out += "</li>"
            }
            out += "</ul></div>"
        }
        let others = callLevel.filter { f in !(f.step.map(r.missing.contains) ?? false) }
        if !others.isEmpty { out += "<ul class=\"notes call-notes\">" + others.map(note).joined() + "</ul>" }

        if c.turns.isEmpty {
            out += "<p class=\"empty\">（无对话内容）</p>"
        } else {
            out += "<ol class=\"transcript\">"
            for (i, t) in c.turns.enumerated() {
                let findings = (byTurn[i] ?? []).sorted { $0.start != $1.start ? $0.start < $1.start : $0.end < $1.end }
                out += "<li class=\"turn role-\(t.role.rawValue)\(findings.isEmpty ? "" : " has-findings")\">"
                out += "<div class=\"who\"><span class=\"speaker\">\(esc(t.speaker.isEmpty ? "（未标注）" : t.speaker))</span>"
                if let start = t.start { out += "<span class=\"time\">\(esc(ReviewFormat.clock(start)))</span>" }
                out += "</div><div class=\"said\"><p class=\"text\">\(TranscriptHighlighter.html(t.text, findings: findings))</p>"
                if !findings.isEmpty { out += "<ul class=\"notes\">" + findings.map(note).joined() + "</ul>" }
                out += "</div></li>"
            }
            out += "</ol>"
        }
        return out + "</article>\n"
    }

    /// One finding in words: severity, category, the words matched, message, best suggestion, rule.
    private func note(_ f: Finding) -> String {
        var out = "<li><span class=\"sev sev-\(f.severity.rawValue)\">\(esc(f.severity.chineseName))</span>"
        if f.category != .structure { out += "<span class=\"cat\">\(esc(f.category.chineseName))</span>" }
        if !f.match.isEmpty { out += "<q>\(esc(f.match))</q>" }
        out += "<span class=\"msg\">\(esc(f.message))</span>"
        if let s = f.suggestions.first { out += "<span class=\"sugg\">建议：\(esc(s))</span>" }
        if let src = f.source { out += "<span class=\"src\">依据：\(esc(src))</span>" }
        out += "<code class=\"rule\">\(esc(f.ruleID))</code></li>"
        return out
    }

    // MARK: - Helpers

    private func esc(_ s: String) -> String { HTMLEscape.text(s) }

    static func anchor(_ index: Int) -> String { "call-\(index + 1)" }

    static func toneColor(_ score: Double) -> String {
        switch ReviewFormat.tone(score) {
        case "good": "#1f9d55"
        case "fair": "#d99a06"
        default: "#d64545"
        }
    }

    static let css = """
    :root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#f6f7f9;--card:#fff;--good:#1f9d55;--fair:#b7791f;--poor:#d64545}
    *{box-sizing:border-box}
    body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.65 "PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",system-ui,sans-serif}
    main{max-width:1080px;margin:0 auto;padding:0 20px 40px}
    .page-head{max-width:1080px;margin:0 auto;padding:28px 20px 8px}
    .page-head h1{margin:0;font-size:26px}
    .subtitle{margin:4px 0 0;color:var(--muted)}
    h2{font-size:18px;margin:28px 0 12px}
    code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
    .stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:12px;margin:16px 0}
    .stat{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px}
    .stat .num{font-size:28px;font-weight:700;line-height:1.2}
    .stat .label{color:var(--muted);font-size:13px}
    .stat.alert .num{color:var(--poor)}
    .tone-good{color:var(--good)}.tone-fair{color:var(--fair)}.tone-poor{color:var(--poor)}
    .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:12px}
    .chart{margin:0;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;overflow-x:auto}
    .chart figcaption{font-weight:600;margin-bottom:6px}
    .chart svg{max-width:100%;height:auto;display:block}
    .empty{color:var(--muted);margin:8px 0}
    table{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden}
    th,td{padding:8px 12px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
    th{background:#f9fafb;font-weight:600;font-size:13px;color:var(--muted)}
    td.n,th.n{text-align:right;white-space:nowrap}
    tr:last-child td{border-bottom:0}
    a{color:#2f55d4;text-decoration:none}a:hover{text-decoration:underline}
    .problems{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:4px 16px 8px;margin-top:16px}
    .problems.failed{border-color:#f5c2c2;background:#fff7f7}
    .problems h2{font-size:16px;margin:10px 0 4px}
    .sources{margin:0;padding-left:20px}
    .call{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px 18px;margin:0 0 16px}
    .call-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:6px 16px;border-bottom:1px solid var(--line);padding-bottom:10px}
    .call-head h3{margin:0;font-size:17px}
    .call-id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
    .score{font-size:22px;font-weight:700;order:3;margin-left:auto}
    .score small{font-size:12px;font-weight:400;margin-left:2px;color:var(--muted)}
    .meta{display:flex;flex-wrap:wrap;gap:2px 0;margin:0;color:var(--muted);font-size:13px}
    .meta dt::after{content:"："}.meta dd{margin:0 16px 0 0;color:var(--ink)}
    .missing{margin:10px 0 0;padding:8px 12px;background:#fff8eb;border:1px solid #f6d9a8;border-radius:8px;font-size:14px}
    .missing-label{font-weight:600;color:#92400e}
    .missing ul{list-style:none;margin:4px 0 0;padding:0}
    .missing li{margin:2px 0}
    .chip{display:inline-block;background:#fde7c4;color:#7c2d12;border-radius:999px;padding:0 10px;margin-right:8px;font-size:13px}
    .missing-advice{color:#6b4a1d}
    .transcript{list-style:none;margin:12px 0 0;padding:0}
    .turn{display:grid;grid-template-columns:112px 1fr;gap:10px;padding:7px 0;border-bottom:1px dashed #eef0f3}
    .turn:last-child{border-bottom:0}
    .who{text-align:right;font-size:13px;padding-top:2px}
    .speaker{display:inline-block;font-weight:600;border-radius:6px;padding:0 8px;background:#e8eefc;color:#2942a3}
    .time{display:block;color:var(--muted);font-size:12px;font-variant-numeric:tabular-nums}
    .text{margin:0;white-space:pre-wrap;word-break:break-word}
    .role-customer .speaker,.role-unknown .speaker{background:#eef0f3;color:#4b5563}
    .role-customer .said,.role-unknown .said{color:#8a919c}
    .role-customer,.role-unknown{opacity:.75}
    .role-unknown .speaker{font-style:italic}
    mark{color:inherit;border-radius:3px;padding:0 1px;cursor:help}
    mark.sev-error{background:#fde0e0;box-shadow:inset 0 -2px 0 #d64545}
    mark.sev-warning{background:#fff0c2;box-shadow:inset 0 -2px 0 #e0a100}
    mark.sev-info{background:#e2edff;box-shadow:inset 0 -2px 0 #4f7be0}
    mark:hover{filter:saturate(1.6) brightness(.97)}
    .notes{list-style:none;margin:6px 0 2px;padding:0;font-size:13px;color:#4b5563}
    .notes li{margin:3px 0;padding-left:2px}
    .notes li>*{margin-right:6px}
    .call-notes{margin-top:10px}
    .sev{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600}
    .sev.sev-error{background:#fde0e0;color:#a61b1b}.sev.sev-warning{background:#fff0c2;color:#8a5a00}.sev.sev-info{background:#e2edff;color:#1e4fb8}
    .cat{color:var(--ink);font-weight:600}
    .notes q{color:var(--ink)}
    .notes q::before{content:"“"}.notes q::after{content:"”"}
    .sugg{color:#166534}
    .src{color:var(--muted)}
    .rule{color:#9ca3af;font-size:11px}
    .page-foot{text-align:center;color:var(--muted);font-size:12px;padding:0 0 24px}
    @media print{body{background:#fff}.call,.stat,.chart,table{break-inside:avoid;border-color:#ccc}}
    """
}
