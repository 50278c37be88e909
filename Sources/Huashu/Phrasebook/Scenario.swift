/// A situation from the handbook with a scripted reply, for `huashu reply`.
public struct Scenario: Sendable {
    public var id: String
    public var title: String
    public var keywords: [String]
    /// The technique the reply uses (see `WordingTag.techniques`).
    public var technique: String
    public var steps: [Step]
    public var location: SourceLocation

    /// One labelled step of a scripted reply; `{槽位}` marks a slot the teller fills.
    public struct Step: Sendable {
        public var label: String
        public var tag: String?
        public var text: String
        public var location: SourceLocation
    }
}
