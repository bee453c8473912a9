import Testing
import TraceCore
import TraceSockets
import SocketTracing

@Suite("accept() starts with its listener's view of the queue")
struct AcceptQueueTests {
    @Test("a connection already queued: the start says queue 1; none queued: queue 0")
    func queueAtStart() throws {
        let (tracer, sink) = makeTracer()
        let listener = try makeListener(observer: tracer.lane(.server))
        let client = try Socket.tcp(.ipv4)
        try client.connect(to: listener.localAddress!)
        // The kernel completes the handshake on its own; poll for it rather than assume it.
        #expect(eventually { listener.kernelView()?.acceptQueue == 1 })
        let first = try listener.accept()
        let late = try Socket.tcp(.ipv4)
        let second = Background { () throws -> Socket in try listener.accept() }
        // The second accept starts with an empty queue, then a client arrives.
        #expect(eventually { sink.events.filter { $0.operation == .accept && $0.phase == .start }.count == 2 })
        try late.connect(to: listener.localAddress!)
        let accepted = try second.value()
        for s in [first, accepted, client, late, listener] { try s.close() }

        let starts = sink.events.filter { $0.operation == .accept && $0.phase == .start }
        #expect(starts.map { $0.tcp?.acceptQueue } == [1, 0])
        #expect(starts.allSatisfy { $0.tcp?.state == .listen })
    }
}
