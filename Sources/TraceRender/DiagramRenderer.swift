import TraceEvents

/// Draws a sequence diagram from trace events, incrementally and purely: feed events in `seq` order
/// to `consume`, which returns the lines that are ready; `finish` returns the rest. The same events
/// always give the same lines, live or from a recording.
///
/// Numbered steps appear in the plan's order even when the programs' threads race (see
/// `StepSequencer`). A blocking `accept()` that starts before the steps leading to its connection is
/// shown waiting at once.
public struct DiagramRenderer: Sendable {
    public let style: DiagramStyle
    private let layout: DiagramLayout
    private var describer: EventDescriber
    private var sequencer: StepSequencer<Pending>
    private var startedDrawing = false
    private var lastNumberShown: Int?

    private enum Pending: Sendable {
        case event(TraceEvent)
        case waiting(TraceEvent)
    }

    /// `plan` gives the steps' order; without one, lines appear as their events arrive.
    public init(style: DiagramStyle, plan: StepPlan? = nil) {
        self.style = style
        layout = DiagramLayout(width: style.width, glyphs: style.glyphs, view: style.view)
        describer = EventDescriber(style: style)
        sequencer = StepSequencer(plan: plan)
    }

    /// The diagram of a whole recording: every event consumed, then `finish`, with the plan the
    /// events themselves imply.
    public static func render(_ events: [TraceEvent], style: DiagramStyle) -> [String] {
        render(events, style: style, plan: StepPlan(deriving: events))
    }

    public static func render(_ events: [TraceEvent], style: DiagramStyle, plan: StepPlan?) -> [String] {
        var renderer = DiagramRenderer(style: style, plan: plan)
        var lines: [String] = []
        for event in events { lines += renderer.consume(event) }
        return lines + renderer.finish()
    }

    /// Takes the next event; returns the lines it makes ready (none, or several when it releases
    /// lines that were held back).
    public mutating func consume(_ event: TraceEvent) -> [String] {
        let released: [Pending]
        switch event.phase {
        case .start:
            guard Self.waits(event), sequencer.awaitsEarlierSteps(event.step) else { return [] }
            released = sequencer.admit(.waiting(event), for: event, held: false)
        case .done, .instant:
            released = sequencer.admit(.event(event), for: event)
        }
        return draw(released)
    }

    /// Everything still held back, in step order, and the end of the lifelines.
    public mutating func finish() -> [String] {
        var lines = draw(sequencer.drain())
        if !startedDrawing { lines += header() }
        lines.append(style.text(of: layout.row(middle: StyledLine())).trimmingTrailingSpaces())
        return lines
    }

    /// Calls worth a line while they block: the server waiting in `accept()`. When the steps before
    /// it are already shown (the client has connected), it will not wait, and gets no such line.
    private static func waits(_ event: TraceEvent) -> Bool { event.operation == .accept }

    private mutating func header() -> [String] {
        startedDrawing = true
        return layout.headerRows(DiagramWords(style: style)).map { style.text(of: $0).trimmingTrailingSpaces() }
    }

    private mutating func draw(_ items: [Pending]) -> [String] {
        guard !items.isEmpty else { return [] }
        var lines = startedDrawing ? [] : header()
        for item in items {
            let draft: LineDraft?
            switch item {
            case .event(let event): draft = describer.draft(event)
            case .waiting(let event): draft = describer.waiting(event)
            }
            guard let draft else { continue }
            lines.append(style.text(of: row(for: draft)).trimmingTrailingSpaces())
        }
        return lines
    }

    private mutating func row(for draft: LineDraft) -> StyledLine {
        var number: Int?
        if let step = draft.step, step != lastNumberShown {
            number = step
            lastNumberShown = step
        }
        let middle: StyledLine
        switch draft.shape {
        case .label: middle = layout.beside(draft.side, draft.label)
        case .outgoing(let tag): middle = layout.outgoing(from: draft.side, draft.label, tag: tag)
        case .incoming(let tag): middle = layout.incoming(to: draft.side, draft.label, tag: tag)
        }
        let micro = style.glyphs.micro
        return layout.row(step: number, middle: middle, time: TimeText.sinceStart(draft.time, micro: micro),
                          duration: draft.duration.map { TimeText.duration($0, micro: micro) })
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
