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

    /// The model's view once its header (or first event) is read.
    public var view: DiagramView { builder.options.view }
    /// The trace's header, once read.
    public var header: TraceHeader? { builder.header }

    /// Takes the next event; returns the lines it makes ready (none, or several when it releases
    /// lines that were held back).
    public mutating func consume(_ event: TraceEvent) -> [String] {
        draw(builder.add(event))
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
        guard last == " " else { return self }
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return String(self[..<end])
    }
}
