import TraceCore
import TraceModel

/// A PlantUML sequence diagram with the Mermaid export's content: participants `C` and `S`, `->` for
/// a call and a captured segment, `-->` (dashed) for an inferred arrow, notes for times and states,
/// `== dividers ==` for the setup, the exchange and the close, and a legend.
struct PlantUMLBackend: ExportBackend {
    private var script = SequenceScript()

    private static func id(_ side: Side) -> String { side == .left ? "C" : "S" }

    mutating func begin(_ diagram: ExportDiagram, into out: inout ChunkedText) {
        script.words = diagram.words
        out.line("@startuml")
        out.line("title " + PlantUMLText.escape(diagram.title))
        for side in [Side.left, .right] {
            out.line("participant \"" + PlantUMLText.escape(diagram.words.lifeline(side, view: diagram.view)) + "\" as " + Self.id(side))
        }
    }

    mutating func add(_ row: ExportRow, into out: inout ChunkedText) {
        for statement in script.statements(for: row) {
            switch statement {
            case .divider(let text):
                out.line("== " + PlantUMLText.escape(text) + " ==")
            case .overBoth(let text):
                out.line("note over C, S : " + PlantUMLText.escape(text))
            case .message(let from, let to, let dashed, let text):
                out.line(Self.id(from) + (dashed ? " --> " : " -> ") + Self.id(to) + " : " + PlantUMLText.escape(text))
            case .note(let side, let text):
                out.line("note \(side == .left ? "left" : "right") of \(Self.id(side)) : " + PlantUMLText.escape(text))
            }
        }
    }

    mutating func finish(into out: inout ChunkedText) {
        out.line("legend bottom")
        out.line(PlantUMLText.escape(script.words.legendHeading))
        for line in script.legend { out.line("- " + PlantUMLText.escape(line)) }
        out.line("endlegend")
        out.line("@enduml")
    }
}
