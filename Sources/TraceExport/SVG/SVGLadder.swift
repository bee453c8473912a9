import TraceModel
import TraceRowText
import TraceText

/// The ladder as SVG, drawn by `trace` itself: the two lifelines, each call beside its program's
/// lifeline or on the arrow it sent, step numbers in circles on the left, times on the right,
/// dividers for the sections, and a legend. Text is `<text>` (selectable, translatable), styled by
/// an embedded sheet with a light and a dark scheme; no font or file is fetched.
struct SVGLadder {
    let diagram: ExportDiagram
    let rows: [ExportRow]
    /// On a page, the stop each row belongs to, written as `data-stop` so the page can follow it;
    /// nil for a picture of its own, which also carries its title (a page has it above).
    let stops: [Int]?
    /// The distance between the lifelines: room for the widest label and an arrow beside it.
    let inner: Double

    init(diagram: ExportDiagram, rows: [ExportRow], stops: [Int]? = nil) {
        self.diagram = diagram
        self.rows = rows
        self.stops = stops
        let widest = rows.map { Double(DisplayWidth.of($0.label + ($0.state.map { " " + $0 } ?? ""))) * Self.column }.max() ?? 0
        let withTag = rows.contains { $0.tag != nil } ? 80.0 : 0
        inner = min(max(widest + 2 * Self.labelInset + 40 + withTag, Self.minimumInner), Self.maximumInner)
    }

    private var standalone: Bool { stops == nil }
    /// Room for the title, in a picture of its own.
    private var base: Double { standalone ? 40 : 0 }

    // Geometry, in px. Calls are in a monospace face: a column is about 0.6 em.
    static let fontSize = 15.0
    static let column = 9.0
    static let stepX = 30.0
    static let leftX = 76.0
    static let minimumInner = 560.0
    static let maximumInner = 1500.0
    static let labelInset = 12.0
    static let timeWidth = 104.0
    static let durationWidth = 84.0

    private var words: ExportWords { diagram.words }

    var rightX: Double { Self.leftX + inner }
    var width: Double { rightX + 24 + Self.timeWidth + Self.durationWidth + 16 }

    private enum Item {
        case section(Section, y: Double)
        case row(Int, y: Double)
    }

    private static func height(of row: ExportRow) -> Double { row.row.arrow != nil && row.lane != .middle ? 44 : 32 }
    private static let sectionHeight = 36.0

    private func layout() -> (items: [Item], bottom: Double) {
        var items: [Item] = []
        items.reserveCapacity(rows.count + 3)
        var tracker = Section.Tracker()
        var y = base + 56
        for (i, row) in rows.enumerated() {
            if let section = tracker.begins(at: row) {
                items.append(.section(section, y: y))
                y += Self.sectionHeight
            }
            items.append(.row(i, y: y))
            y += Self.height(of: row)
        }
        return (items, y)
    }

    private var legend: [(sample: LegendSample, text: String)] {
        var lines: [(LegendSample, String)] = [(.text, words.legendSelf)]
        if rows.contains(where: { $0.row.arrow?.evidence == .inferred }) { lines.append((.dashed, words.legendInferred)) }
        if rows.contains(where: { $0.row.arrow?.evidence == .observed }) { lines.append((.solid, words.legendObserved)) }
        lines.append((.text, words.legendState))
        lines.append((.number, words.legendNumbers))
        if diagram.view != .both { lines.append((.dotted, words.legendOneSided)) }
        return lines
    }

    private enum LegendSample { case text, dashed, solid, dotted, number }

    func write(into out: inout ChunkedText) {
        let (items, bottom) = layout()
        let legendTop = bottom + 40
        let legend = self.legend
        let height = legendTop + 30 + Double(legend.count) * 26 + 16
        let w = Self.n(width), h = Self.n(height)
        if standalone { out.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>") }
        out.line("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trace-ladder\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" role=\"img\" aria-labelledby=\"trace-svg-title trace-svg-desc\">")
        out.line("<title id=\"trace-svg-title\">" + XMLText.escape(diagram.title) + "</title>")
        out.line("<desc id=\"trace-svg-desc\">" + XMLText.escape(words.words(
            "Diagrama de secuencia: cada llamada al sistema del cliente (izquierda) y del servidor (derecha), en orden, con su resultado y su tiempo.",
            "Sequence diagram: every system call of the client (left) and the server (right), in order, with its result and its time.")) + "</desc>")
        out.line("<style>" + SVGStyle.sheet + "</style>")
        out.line("<defs>" + ["left", "right"].map { side in
            "<marker id=\"trace-head-\(side)\" class=\"head \(side)\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker>"
        }.joined() + "</defs>")
        out.line("<rect class=\"background\" x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\"/>")
        writeHeads(into: &out, bottom: bottom)
        for item in items {
            switch item {
            case .section(let section, let y): writeSection(section, y: y, into: &out)
            case .row(let i, let y): writeRow(i, y: y, into: &out)
            }
        }
        writeLegend(legend, top: legendTop, into: &out)
        out.line("</svg>")
    }

    // MARK: - Parts

    private func writeHeads(into out: inout ChunkedText, bottom: Double) {
        if standalone {
            out.line("<text class=\"title\" x=\"\(Self.n(Self.stepX - 14))\" y=\"32\">" + XMLText.escape(diagram.title) + "</text>")
        }
        for side in [Side.left, .right] {
            let x = side == .left ? Self.leftX : rightX
            let title = words.lifeline(side, view: diagram.view)
            let boxWidth = max(120, Double(DisplayWidth.of(title)) * 9 + 24)
            let traced = diagram.view.traces(side)
            out.line("<g class=\"lifeline \(Self.sideClass(side))\(traced ? "" : " untraced")\">"
                + "<line x1=\"\(Self.n(x))\" y1=\"\(Self.n(base + 38))\" x2=\"\(Self.n(x))\" y2=\"\(Self.n(bottom + 8))\"/>"
                + "<rect x=\"\(Self.n(x - boxWidth / 2))\" y=\"\(Self.n(base + 6))\" width=\"\(Self.n(boxWidth))\" height=\"32\" rx=\"5\"/>"
                + "<text x=\"\(Self.n(x))\" y=\"\(Self.n(base + 27))\" text-anchor=\"middle\">" + XMLText.escape(title) + "</text></g>")
        }
        let timeX = rightX + 24 + Self.timeWidth, durationX = timeX + Self.durationWidth
        out.line("<text class=\"heading\" x=\"\(Self.n(timeX))\" y=\"\(Self.n(base + 48))\" text-anchor=\"end\">" + XMLText.escape(words.diagram.timeHeading) + "</text>"
            + "<text class=\"heading\" x=\"\(Self.n(durationX))\" y=\"\(Self.n(base + 48))\" text-anchor=\"end\">" + XMLText.escape(words.diagram.durationHeading) + "</text>")
    }

    private func writeSection(_ section: Section, y: Double, into out: inout ChunkedText) {
        out.line("<g class=\"section\"><line x1=\"12\" y1=\"\(Self.n(y + 26))\" x2=\"\(Self.n(width - 12))\" y2=\"\(Self.n(y + 26))\"/>"
            + "<text x=\"16\" y=\"\(Self.n(y + 20))\">" + XMLText.escape(words.heading(section)) + "</text></g>")
    }

    private func writeRow(_ index: Int, y: Double, into out: inout ChunkedText) {
        let row = rows[index]
        let arrow = row.lane == .middle ? nil : row.row.arrow
        let textY = y + 20
        var classes = "row " + (row.lane == .middle ? "tool" : Self.sideClass(row.row.side))
        if row.row.number != nil { classes += " numbered" }
        let stop = stops.map { " data-stop=\"\($0[index])\"" } ?? ""
        out.write("<g class=\"\(classes)\"\(stop)>")
        if stops != nil {
            out.write("<text class=\"marker\" x=\"4\" y=\"\(Self.n(textY))\" aria-hidden=\"true\">▶</text>")
        }
        if let number = row.row.number {
            out.write("<circle class=\"step\" cx=\"\(Self.n(Self.stepX))\" cy=\"\(Self.n(textY - 5))\" r=\"13\"/>"
                + "<text class=\"step\" x=\"\(Self.n(Self.stepX))\" y=\"\(Self.n(textY))\" text-anchor=\"middle\">\(number)</text>")
        }
        let (x, anchor) = labelPlace(row)
        out.write("<text class=\"label\" x=\"\(Self.n(x))\" y=\"\(Self.n(textY))\"" + (anchor == "start" ? "" : " text-anchor=\"\(anchor)\"") + ">")
        out.write(tspans(row))
        out.write("</text>")
        if let arrow {
            let lineY = y + 32
            let forward = (arrow.direction == .outgoing) == (row.row.side == .left)
            let (x1, x2) = forward ? (Self.leftX + 2, rightX - 2) : (rightX - 2, Self.leftX + 2)
            let from = arrow.direction == .outgoing ? row.row.side : row.row.side.other
            let evidence = arrow.evidence == .inferred ? "inferred" : "observed"
            out.write("<line class=\"arrow \(evidence) \(Self.sideClass(from))\" x1=\"\(Self.n(x1))\" y1=\"\(Self.n(lineY))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(lineY))\" marker-end=\"url(#trace-head-\(Self.sideClass(from)))\"/>")
            if let tag = row.tag {
                let mid = (Self.leftX + rightX) / 2
                let tagWidth = Double(DisplayWidth.of(tag)) * Self.column + 14
                out.write("<rect class=\"tag\" x=\"\(Self.n(mid - tagWidth / 2))\" y=\"\(Self.n(lineY - 9))\" width=\"\(Self.n(tagWidth))\" height=\"18\" rx=\"3\"/>"
                    + "<text class=\"tag\" x=\"\(Self.n(mid))\" y=\"\(Self.n(lineY + 5))\" text-anchor=\"middle\">" + XMLText.escape(tag) + "</text>")
            }
        }
        let timeX = rightX + 24 + Self.timeWidth
        out.write("<text class=\"time\" x=\"\(Self.n(timeX))\" y=\"\(Self.n(textY))\" text-anchor=\"end\">" + XMLText.escape(row.time) + "</text>")
        if let duration = row.duration {
            out.write("<text class=\"time\" x=\"\(Self.n(timeX + Self.durationWidth))\" y=\"\(Self.n(textY))\" text-anchor=\"end\">" + XMLText.escape(duration) + "</text>")
        }
        out.line("</g>")
    }

    /// Left rows start by the client's lifeline and right rows end by the server's, arrow or not (as in
    /// the terminal); the tool's rows in the middle.
    private func labelPlace(_ row: ExportRow) -> (Double, String) {
        switch row.lane {
        case .middle: return ((Self.leftX + rightX) / 2, "middle")
        case .left: return (Self.leftX + Self.labelInset, "start")
        case .right: return (rightX - Self.labelInset, "end")
        }
    }

    /// The label's parts, each in its class; the state last, in brackets.
    private func tspans(_ row: ExportRow) -> String {
        var out = ""
        for part in row.parts {
            let text = XMLText.escape(part.text)
            switch part.role {
            case .call where row.lane != .middle: out += "<tspan class=\"call\">" + text + "</tspan>"
            case .payload: out += "<tspan class=\"payload\">" + text + "</tspan>"
            case .aside, .call: out += "<tspan class=\"aside\">" + text + "</tspan>"
            case .error: out += "<tspan class=\"error\">" + text + "</tspan>"
            default: out += text
            }
        }
        if let state = row.state {
            out += " <tspan class=\"state\(row.stateChanged ? " changed" : "")\">" + XMLText.escape(state) + "</tspan>"
        }
        return out
    }

    private func writeLegend(_ legend: [(sample: LegendSample, text: String)], top: Double, into out: inout ChunkedText) {
        out.line("<g class=\"legend\"><text class=\"legend-heading\" x=\"16\" y=\"\(Self.n(top))\">" + XMLText.escape(words.legendHeading) + "</text>")
        for (i, line) in legend.enumerated() {
            let y = top + 28 + Double(i) * 26
            switch line.sample {
            case .dashed, .solid:
                out.write("<line class=\"arrow \(line.sample == .dashed ? "inferred" : "observed") left\" x1=\"20\" y1=\"\(Self.n(y - 5))\" x2=\"64\" y2=\"\(Self.n(y - 5))\" marker-end=\"url(#trace-head-left)\"/>")
            case .dotted:
                out.write("<line class=\"sample-untraced\" x1=\"42\" y1=\"\(Self.n(y - 16))\" x2=\"42\" y2=\"\(Self.n(y + 4))\"/>")
            case .number:
                out.write("<circle class=\"step\" cx=\"42\" cy=\"\(Self.n(y - 5))\" r=\"11\"/><text class=\"step\" x=\"42\" y=\"\(Self.n(y))\" text-anchor=\"middle\">1</text>")
            case .text:
                break
            }
            out.line("<text x=\"76\" y=\"\(Self.n(y))\">" + XMLText.escape(line.text) + "</text>")
        }
        out.line("</g>")
    }

    private static func sideClass(_ side: Side) -> String { side == .left ? "left" : "right" }

    /// A coordinate as SVG takes it: whole, or with one decimal.
    static func n(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }
}
