import Foundation

/// A counter or phone conversation turned to text, as the reviewer reads it.
public struct Call: Sendable {
    public var id: String
    /// `phone` or `counter`, when known.
    public var channel: String?
    /// The staff member (agent id or name), when known.
    public var agent: String?
    public var turns: [Turn]
    /// The file (and line, for JSONL/CSV) the call was read from.
    public var origin: String?

    public init(id: String, channel: String? = nil, agent: String? = nil, turns: [Turn], origin: String? = nil) {
        self.id = id
        self.channel = channel
        self.agent = agent
        self.turns = turns
        self.origin = origin
    }
}

/// One turn of a conversation.
public struct Turn: Sendable {
    /// The speaker label as written (坐席, 客户, agent, …).
    public var speaker: String
    public var role: Role
    public var text: String
    /// Seconds from the start of the recording, when the source has timestamps.
    public var start: Double?
    public var end: Double?

    public enum Role: String, Sendable {
        /// Bank staff: their words are judged.
        case staff
        /// The customer: context only, never a finding.
        case customer
        /// A label that is neither; treated as context.
        case unknown
    }

    public init(speaker: String, role: Role, text: String, start: Double? = nil, end: Double? = nil) {
        self.speaker = speaker
        self.role = role
        self.text = text
        self.start = start
        self.end = end
    }
}

/// Which speaker labels mean staff and which mean the customer.
public struct SpeakerRoles: Sendable {
    public var staff: [String]
    public var customer: [String]

    public static let `default` = SpeakerRoles(
        staff: ["坐席", "客服", "柜员", "大堂经理", "客户经理", "理财经理", "经理", "工作人员", "员工", "agent", "staff", "teller", "operator"],
        customer: ["客户", "顾客", "来电人", "来电客户", "用户", "customer", "client", "caller"]
    )

    public init(staff: [String], customer: [String]) {
        self.staff = staff
        self.customer = customer
    }

    /// The role of a speaker label (case-insensitive; `客服小王` counts as 客服).
    public func role(of label: String) -> Turn.Role {
        let l = label.trimmingCharacters(in: .whitespaces).lowercased()
        if customer.contains(where: { l == $0.lowercased() }) { return .customer }
        if staff.contains(where: { l == $0.lowercased() }) { return .staff }
        // The longest matching prefix wins: 客户经理小李 is staff, 客户小张 a customer.
        let c = customer.filter { l.hasPrefix($0.lowercased()) }.map(\.count).max() ?? 0
        let s = staff.filter { l.hasPrefix($0.lowercased()) }.map(\.count).max() ?? 0
        if c == 0 && s == 0 { return .unknown }
        return s >= c ? .staff : .customer
    }
}

/// A finding in one turn of a call (or, with `turn == nil`, about the whole call).
public struct CallFinding: Sendable {
    public var finding: Finding
    /// Index into `Call.turns`, nil for call-level checks.
    public var turn: Int?
    public var speaker: String?
    public var start: Double?
    public var end: Double?
}

/// The review of one call: findings, missing steps and score.
public struct CallReview: Sendable {
    public var call: Call
    public var findings: [CallFinding]
    /// Required steps the staff left out (greeting, closing, apology, commitment, hold-thanks).
    public var missing: [String]
    public var score: Double
}
