import TraceCore
import TraceModel
import TraceText

/// One self-contained page (no file, font or script fetched; it works from `file://`, offline): the
/// SVG ladder beside a transcript of the stops, stepped through with buttons and keys. Every text
/// from the recording is escaped for where it goes (`XMLText`); a Content-Security-Policy lets only
/// the page's own script and styles run, by their hashes.
struct HTMLBackend: ExportBackend {
    private var diagram: ExportDiagram?
    private var rows: [ExportRow] = []
    /// A script a test adds to drive the page from inside (its hash joins the policy).
    var testScript: String?

    init(testScript: String? = nil) { self.testScript = testScript }

    mutating func begin(_ diagram: ExportDiagram, into out: inout ChunkedText) { self.diagram = diagram }

    mutating func add(_ row: ExportRow, into out: inout ChunkedText) { rows.append(row) }

    mutating func finish(into out: inout ChunkedText) {
        guard let diagram else { return }
        let stops = Stop.stops(of: rows)
        var stopOfRow = [Int](repeating: 0, count: rows.count)
        for (k, stop) in stops.enumerated() { for i in stop.rows { stopOfRow[i] = k } }
        let page = HTMLPage(diagram: diagram, rows: rows, stops: stops, testScript: testScript)
        page.writeHead(into: &out)
        SVGLadder(diagram: diagram, rows: rows, stops: stopOfRow).write(into: &out)
        page.writeTranscript(into: &out)
        page.writeEnd(into: &out)
    }
}
