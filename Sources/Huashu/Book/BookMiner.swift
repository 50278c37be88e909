import Foundation

/// Proposes candidate rules from call transcripts, for `huashu book mine`.
///
/// Staff turns are cut into ICU word n-grams (n = 1…3, never across
/// punctuation). An n-gram is a candidate when staff turns containing it are
/// unusually frequent in calls where the customer complains (phrasebook cue
/// `complaint`) or in the staff turn just before a complaint, compared with the
/// staff turns of the other calls, measured by a smoothed log-odds ratio (its
/// z-score), and when no rule of the book already flags it.
public struct BookMiner: Sendable {
    public struct Options: Sendable {
        /// Fewest target turns (complaint calls, or just before a complaint) an n-gram must occur in.
        public var minCount = 2
        /// Smallest z-score of the log-odds ratio.
        public var minScore = 1.5
        /// Most candidates reported.
        public var limit = 20
        /// Longest n-gram, in ICU words.
        public var maxN = 3
        /// Example turns kept per candidate.
        public var examples = 3
        public init() {}
    }

    /// A proposed pattern with its evidence.
    public struct Candidate: Sendable {
        /// The n-gram as folded text (simplified, lower case).
        public var text: String
        /// Its ICU words.
        public var words: [String]
        /// `text` written as a phrasebook pattern (syntax characters escaped).
        public var pattern: String
        /// Staff turns containing it: in complaint calls, just before a complaint, in the other calls.
        public var inComplaintCalls: Int
        public var beforeComplaint: Int
        public var inOtherCalls: Int
        /// The larger z-score of the two comparisons, and which one it came from
        /// (`complaint-call` or `before-complaint`).
        public var score: Double
        public var signal: String
        /// Staff turns it occurs in (turns just before a complaint first).
        public var examples: [(call: String, text: String)]
    }

    public struct Report: Sendable {
        public var calls = 0
        public var complaintCalls = 0
        /// Staff turns in complaint calls, just before a complaint, and in the other calls.
        public var complaintTurns = 0
        public var beforeComplaintTurns = 0
        public var otherTurns = 0
        public var candidates: [Candidate] = []
    }

    public let analyzer: Analyzer
    public var options: Options
    let cues: CueSet

    /// A miner for `analyzer`'s book, which must define the cue `complaint`.
    public init(analyzer: Analyzer, options: Options = Options()) throws {
        self.analyzer = analyzer
        self.options = options
        cues = CueSet(analyzer.phrasebook.cues)
        guard cues.has("complaint") else {
            throw BookError(description: "话术库没有定义投诉提示词（cues: complaint），无法判断哪些通话有投诉")
        }
    }

    private struct Counts {
        var complaint = 0, before = 0, other = 0
        var examples: [(call: String, text: String, before: Bool)] = []
    }

    public func mine(_ calls: [Call]) -> Report {
        var report = Report()
        report.calls = calls.count
        var grams: [String: Counts] = [:]
        var words: [String: [String]] = [:]
        for call in calls {
            let complains = call.turns.map { $0.role == .customer && cues.occurs("complaint", in: NormalizedText($0.text)) }
            let complaintCall = complains.contains(true)
            if complaintCall { report.complaintCalls += 1 }
            // The staff turn a complaint answers; a complaint in the customer's first turn answers none.
            var lastStaff: Int?
            var customerSpoke = false
            var beforeComplaint: Set<Int> = []
            for (i, turn) in call.turns.enumerated() {
                if turn.role == .staff { lastStaff = i }
                if complains[i] && customerSpoke, let s = lastStaff { beforeComplaint.insert(s) }
                if turn.role == .customer { customerSpoke = true }
            }
            for (i, turn) in call.turns.enumerated() where turn.role == .staff {
                let before = beforeComplaint.contains(i)
                if complaintCall { report.complaintTurns += 1 } else { report.otherTurns += 1 }
                if before { report.beforeComplaintTurns += 1 }
                for (key, tokens) in Self.ngrams(turn.text, maxN: options.maxN) {
                    words[key] = words[key] ?? tokens
                    var c = grams[key] ?? Counts()
                    if complaintCall { c.complaint += 1 } else { c.other += 1 }
                    if before { c.before += 1 }
                    if complaintCall && c.examples.count < options.examples * 2 && !c.examples.contains(where: { $0.text == turn.text }) {
                        c.examples.append((call.id, turn.text, before))
                    }
                    grams[key] = c
                }
            }
        }

        var scored: [Candidate] = []
        for (key, c) in grams where max(c.complaint, c.before) >= options.minCount && key.unicodeScalars.count >= 2 {
            let z1 = c.complaint >= options.minCount ? Self.z(c.complaint, report.complaintTurns, c.other, report.otherTurns) : -.infinity
            let z2 = c.before >= options.minCount ? Self.z(c.before, report.beforeComplaintTurns, c.other, report.otherTurns) : -.infinity
            let score = max(z1, z2)
            guard score >= options.minScore else { continue }
            let examples = (c.examples.filter(\.before) + c.examples.filter { !$0.before }).prefix(options.examples).map { ($0.call, $0.text) }
            scored.append(Candidate(text: key, words: words[key] ?? [key], pattern: Self.escape(key),
                                    inComplaintCalls: c.complaint, beforeComplaint: c.before, inOtherCalls: c.other,
                                    score: score, signal: z2 > z1 ? "before-complaint" : "complaint-call", examples: Array(examples)))
        }
        scored.sort { ($0.score, $0.words.count, $1.text) > ($1.score, $1.words.count, $0.text) }

        // Join n-grams that overlap word by word and occur in the same turns (您自己想 + 想办法吧 →
        // 您自己想办法吧); keep the best of n-grams contained in one another that occur about as
        // often; skip what the book already flags.
        var kept: [Candidate] = []
        for candidate in scored {
            if kept.count >= options.limit { break }
            if let i = kept.firstIndex(where: { Self.joinable($0, candidate) }), let joined = Self.join(kept[i], candidate) {
                if analyzer.analyze(joined.text).isEmpty { kept[i] = joined }
                continue
            }
            let redundant = kept.contains { k in
                guard k.text.contains(candidate.text) || candidate.text.contains(k.text) else { return false }
                let a = max(k.inComplaintCalls, k.beforeComplaint), b = max(candidate.inComplaintCalls, candidate.beforeComplaint)
                return Double(min(a, b)) >= 0.8 * Double(max(a, b))
            }
            if redundant || !analyzer.analyze(candidate.text).isEmpty { continue }
            kept.append(candidate)
        }
        report.candidates = kept
        return report
    }

    /// Whether two candidates have the same counts and one's last words are the other's first.
    static func joinable(_ a: Candidate, _ b: Candidate) -> Bool {
        (a.inComplaintCalls, a.beforeComplaint, a.inOtherCalls) == (b.inComplaintCalls, b.beforeComplaint, b.inOtherCalls)
            && (overlap(a.words, b.words) > 0 || overlap(b.words, a.words) > 0)
    }

    /// The longest proper suffix of `a` that is a prefix of `b`, in words.
    static func overlap(_ a: [String], _ b: [String]) -> Int {
        for n in stride(from: min(a.count, b.count) - 1, through: 1, by: -1) where Array(a.suffix(n)) == Array(b.prefix(n)) { return n }
        return 0
    }

    /// `a` and `b` joined where they overlap, if every example turn of `a` contains the result.
    static func join(_ a: Candidate, _ b: Candidate) -> Candidate? {
        let (first, second) = overlap(a.words, b.words) > 0 ? (a, b) : (b, a)
        let words = first.words + second.words.dropFirst(overlap(first.words, second.words))
        let text = join(words)
        guard a.examples.allSatisfy({ Tokenization.string(CharacterFolding.shared.fold($0.text)).contains(text) }) else { return nil }
        var joined = a
        joined.words = words
        joined.text = text
        joined.pattern = escape(text)
        return joined
    }

    /// The distinct word n-grams of a staff turn (folded text → its words), never across punctuation.
    static func ngrams(_ text: String, maxN: Int) -> [String: [String]] {
        guard let t = try? Tokenization(text) else { return [:] }
        var out: [String: [String]] = [:]
        var run: [Tokenization.Segment] = []
        func flush() {
            for start in run.indices {
                for n in 1...maxN where start + n <= run.count {
                    let slice = run[start..<(start + n)]
                    if slice.allSatisfy({ $0.kind == "number" }) { continue }
                    let tokens = slice.map(\.folded)
                    out[join(tokens)] = tokens
                }
            }
            run.removeAll()
        }
        for word in t.words {
            if word.kind == "other" { flush() } else { run.append(word) }
        }
        flush()
        return out
    }

    /// Words joined as text: no space between Chinese words, one between two Latin or digit words.
    static func join(_ tokens: [String]) -> String {
        func latin(_ s: Unicode.Scalar?) -> Bool {
            guard let s, s.isASCII else { return false }
            return s.properties.isAlphabetic || ("0"..."9").contains(s)
        }
        var out = ""
        for token in tokens {
            if latin(out.unicodeScalars.last) && latin(token.unicodeScalars.first) { out += " " }
            out += token
        }
        return out
    }

    /// Smoothed log-odds ratio of `a` of `n` target turns against `b` of `m` other turns, as a z-score.
    static func z(_ a: Int, _ n: Int, _ b: Int, _ m: Int) -> Double {
        let k = 0.5
        let (a, n, b, m) = (Double(a), Double(n), Double(b), Double(m))
        let delta = log((a + k) / (n - a + k)) - log((b + k) / (m - b + k))
        let variance = 1 / (a + k) + 1 / (n - a + k) + 1 / (b + k) + 1 / (m - b + k)
        return delta / variance.squareRoot()
    }

    /// `text` as a pattern that matches it literally.
    static func escape(_ text: String) -> String {
        let syntax: Set<Character> = ["(", ")", "[", "]", "|", "?", "^", "$", "\\", ".", "…", "（", "）", "［", "］", "｜", "？"]
        var out = ""
        for c in text {
            if syntax.contains(c) { out += "\\" }
            out.append(c)
        }
        return out
    }
}

extension BookMiner.Report {
    /// The candidates as a phrasebook YAML stub for the trainer to edit: each
    /// rule has a category placeholder, its pattern and the example turns as
    /// `fire` examples, with the evidence in comments.
    public var yamlStub: String {
        func q(_ s: String) -> String { var out = ""; JSON.quote(s, into: &out); return out }
        func oneLine(_ s: String) -> String { s.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ") }
        var out = """
        # huashu book mine 生成的候选规则：都需要人工确认，不要直接发布。
        # 语料：\(calls) 通通话，其中 \(complaintCalls) 通客户投诉；坐席话语：投诉通话 \(complaintTurns) 句（其中投诉前一句 \(beforeComplaintTurns) 句），其他通话 \(otherTurns) 句。
        # 对每条候选：把 category 换成 DOMAIN.md 的类别（\(Category.ruleCategories.map(\.rawValue).joined(separator: " "))），
        # 改好 id 和 message，收紧 patterns，删掉不该触发的 fire 示例并补充 pass 示例，
        # 然后运行 huashu book lint 和 huashu book test。

        """
        if candidates.isEmpty {
            out += "# 没有找到候选（可以降低 --min-count 或 --min-score）。\nrules: []\n"
            return out
        }
        out += "rules:\n"
        let width = String(candidates.count).count
        for (i, c) in candidates.enumerated() {
            let number = String(repeating: "0", count: max(0, max(2, width) - String(i + 1).count)) + String(i + 1)
            out += """
              # 投诉通话 \(c.inComplaintCalls)/\(complaintTurns) 句，投诉前一句 \(c.beforeComplaint)/\(beforeComplaintTurns) 句，其他通话 \(c.inOtherCalls)/\(otherTurns) 句；z = \(String(format: "%.2f", c.score))（\(c.signal)）
              # 分词：\(c.words.joined(separator: " | "))

            """
            for e in c.examples { out += "  # 例 \(oneLine(e.call))：\(oneLine(e.text))\n" }
            out += """
              - id: candidate.\(number)
                category: CATEGORY   # 待定：改成上面列出的类别之一
                severity: warning
                message: \(q("待填写：为什么不该说“\(c.text)”，应该怎么说（引用服务规范）。"))
                patterns:
                  - \(q(c.pattern))
                examples:
                  fire:

            """
            for e in c.examples { out += "        - \(q(oneLine(e.text)))\n" }
            out += "      pass: []\n"
        }
        return out
    }
}
