import Testing
import TraceText
import TraceCore

@Suite("RecordingMerge on hand-made recordings: NAT, unpaired ends, contradictions")
struct RecordingMergeUnitTests {
    /// A minimal event.
    func event(_ seq: UInt64, _ t: UInt64, _ phase: TraceEvent.Phase, _ actor: TraceEvent.Actor, _ op: TraceEvent.Operation,
               conn: Int? = nil, fd: Int32 = 3, bytes: Int? = nil, local: String? = nil, remote: String? = nil) -> TraceEvent {
        var e = TraceEvent(seq: seq, time: t, phase: phase, actor: actor, connection: conn, operation: op, fd: fd)
        e.bytes = bytes
        e.local = local
        e.remote = remote
        return e
    }

    /// A client that connects from `local` to `remote`, sends 5 bytes, reads 2, closes.
    func client(local: String, remote: String, at t0: UInt64) -> [TraceEvent] {
        [event(1, t0, .start, .client, .connect),
         event(2, t0 + 10, .done, .client, .connect, local: local, remote: remote),
         event(3, t0 + 20, .start, .client, .sendall),
         event(4, t0 + 30, .done, .client, .sendall, bytes: 5, local: local, remote: remote),
         event(5, t0 + 40, .start, .client, .recv),
         event(6, t0 + 90, .done, .client, .recv, bytes: 2, local: local, remote: remote),
         event(7, t0 + 100, .start, .client, .close),
         event(8, t0 + 110, .done, .client, .close)]
    }

    /// A server connection (id 4) that accepts `peer` on `local`, reads 5 bytes, replies 2, then sees EOF.
    func server(local: String, peer: String, at t0: UInt64) -> [TraceEvent] {
        [event(1, t0, .start, .server, .accept, conn: 4),
         event(2, t0 + 15, .done, .server, .accept, conn: 4, local: local, remote: peer),
         event(3, t0 + 20, .start, .server, .recv, conn: 4, fd: 5),
         event(4, t0 + 35, .done, .server, .recv, conn: 4, fd: 5, bytes: 5, local: local, remote: peer),
         event(5, t0 + 50, .start, .server, .sendall, conn: 4, fd: 5),
         event(6, t0 + 55, .done, .server, .sendall, conn: 4, fd: 5, bytes: 2, local: local, remote: peer),
         event(7, t0 + 60, .start, .server, .recv, conn: 4, fd: 5),
         event(8, t0 + 120, .done, .server, .recv, conn: 4, fd: 5, bytes: 0, local: local, remote: peer)]
    }

    func names(_ events: [TraceEvent]) -> [String] { events.map { "\($0.actor.rawValue.first!)\($0.operation)/\($0.phase)" } }

    @Test("across a NAT (addresses rewritten, ports kept) the ends still pair, and causality orders them")
    func nat() {
        let merged = RecordingMerge.merge([
            server(local: "192.168.1.20:50007", peer: "203.0.113.9:40000", at: 9_000_000),
            client(local: "10.0.0.5:40000", remote: "198.51.100.1:50007", at: 0),
        ])
        #expect(merged.pairedConnections == 1 && merged.conflicts == 0)
        let order = names(merged.events)
        #expect(order.firstIndex(of: "cconnect/start")! < order.firstIndex(of: "saccept/done")!)
        #expect(order.firstIndex(of: "csendall/start")! < order.firstIndex(of: "srecv/done")!)
        #expect(order.firstIndex(of: "ssendall/start")! < order.firstIndex(of: "crecv/done")!)
        #expect(order.lastIndex(of: "srecv/done")! > order.firstIndex(of: "cclose/start")!)
        #expect(merged.events.filter { $0.actor == .client }.allSatisfy { $0.connection == 4 })
    }

    @Test("a client whose server is not among the recordings is kept, in order, and reported")
    func unpaired() {
        let merged = RecordingMerge.merge([client(local: "127.0.0.1:40000", remote: "127.0.0.1:50007", at: 0)])
        #expect(merged.pairedConnections == 0)
        #expect(merged.unpaired == ["recording 1: client 127.0.0.1:40000 - 127.0.0.1:50007"])
        // The merge opens with a header of its own, then every event of the recording.
        #expect(merged.events.first?.header?.source == .merge)
        #expect(merged.events.dropFirst().map(\.operation) == client(local: "a:1", remote: "b:2", at: 0).map(\.operation))
    }

    @Test("recordings that contradict each other still merge completely, and the contradiction is counted")
    func contradiction() {
        // The client says it read the reply before it sent its message: with the server's order
        // (read the message, then reply), no order can honour every link.
        let s = server(local: "127.0.0.1:50007", peer: "127.0.0.1:40000", at: 0)
        var c = client(local: "127.0.0.1:40000", remote: "127.0.0.1:50007", at: 0)
        c = [c[0], c[1], c[4], c[5], c[2], c[3], c[6], c[7]]
        for i in c.indices { c[i].seq = UInt64(i + 1) }
        let merged = RecordingMerge.merge([s, c])
        #expect(merged.events.count == 1 + 16)
        #expect(Set(merged.events.map(\.seq)).count == 1 + 16)
        #expect(merged.conflicts >= 1)
    }

    @Test("two recordings made with packets on one machine: each segment kept once, the merge's header says packets")
    func packets() {
        func segments(at t0: UInt64) -> [TraceEvent] {
            [(0, TCPFlags.syn, "127.0.0.1:40000", "127.0.0.1:50007"), (5, [.syn, .ack], "127.0.0.1:50007", "127.0.0.1:40000"),
             (8, .ack, "127.0.0.1:40000", "127.0.0.1:50007")].map { dt, flags, source, destination in
                TraceEvent(segment: .init(flags: flags, sequence: 0, acknowledgement: flags.contains(.ack) ? 1 : nil, payloadLength: 0,
                                          window: 512), time: t0 + dt, source: source, destination: destination)
            }
        }
        func recorded(_ traced: TraceEvent.Actor, _ events: [TraceEvent]) -> [TraceEvent] {
            let header = TraceEvent(header: TraceHeader(source: .builtIn, command: traced.rawValue, traced: [traced],
                                                        packets: .init(interface: "lo")))
            return ([header] + events).enumerated().map { i, e in var e = e; e.seq = UInt64(i + 1); return e }
        }
        let c = client(local: "127.0.0.1:40000", remote: "127.0.0.1:50007", at: 0)
        let s = server(local: "127.0.0.1:50007", peer: "127.0.0.1:40000", at: 1_000)
        let merged = RecordingMerge.merge([recorded(.server, s.prefix(1) + segments(at: 1_002) + s.dropFirst()),
                                           recorded(.client, c.prefix(1) + segments(at: 2) + c.dropFirst())])
        #expect(merged.pairedConnections == 1)
        #expect(merged.events.filter { $0.operation == .segment }.map { $0.segment!.flags.name } == ["SYN", "SYN-ACK", "ACK"])
        #expect(merged.events.count == 1 + 16 + 3)
        let header = merged.events.first?.header
        #expect(header?.packets == .init(interface: "lo") && header.map { Set($0.traced) } == [.client, .server])
    }
}
