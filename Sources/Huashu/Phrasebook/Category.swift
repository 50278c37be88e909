/// The finding categories of DOMAIN.md. Their raw values are part of the interface.
public enum Category: String, CaseIterable, Sendable, Codable, Comparable {
    case refusal, ignorance, deflection
    case pushingAway = "pushing-away"
    case impatience, sarcasm, blame
    case selfExcuse = "self-excuse"
    case overpromise
    case returnPromise = "return-promise"
    case vagueWait = "vague-wait"
    case jargon, impolite, rude
    /// Reply- and call-shape findings (a missing step); never used by phrase rules.
    case structure

    /// The 14 categories a phrase rule may carry.
    public static let ruleCategories: [Category] = allCases.filter { $0 != .structure }

    /// The Chinese name used in reports.
    public var chineseName: String {
        switch self {
        case .refusal: "直接拒绝"
        case .ignorance: "推说不知"
        case .deflection: "推诿"
        case .pushingAway: "推走客户"
        case .impatience: "不耐烦"
        case .sarcasm: "嘲讽鄙视"
        case .blame: "指责客户"
        case .selfExcuse: "自我开脱"
        case .overpromise: "随意承诺"
        case .returnPromise: "承诺收益"
        case .vagueWait: "模糊等待"
        case .jargon: "专业术语"
        case .impolite: "欠礼貌"
        case .rude: "粗鲁"
        case .structure: "答复结构"
        }
    }

    public static func < (a: Category, b: Category) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How serious a finding is. Ordered: `info` < `warning` < `error`.
public enum Severity: String, CaseIterable, Sendable, Codable, Comparable {
    case info, warning, error

    public static func < (a: Severity, b: Severity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The Chinese label used in text reports.
    public var chineseName: String {
        switch self {
        case .info: "提示"
        case .warning: "警告"
        case .error: "错误"
        }
    }
}

/// Approved-wording families and techniques of DOMAIN.md, used to tag lines.
public enum WordingTag {
    public static let families: [String] = [
        "greeting", "thanks", "apology", "empathy", "listening", "inquiry",
        "ownership", "commitment", "alternative", "wait", "closing",
    ]
    public static let techniques: [String] = ["3f", "sandwich", "taichi", "understanding", "inquiry"]
    public static let all: Set<String> = Set(families + techniques)
}
