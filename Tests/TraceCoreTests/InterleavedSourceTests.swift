import Synchronization
import Testing
import TraceCore

/// A source holding events at fixed times, as a capture holds segments it has read.
private final class HeldEvents: InterleavedSource {
    let held: Mutex<[TraceEvent]>
    let seen = Mutex<[TraceEvent.Operation]>([])

    init(_ times: [UInt64]) {
        held = Mutex(times.map { TraceEvent(time: $0, phase: .instant, actor: .network, operation: .segment) })
    }

    func events(before event: TraceEvent) -> [TraceEvent] {
        seen.withLock { $0.append(event.operation) }
        return events(through: event.time)
    }

    func events(through time: UInt64) -> [TraceEvent] {
        held.withLock { held in
            let due = held.prefix { $0.time <= time }
            held.removeFirst(due.count)
            return Array(due)
        }
    }
}

@Suite("A tracer numbers an interleaved source's events in time order among its own")
struct InterleavedSourceTests {
    @Test("before each event, what happened before it; the rest on request")
    func order() {
        let sink = MemorySink()
        let tracer = Tracer(sink: sink, header: TraceHeader(source: .builtIn, command: "test", traced: [.client],
                                                             clock: .init(monotonicOrigin: 1_000, wallAtOrigin: 5)))
        #expect(tracer.origin == 1_000)
        let source = HeldEvents([15, 20, 35, 90])
        tracer.interleave(source)
        for (time, operation) in [(10, TraceEvent.Operation.connect), (30, .send), (40, .close)] {
            var call = TraceEvent(time: UInt64(time), phase: .done, actor: .client, operation: operation)
            tracer.emit(&call)
        }
        tracer.emitInterleaved(through: .max)
        let events = sink.events.dropFirst()
        #expect(events.map(\.time) == [10, 15, 20, 30, 35, 40, 90])
        #expect(events.map(\.seq) == Array(2...8))
        #expect(source.seen.withLock { $0 } == [.connect, .send, .close])
        #expect(sink.events.first?.header?.clock == .init(monotonicOrigin: 1_000, wallAtOrigin: 5))
    }
}
