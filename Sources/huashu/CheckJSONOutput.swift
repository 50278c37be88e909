import Huashu

/// JSON output of `check` with findings encoded straight to bytes: JSON lines
/// go to stdout as they come; a `--format json` document collects the items
/// of its array until the summary is known.
struct CheckJSONOutput {
    private var findings = FindingJSONWriter()
    /// The encoded items of the document's array, comma separated.
    private var items: [UInt8] = []

    /// Writes `{"<key>":<id>,"findings":[…]}` and a newline to stdout, a
    /// finding at a time so a big record leaves in chunks.
    mutating func writeLine(key: String = "id", id: JSON.Value, findings list: [Finding]) {
        Output.append { Self.open(key: key, id: id, into: &$0) }
        for (i, finding) in list.enumerated() {
            Output.append { out in
                if i > 0 { out.append(UInt8(ascii: ",")) }
                findings.write(finding, into: &out)
            }
        }
        Output.append { $0 += "]}\n".utf8 }
    }

    /// Adds `{"<key>":<id>,"findings":[…]}` to the document's array.
    mutating func appendItem(key: String = "id", id: JSON.Value, findings list: [Finding]) {
        separateItem()
        Self.open(key: key, id: id, into: &items)
        for (i, finding) in list.enumerated() {
            if i > 0 { items.append(UInt8(ascii: ",")) }
            findings.write(finding, into: &items)
        }
        items += "]}".utf8
    }

    /// Adds `value` to the document's array.
    mutating func appendItem(_ value: JSON.Value) {
        separateItem()
        value.write(into: &items)
    }

    /// Writes `{"<arrayKey>":[…],"summary":<summary>}` and a newline to stdout.
    func writeDocument(arrayKey: String, summary: JSON.Value) {
        Output.append { out in
            out.append(UInt8(ascii: "{"))
            JSON.quote(arrayKey, into: &out)
            out += ":[".utf8
        }
        Output.write(bytes: items)
        Output.append { out in
            out += #"],"summary":"#.utf8
            summary.write(into: &out)
            out += "}\n".utf8
        }
    }

    private mutating func separateItem() {
        if !items.isEmpty { items.append(UInt8(ascii: ",")) }
    }

    private static func open(key: String, id: JSON.Value, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        JSON.quote(key, into: &out)
        out.append(UInt8(ascii: ":"))
        id.write(into: &out)
        out += #","findings":["#.utf8
    }
}
