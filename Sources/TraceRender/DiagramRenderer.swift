import TraceCore
import TraceModel
import TraceText
import TraceRowText

/// Draws a sequence diagram from trace events, incrementally and purely: the terminal backend over the
/// diagram model. Feed events in `seq` order to `consume`, which returns the lines that are ready;
/// `finish` returns the rest. The same events always give the same lines, live or from a recording.
public struct DiagramRenderer: Sendable {
    public let style: DiagramStyle
    private var builder: DiagramBuilder
    private var layout: DiagramLayout?
    private let label: RowLabel

    /// A drawing starts with this many lines: the lifelines' titles, then the columns' headings.
    public static let headerLineCount = 2

    /// `options` apply to a recording without a header; a trace's header says the rest.
    public init(style: DiagramStyle, options: DiagramOptions = DiagramOptions()) {
        self.style = style
        builder = DiagramBuilder(options: options)
        label = RowLabel(style: style)
    }

    /// The diagram of a whole recording: every event consumed, then `finish`. A recording without a
    /// header is drawn with the plan its own step numbers imply.
    public static func render(_ events: [TraceEvent], style: DiagramStyle, options: DiagramOptions? = nil) -> [String] {
        var renderer = DiagramRenderer(style: style, options: options ?? DiagramOptions(plan: StepPlan(deriving: events)))
        var lines: [String] = []
        for event in events { lines += renderer.consume(event) }
        return lines + renderer.finish()
    }

    /// A diagram's rows drawn as lines, for a viewer that moves through them (`trace replay --step`):
    /// the same lines `render` gives for the events those rows came from.
    public static func drawing(of rows: [Row], view: DiagramView, style: DiagramStyle) -> DiagramDrawing {
        var renderer = DiagramRenderer(style: style, options: DiagramOptions(view: view))
        let layout = DiagramLayout(width: style.width, glyphs: style.glyphs, view: view)
        renderer.layout = layout
        let header = layout.headerRows(DiagramWords(style.wording)).map { style.text(of: $0).trimmingTrailingSpaces() }
        let lines = rows.map { style.text(of: renderer.line(for: $0)).trimmingTrailingSpaces() }
        let footer = style.text(of: layout.row(middle: StyledLine())).trimmingTrailingSpaces()
        return DiagramDrawing(header: header, lines: lines, footer: footer)
    }

    /// The model's view once its header (or first event) is read.
    public var view: DiagramView { builder.options.view }
    /// The trace's header, once read.
    public var header: TraceHeader? { builder.header }
    /// Whether a row was drawn with a time earlier than a row above it (see `DiagramBuilder.leftTimeOrder`).
    public var leftTimeOrder: Bool { builder.leftTimeOrder }

    /// Takes the next event; returns the lines it makes ready (none, or several when it releases
    /// lines that were held back).
    public mutating func consume(_ event: TraceEvent) -> [String] {
        draw(builder.add(event))
    }

    /// `consume`'s lines appended to `text`, each followed by a newline (the same bytes, with no string
    /// of their own on the way).
    public mutating func consume(_ event: TraceEvent, appendingTo text: inout String) {
        let rows = builder.add(event)
        guard !rows.isEmpty else { return }
        if layout == nil {
            for line in titleRows() {
                text += line
                text += "\n"
            }
        }
        for row in rows {
            style.append(line(for: row), to: &text)
            text += "\n"
        }
    }

    /// Everything still held back, in step order, and the end of the lifelines.
    public mutating func finish() -> [String] {
        var lines = draw(builder.finish())
        if layout == nil { lines += titleRows() }
        lines.append(style.text(of: layout!.row(middle: StyledLine())).trimmingTrailingSpaces())
        return lines
    }

    private mutating func titleRows() -> [String] {
        let layout = DiagramLayout(width: style.width, glyphs: style.glyphs, view: builder.options.view)
        self.layout = layout
        return layout.headerRows(DiagramWords(style.wording)).map { style.text(of: $0).trimmingTrailingSpaces() }
    }

    private mutating func draw(_ rows: [Row]) -> [String] {
        guard !rows.isEmpty else { return [] }
        var lines = layout == nil ? titleRows() : []
        for row in rows { lines.append(style.text(of: line(for: row)).trimmingTrailingSpaces()) }
        return lines
    }

    private func line(for row: Row) -> StyledLine {
        let layout = self.layout!
        let text = label.label(for: row)
        let middle: StyledLine
        if row.participant.actor == .tool {
            middle = layout.centered(text)
        } else if row.kind == .segment, let flags = row.arrow?.tag {
            middle = layout.segment(from: row.side, text, flags: flags)
        } else {
            switch row.arrow?.direction {
            case nil: middle = layout.beside(row.side, text)
            case .outgoing?: middle = layout.outgoing(from: row.side, text, tag: row.arrow?.tag)
            case .incoming?: middle = layout.incoming(to: row.side, text, tag: row.arrow?.tag)
            }
        }
        let micro = style.glyphs.micro
        return layout.row(step: row.number, middle: middle, time: TimeText.sinceStart(row.time, micro: micro),
                          duration: row.duration.map { TimeText.duration($0, micro: micro) })
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        let bytes = utf8
        guard bytes.last == 0x20 else { return self }
        // Spaces after plain ASCII (a diagram's line) are characters of their own: cut as bytes.
        var cut = bytes.endIndex
        while cut > bytes.startIndex, bytes[bytes.index(before: cut)] == 0x20 { cut = bytes.index(before: cut) }
        if cut == bytes.startIndex || bytes[bytes.index(before: cut)] < 0x80 { return String(self[..<cut]) }
        guard last == " " else { return self }
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return String(self[..<end])
    }
}

/// A whole diagram as lines: the lifelines' header, one line per row (in the rows' order), and the line
/// that closes the lifelines.
public struct DiagramDrawing: Sendable, Hashable {
    public let header: [String]
    public let lines: [String]
    public let footer: String

    /// Everything, top to bottom: what `DiagramRenderer.render` gives.
    public var all: [String] { header + lines + [footer] }
}
