/// Escaping for text placed in HTML (and inline SVG): element content and
/// double-quoted attribute values alike.
enum HTMLEscape {
    /// `s` with `& < > " '` as character references; C0 controls other than
    /// tab, LF and CR (not allowed in HTML text) become U+FFFD; CR LF and lone
    /// CR become LF.
    static func text(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var lastWasCR = false
        for u in s.unicodeScalars {
            defer { lastWasCR = u == "\r" }
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\r": out += "\n"
            case "\n": if !lastWasCR { out += "\n" }
            case "\t": out += "\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0xFDD0...0xFDEF).contains(u.value) || u.value & 0xFFFE == 0xFFFE {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    /// An attribute value: like `text`, with line breaks as `&#10;` so they
    /// survive (a tooltip shows them as line breaks).
    static func attribute(_ s: String) -> String {
        var out = ""
        for c in text(s).unicodeScalars {
            if c == "\n" { out += "&#10;" } else if c == "\t" { out += "&#9;" } else { out.unicodeScalars.append(c) }
        }
        return out
    }
}
