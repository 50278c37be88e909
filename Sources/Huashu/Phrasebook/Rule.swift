/// Where an entry was written: a phrasebook file and a 1-based line and column.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public var description: String { "\(file):\(line):\(column)" }
}

/// One phrasebook rule: what to flag, in which category, and what to say instead.
public struct Rule: Sendable {
    public var id: String
    public var category: Category
    public var severity: Severity
    /// Short Chinese message citing the handbook principle.
    public var message: String
    /// The handbook clause or policy the rule enforces, shown with findings.
    public var source: String?
    public var patterns: [Pattern]
    public var exceptions: [Exception]
    public var suggestions: [Suggestion]
    /// Direct replacement text, applied by `check --fix`.
    public var replace: String?
    /// Which ends of a match must fall on ICU word boundaries.
    public var boundary: BoundaryMode
    /// Whether the rule also fires inside quotation marks (normally quoted speech is exempt).
    public var inQuotes: Bool
    public var examples: Examples
    /// Where the rule was defined.
    public var location: SourceLocation
    /// Where later books overrode it (severity, message …), in order.
    public var overrides: [SourceLocation] = []

    /// Texts that must and must not make the rule fire.
    public struct Examples: Sendable {
        public var fire: [String]
        public var pass: [String]
        public init(fire: [String] = [], pass: [String] = []) { self.fire = fire; self.pass = pass }
    }

    public enum BoundaryMode: String, Sendable, CaseIterable {
        case both, start, end, none
        var checksStart: Bool { self == .both || self == .start }
        var checksEnd: Bool { self == .both || self == .end }
    }
}

/// A context that cancels a match.
public struct Exception: Sendable {
    public enum Scope: String, Sendable, CaseIterable {
        /// The pattern ends exactly where the match starts (use `…` for distance).
        case before
        /// The pattern starts exactly where the match ends.
        case after
        /// The pattern occurs elsewhere in the same sentence.
        case sentence
        /// The pattern occurs after the match, up to the end of the next sentence.
        case following
        /// The pattern occurs before the match, from the start of the previous sentence.
        case preceding
        /// The pattern occurs anywhere else in the text.
        case text
        /// The pattern occurs within the matched text itself (inside a gap, say).
        case inside
    }
    public var scope: Scope
    public var pattern: Pattern
}

/// An approved alternative offered with a finding.
public struct Suggestion: Sendable, Hashable {
    public var text: String
    /// Family or technique tag (see `WordingTag`), when known.
    public var tag: String?
    /// Id of the approved line it came from, when it is a reference.
    public var lineID: String?
}

/// An approved line of the handbook, tagged with a family or technique.
public struct ApprovedLine: Sendable {
    public var id: String
    public var text: String
    public var tags: [String]
    public var location: SourceLocation
}
