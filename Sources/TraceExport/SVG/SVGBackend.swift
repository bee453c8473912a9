/// A standalone SVG picture of the whole recording (see `SVGLadder`). Its size depends on every row,
/// so the rows are kept until the end.
struct SVGBackend: ExportBackend {
    private var diagram: ExportDiagram?
    private var rows: [ExportRow] = []

    mutating func begin(_ diagram: ExportDiagram, into out: inout ChunkedText) { self.diagram = diagram }

    mutating func add(_ row: ExportRow, into out: inout ChunkedText) { rows.append(row) }

    mutating func finish(into out: inout ChunkedText) {
        guard let diagram else { return }
        SVGLadder(diagram: diagram, rows: rows).write(into: &out)
    }
}
