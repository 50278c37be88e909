/// SARIF 2.1.0 for code-scanning viewers: one run of the `huashu` driver.
///
/// Each call is one artifact: its `origin` (file and line it was read from) or,
/// without one, its id, percent-encoded into a relative URI reference. The
/// artifact's text is taken to be the transcript with one turn per line, so a
/// finding in turn `i` (0-based) of single-line turns is on line `i + 1`;
/// columns and `charOffset`/`charLength` count Unicode scalars
/// (`columnKind: unicodeCodePoints`), as `Finding` does. Call-level findings (a
/// missing step) have an artifact but no region. Every location also names the
/// call and turn as a logical location (`C001/turns[2]`, kind `element`).
///
/// Levels: `error` → `error`, `warning` → `warning`, `info` → `note`.
/// `tool.driver.rules` lists the rules that fired, sorted by id, with the first
/// message seen as `shortDescription` and the category in `properties`.
public struct SARIFReporter: ReviewReporter {
    public static let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// `tool.driver.version`, when known.
    public var toolVersion: String?
    /// `tool.driver.informationUri`, when known.
    public var informationURI: String?

    public init(toolVersion: String? = nil, informationURI: String? = nil) {
        self.toolVersion = toolVersion
        self.informationURI = informationURI
    }

    public func render(_ reviews: [CallReview]) -> String {
        document(reviews).text + "\n"
    }

    /// The same as `render(_:)`: SARIF carries results, not totals.
    public func render(_ reviews: [CallReview], summary: ReviewSummary) -> String {
        render(reviews)
    }

    /// The SARIF log as a value.
    public func document(_ reviews: [CallReview]) -> JSON.Value {
        // Rules that fired, sorted by id; the first finding of each describes it.
        var first: [String: Finding] = [:]
        for r in reviews { for cf in r.findings where first[cf.finding.ruleID] == nil { first[cf.finding.ruleID] = cf.finding } }
        let ruleIDs = first.keys.sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: ruleIDs.enumerated().map { ($1, $0) })
        let rules: [JSON.Value] = ruleIDs.map { id in
            let f = first[id]!
            var pairs: [(String, JSON.Value)] = [
                ("id", .string(id)),
                ("shortDescription", .object([("text", .string(f.message))])),
            ]
            if let source = f.source { pairs.append(("fullDescription", .object([("text", .string("依据：\(source)"))]))) }
            pairs.append(("defaultConfiguration", .object([("level", .string(Self.level(f.severity)))])))
            pairs.append(("properties", .object([
                ("category", .string(f.category.rawValue)),
                ("categoryName", .string(f.category.chineseName)),
                ("tags", .array([.string(f.category.rawValue)])),
            ])))
            return .object(pairs)
        }

        var results: [JSON.Value] = []
        for r in reviews {
            let uri = Self.uriReference(r.call.origin ?? r.call.id)
            // Line and scalar offset at which each turn starts in the artifact.
            var lineBase: [Int] = [], charBase: [Int] = []
            var line = 0, char = 0
            for t in r.call.turns {
                lineBase.append(line); charBase.append(char)
                var count = 0, newlines = 0
                for u in t.text.unicodeScalars { count += 1; if u == "\n" { newlines += 1 } }
                line += newlines + 1; char += count + 1
            }
            for cf in r.findings {
                let f = cf.finding
                var physical: [(String, JSON.Value)] = [("artifactLocation", .object([("uri", .string(uri))]))]
                let logical: JSON.Value
                if let t = cf.turn, r.call.turns.indices.contains(t) {
                    let length = max(0, f.end - f.start)
                    let matched = Array(f.match.unicodeScalars)
                    var region: [(String, JSON.Value)] = [
                        ("startLine", .int(lineBase[t] + max(1, f.line))),
                        ("startColumn", .int(max(1, f.column))),
                    ]
                    if let lastNewline = matched.lastIndex(of: "\n") {
                        let newlines = matched.filter { $0 == "\n" }.count
                        region.append(("endLine", .int(lineBase[t] + max(1, f.line) + newlines)))
                        region.append(("endColumn", .int(matched.count - lastNewline)))
                    } else {
                        region.append(("endColumn", .int(max(1, f.column) + length)))
                    }
                    region.append(("charOffset", .int(charBase[t] + max(0, f.start))))
                    region.append(("charLength", .int(length)))
                    if !f.match.isEmpty { region.append(("snippet", .object([("text", .string(f.match))]))) }
                    physical.append(("region", .object(region)))
                    logical = .object([
                        ("name", .string("turns[\(t)]")),
                        ("fullyQualifiedName", .string("\(r.call.id)/turns[\(t)]")),
                        ("kind", .string("element")),
                    ])
                } else {
                    logical = .object([
                        ("name", .string(r.call.id)),
                        ("fullyQualifiedName", .string(r.call.id)),
                        ("kind", .string("object")),
                    ])
                }
                var properties: [(String, JSON.Value)] = [
                    ("call", .string(r.call.id)),
                    ("category", .string(f.category.rawValue)),
                ]
                if let agent = r.call.agent { properties.append(("agent", .string(agent))) }
                if let channel = r.call.channel { properties.append(("channel", .string(channel))) }
                if let t = cf.turn { properties.append(("turn", .int(t))) }
                if let speaker = cf.speaker { properties.append(("speaker", .string(speaker))) }
                if let start = cf.start { properties.append(("startTime", .double(start))) }
                if let end = cf.end { properties.append(("endTime", .double(end))) }
                if let step = f.step { properties.append(("step", .string(step))) }
                if !f.suggestions.isEmpty { properties.append(("suggestions", .array(f.suggestions.map { .string($0) }))) }
                properties.append(("score", .double(r.score)))
                results.append(.object([
                    ("ruleId", .string(f.ruleID)),
                    ("ruleIndex", .int(ruleIndex[f.ruleID]!)),
                    ("level", .string(Self.level(f.severity))),
                    ("message", .object([("text", .string(f.message))])),
                    ("locations", .array([.object([
                        ("physicalLocation", .object(physical)),
                        ("logicalLocations", .array([logical])),
                    ])])),
                    ("properties", .object(properties)),
                ]))
            }
        }

        var driver: [(String, JSON.Value)] = [("name", .string("huashu"))]
        if let toolVersion { driver.append(("version", .string(toolVersion))) }
        if let informationURI { driver.append(("informationUri", .string(informationURI))) }
        driver.append(("rules", .array(rules)))
        return .object([
            ("$schema", .string(Self.schema)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object(driver))])),
                ("columnKind", .string("unicodeCodePoints")),
                ("results", .array(results)),
            ])])),
        ])
    }

    /// The SARIF level of a severity.
    public static func level(_ s: Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// `s` as a relative URI reference: unreserved ASCII and `/` kept, all else
    /// percent-encoded as UTF-8 (so `calls.jsonl:3` cannot read as a scheme).
    static func uriReference(_ s: String) -> String {
        let hex = Array("0123456789ABCDEF")
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
            }
        }
        return out
    }
}
