import Testing
import TraceText
import TraceCore
import TraceModel
import TraceRender

@Suite("A diagram drawn row by row, for stepping through it")
struct DrawingTests {
    @Test("the same lines as the whole diagram, one per row, at every width", arguments: [40, 50, 60, 80, 120])
    func sameLines(width: Int) {
        let events = SeedEvents.make()
        let style = DiagramStyle(language: .es, width: width)
        let options = DiagramOptions(plan: StepPlan(deriving: events))
        let rows = DiagramBuilder.rows(of: events, options: options)
        let drawing = DiagramRenderer.drawing(of: rows, view: options.view, style: style)
        #expect(drawing.lines.count == rows.count)
        #expect(drawing.header.count == DiagramRenderer.headerLineCount)
        #expect(drawing.all == DiagramRenderer.render(events, style: style, options: options))
    }
}
