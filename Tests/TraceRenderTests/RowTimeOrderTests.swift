import Testing
import TraceCore
import TraceModel

/// Numbered steps come out in the plan's order: when the programs' calls overlapped, a row can show an
/// earlier time than the one above it, and the diagram must say so rather than let it pass for the clock's order.
@Suite("Rows in the lesson's order, not always the clock's: the model knows when")
struct RowTimeOrderTests {
    @Test("the seed run built with its race (the client's recv returns before the server's sendall is reported): out of the clock's order")
    func raceLeavesTimeOrder() {
        var builder = DiagramBuilder()
        var rows: [Row] = []
        for event in SeedEvents.make() { rows += builder.add(event) }
        rows += builder.finish()
        let times = rows.filter { $0.kind != .segment }.map(\.event.time)
        #expect(times != times.sorted())
        #expect(builder.leftTimeOrder)
    }

    @Test("the same run with each event's time in the order it was reported: every row in the clock's order, no word about it")
    func inOrder() {
        var events = SeedEvents.make()
        for i in events.indices {
            events[i].time = UInt64(i + 1) * 10_000
            events[i].duration = events[i].duration.map { _ in 5_000 }
        }
        var builder = DiagramBuilder()
        var rows: [Row] = []
        for event in events { rows += builder.add(event) }
        rows += builder.finish()
        let times = rows.filter { $0.kind != .segment }.map(\.event.time)
        #expect(times == times.sorted())
        #expect(!builder.leftTimeOrder)
    }
}
