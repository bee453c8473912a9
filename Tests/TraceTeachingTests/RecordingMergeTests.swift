import Foundation
import Testing
import TracePrograms
import TraceModel
import TraceText
import TraceCore
import TraceSockets
import TraceTeaching
import SocketTracing

@Suite("Merging a server's and its clients' recordings by causality, not by clock")
struct RecordingMergeTests {
    /// Recordings of real runs: a server and `clients.count` clients, each process-like with its own tracer.
    func record(clients messages: [String]) throws -> (server: [TraceEvent], clients: [[TraceEvent]]) {
        let harness = try ServerHarness(forever: messages.count > 1)
        var clients: [[TraceEvent]] = []
        for message in messages {
            let sink = MemorySink()
            _ = try harness.client(message, sink: sink)
            clients.append(sink.events)
        }
        if messages.count > 1 { #expect(eventually { harness.server.openConnections == 0 }) }
        _ = harness.finish(stopping: messages.count > 1)
        return (harness.events.events, clients)
    }

    /// The same recording on a clock `by` nanoseconds ahead.
    func skewed(_ events: [TraceEvent], by shift: UInt64) -> [TraceEvent] {
        events.map { var e = $0; e.time += shift; return e }
    }

    func position(_ events: [TraceEvent], _ actor: TraceEvent.Actor, _ op: TraceEvent.Operation,
                  _ phase: TraceEvent.Phase, where extra: (TraceEvent) -> Bool = { _ in true }) throws -> Int {
        try #require(events.firstIndex { $0.actor == actor && $0.operation == op && $0.phase == phase && extra($0) })
    }

    @Test("one client, clocks skewed either way by 5 s: the same causal diagram every time", arguments: [0, 1, 2])
    func skewedClocks(skewCase: Int) throws {
        let (server, clients) = try record(clients: ["Hola, servidor"])
        let fiveSeconds: UInt64 = 5_000_000_000
        let (s, c) = skewCase == 0 ? (server, clients[0])
            : skewCase == 1 ? (server, skewed(clients[0], by: fiveSeconds)) : (skewed(server, by: fiveSeconds), clients[0])
        let merged = RecordingMerge.merge([s, c])
        let events = merged.events
        // Each recording's header gives way to the merge's own.
        #expect(events.count == server.count + clients[0].count - 1)
        #expect(events.first?.header?.source == .merge && Set(events.first?.header?.traced ?? []) == [.server, .client])
        #expect(events.map(\.seq) == (1...UInt64(events.count)).map { $0 })
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.time <= $1.time })
        #expect(merged.pairedConnections == 1 && merged.conflicts == 0 && merged.unpaired.isEmpty)
        #expect(events.filter { $0.actor == .client }.allSatisfy { $0.connection == 1 })
        // connect ↔ accept, bytes sent ↔ bytes received, close ↔ end of stream.
        #expect(try position(events, .client, .connect, .start) < position(events, .server, .accept, .done))
        #expect(try position(events, .client, .sendall, .start) < position(events, .server, .recv, .done, where: { $0.step == 4 }))
        #expect(try position(events, .server, .sendall, .start) < position(events, .client, .recv, .done))
        #expect(try position(events, .client, .close, .start) < position(events, .server, .recv, .done, where: { $0.bytes == 0 }))
        // Each program's own order is kept.
        let programs = { (events: [TraceEvent], actor: TraceEvent.Actor) in
            events.filter { $0.actor == actor && $0.operation != .header }.map(\.operation)
        }
        #expect(programs(events, .client) == programs(clients[0], .client))
        #expect(programs(events, .server) == programs(server, .server))
        // The skew is recovered: the order does not depend on it.
        let unskewed = RecordingMerge.merge([server, clients[0]]).events
        #expect(events.map { "\($0.actor)/\($0.operation)/\($0.phase)" } == unskewed.map { "\($0.actor)/\($0.operation)/\($0.phase)" })
    }

    @Test("three clients and one server, each on its own clock: every client gets the id the server gave it")
    func threeClients() throws {
        let messages = ["uno", "dos", "tres"]
        let (server, clients) = try record(clients: messages)
        let shifts: [UInt64] = [7_000_000_000, 0, 123_456_789]
        let merged = RecordingMerge.merge([server] + zip(clients, shifts).map { skewed($0, by: $1) })
        #expect(merged.pairedConnections == 3 && merged.conflicts == 0)
        for message in messages {
            let printedByServer = try #require(merged.events.first { $0.actor == .server && $0.operation == .print && $0.preview == message })
            let id = try #require(printedByServer.connection)
            let sent = try #require(merged.events.first { $0.actor == .client && $0.operation == .sendall && $0.phase == .done && $0.preview == message })
            #expect(sent.connection == id)
            let connect = try #require(merged.events.firstIndex { $0.actor == .client && $0.connection == id && $0.operation == .connect && $0.phase == .start })
            let accept = try #require(merged.events.firstIndex { $0.actor == .server && $0.connection == id && $0.operation == .accept && $0.phase == .done })
            #expect(connect < accept)
        }
    }
}
