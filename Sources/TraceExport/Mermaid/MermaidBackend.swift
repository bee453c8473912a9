import TraceCore
import TraceModel

/// A Mermaid `sequenceDiagram` in the subset GitHub renders (nothing newer than Mermaid 10): two
/// participants `C` and `S` with readable aliases, `->>` for a call and a captured segment, `-->>`
/// (dashed) for an inferred arrow, notes for times and states, sections as notes over both
/// lifelines, the step number in the text (no `autonumber`).
struct MermaidBackend: ExportBackend {
    private var script = SequenceScript()
    private static let indent = "    "

    private static func id(_ side: Side) -> String { side == .left ? "C" : "S" }
    private static let both = "C,S"

    mutating func begin(_ diagram: ExportDiagram, into out: inout ChunkedText) {
        script.words = diagram.words
        out.line("%% " + MermaidText.escape(diagram.title))
        if let tool = diagram.header?.tool { out.line("%% " + MermaidText.escape(tool)) }
        out.line("sequenceDiagram")
        for side in [Side.left, .right] {
            out.line(Self.indent + "participant \(Self.id(side)) as " + MermaidText.escape(diagram.words.lifeline(side, view: diagram.view)))
        }
    }

    mutating func add(_ row: ExportRow, into out: inout ChunkedText) {
        for statement in script.statements(for: row) {
            switch statement {
            case .divider(let text), .overBoth(let text):
                out.line(Self.indent + "Note over \(Self.both): " + MermaidText.escape(text))
            case .message(let from, let to, let dashed, let text):
                out.line(Self.indent + Self.id(from) + (dashed ? "-->>" : "->>") + Self.id(to) + ": " + MermaidText.escape(text))
            case .note(let side, let text):
                out.line(Self.indent + "Note \(side == .left ? "left" : "right") of \(Self.id(side)): " + MermaidText.escape(text))
            }
        }
    }

    mutating func finish(into out: inout ChunkedText) {
        let lines = [script.words.legendHeading + ":"] + script.legend.map { "– " + $0 }
        out.line(Self.indent + "Note over \(Self.both): " + lines.map(MermaidText.escape).joined(separator: "<br/>"))
    }
}
