import Synchronization
import TraceCore
import TraceModel
import TraceRowText
import TraceText

/// Exports a trace to Mermaid, PlantUML, SVG or HTML: one more backend over the diagram model. Feed
/// it events in `seq` order (it is an `EventSink`, so a live run can export as it goes), then call
/// `finish`. Mermaid and PlantUML are written as rows become ready; SVG and HTML at `finish`. The same
/// events always give the same text.
public final class DiagramExporter: EventSink {
    private struct State: Sendable {
        var builder: DiagramBuilder
        var backend: any ExportBackend
        var out: ChunkedText
        var begun = false
        var finished = false
    }

    private let state: Mutex<State>
    private let options: ExportOptions

    /// `diagram` applies to a recording without a header; a trace's header says the rest.
    public convenience init(format: ExportFormat, options: ExportOptions, diagram: DiagramOptions = DiagramOptions(),
                            output: any TextOutput) {
        self.init(format: format, options: options, diagram: diagram, output: output, testScript: nil)
    }

    /// `testScript`: a script a test adds to an HTML page to drive it from inside (allowed by the page's policy).
    init(format: ExportFormat, options: ExportOptions, diagram: DiagramOptions, output: any TextOutput, testScript: String?) {
        self.options = options
        let backend: any ExportBackend
        switch format {
        case .mermaid: backend = MermaidBackend()
        case .plantuml: backend = PlantUMLBackend()
        case .svg: backend = SVGBackend()
        case .html: backend = HTMLBackend(testScript: testScript)
        }
        state = Mutex(State(builder: DiagramBuilder(options: diagram), backend: backend, out: ChunkedText(output)))
    }

    public func receive(_ event: TraceEvent) {
        state.withLock { s in
            let rows = s.builder.add(event)
            if !rows.isEmpty { pass(rows, &s) }
        }
    }

    /// Writes whatever is still held back and the end of the document; later calls do nothing.
    public func finish() {
        state.withLock { s in
            guard !s.finished else { return }
            s.finished = true
            pass(s.builder.finish(), &s)
            if !s.begun { begin(&s) }
            s.backend.finish(into: &s.out)
            s.out.flush()
        }
    }

    /// A whole recording in one format. A recording without a header is drawn with the plan its own
    /// step numbers imply, as `trace replay` draws it.
    public static func render(_ events: [TraceEvent], format: ExportFormat, options: ExportOptions,
                              diagram: DiagramOptions? = nil) -> String {
        let output = StringOutput()
        let exporter = DiagramExporter(format: format, options: options,
                                       diagram: diagram ?? DiagramOptions(plan: StepPlan(deriving: events)), output: output)
        for event in events { exporter.receive(event) }
        exporter.finish()
        return output.text
    }

    private func pass(_ rows: [Row], _ s: inout State) {
        if !s.begun { begin(&s) }
        let wording = Wording(language: options.language)
        for row in rows { s.backend.add(ExportRow(row, wording: wording), into: &s.out) }
    }

    private func begin(_ s: inout State) {
        s.begun = true
        let diagram = ExportDiagram(header: s.builder.header, view: s.builder.options.view, options: options)
        s.backend.begin(diagram, into: &s.out)
    }
}
