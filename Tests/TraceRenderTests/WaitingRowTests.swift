import Testing
import TraceCore
import TraceModel

@Suite("A waiting accept() is drawn only when it waits")
struct WaitingRowTests {
    /// A one-sided server trace: its setup, then an accept whose start saw `queued` connections (nil: no view).
    static func events(queued: UInt32?) -> [TraceEvent] {
        var header = TraceEvent(header: TraceHeader(source: .builtIn, command: "server", traced: [.server],
                                                    plan: StepPlan(steps: [StepPlan.Step(number: 2, completions: [.init(.server, .accept)])])))
        header.seq = 1
        var start = TraceEvent(time: 10, phase: .start, actor: .server, operation: .accept, step: 2, fd: 3)
        start.seq = 2
        if let queued { start.tcp = TraceEvent.KernelView(state: .listen, acceptQueue: queued, backlog: 5) }
        var done = TraceEvent(time: 20, phase: .done, actor: .server, operation: .accept, step: 2, fd: 3, duration: 10, newFD: 4,
                              local: "127.0.0.1:5000", remote: "127.0.0.1:40000")
        done.seq = 3
        return [header, start, done]
    }

    @Test("queue empty at the start, or unknown: a waiting row; a connection already queued: none",
          arguments: [(UInt32?.none, true), (0, true), (1, false), (3, false)])
    func waitingRow(queued: UInt32?, waits: Bool) {
        let rows = DiagramBuilder.rows(of: Self.events(queued: queued))
        #expect(rows.contains { $0.kind == .waiting } == waits)
        #expect(rows.filter { $0.kind == .call }.count == 1)
    }
}
