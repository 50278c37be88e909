/// A horizontal bar chart as inline SVG: a label, a bar and its value per row.
/// Static markup, no script; colours are attributes so it renders without CSS.
struct SVGBarChart {
    struct Bar {
        var label: String
        var value: Double
        /// The value as shown after the bar.
        var text: String
        /// Fill colour.
        var color: String
        /// Tooltip; the label when nil.
        var tooltip: String?
    }

    var title: String
    var bars: [Bar]
    /// The value of a full-width bar; the largest value when nil.
    var scale: Double?

    static let width = 560, labelWidth = 150, valueWidth = 64, rowHeight = 30, barHeight = 18, padding = 8
    /// Labels longer than this many display columns are cut with "…".
    static let labelColumns = 20

    func render() -> String {
        let w = Self.width, lw = Self.labelWidth, rh = Self.rowHeight
        let barArea = Double(w - lw - Self.valueWidth - 8)
        let height = Self.padding * 2 + rh * bars.count
        let top = max(scale ?? 0, bars.map(\.value).max() ?? 0)
        var out = "<svg class=\"bar-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(height)\" "
        out += "width=\"\(w)\" height=\"\(height)\" role=\"img\" aria-label=\"\(HTMLEscape.attribute(title))\">"
        out += "<title>\(HTMLEscape.text(title))</title>"
        for (i, bar) in bars.enumerated() {
            let y = Self.padding + i * rh
            let barY = y + (rh - Self.barHeight) / 2
            let textY = y + rh / 2 + 5
            let length = top > 0 && bar.value > 0 ? max(1, (bar.value / top * barArea).rounded()) : 0
            out += "<g class=\"bar-row\"><title>\(HTMLEscape.text(bar.tooltip ?? bar.label))</title>"
            out += "<text class=\"bar-label\" x=\"\(lw - 10)\" y=\"\(textY)\" text-anchor=\"end\" font-size=\"13\" fill=\"#374151\">\(HTMLEscape.text(Self.cut(bar.label)))</text>"
            out += "<rect class=\"bar-track\" x=\"\(lw)\" y=\"\(barY)\" width=\"\(Int(barArea))\" height=\"\(Self.barHeight)\" rx=\"3\" fill=\"#f1f3f6\"/>"
            out += "<rect class=\"bar\" x=\"\(lw)\" y=\"\(barY)\" width=\"\(Int(length))\" height=\"\(Self.barHeight)\" rx=\"3\" fill=\"\(bar.color)\"/>"
            out += "<text class=\"bar-value\" x=\"\(lw + Int(barArea) + 8)\" y=\"\(textY)\" font-size=\"13\" fill=\"#111827\">\(HTMLEscape.text(bar.text))</text>"
            out += "</g>"
        }
        out += "</svg>"
        return out
    }

    /// `label` cut to `labelColumns` display columns (CJK counts two).
    static func cut(_ label: String) -> String {
        guard label.unicodeScalars.reduce(0, { $0 + TextReporter.width($1) }) > labelColumns else { return label }
        var columns = 0
        var out = String.UnicodeScalarView()
        for u in label.unicodeScalars {
            columns += TextReporter.width(u)
            if columns > labelColumns - 1 { break }
            out.append(u)
        }
        out.append("…")
        return String(out)
    }
}
