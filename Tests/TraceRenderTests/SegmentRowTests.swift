import Testing
import TraceCore
import TraceModel
import TraceRender
import TraceText

@Suite("Captured segments in the diagram: under the calls they travelled during, and no inferred arrow")
struct SegmentRowTests {
    /// Each segment row's flags, after the label of the call row it follows.
    func placement(_ rows: [Row]) -> [String] {
        var out: [String] = []
        var lastCall = "-"
        for row in rows {
            if row.kind == .segment {
                out.append("\(lastCall): \(row.event.segment!.flags.name)")
            } else if row.kind == .call {
                lastCall = "\(row.event.actor) \(row.event.operation)"
            }
        }
        return out
    }

    @Test("both sides traced: the handshake under connect, each message and its ACK under its send, each FIN under its close")
    func bothSides() {
        let rows = DiagramBuilder.rows(of: SeedSegments.interleaved(into: SeedEvents.make()))
        #expect(placement(rows) == [
            "client connect: SYN", "client connect: SYN-ACK", "client connect: ACK",
            "client sendall: PSH-ACK", "client sendall: ACK",
            "server sendall: PSH-ACK", "server sendall: ACK",
            "client close: FIN-ACK",
            "server close: FIN-ACK", "server close: ACK",
        ])
        let segments = rows.filter { $0.kind == .segment }
        #expect(segments.allSatisfy { $0.arrow?.evidence == .observed && $0.arrow?.direction == .outgoing && $0.underCall != nil })
        #expect(segments.map { $0.side == .left } == SeedSegments.table().map(\.1))
        // The segments replace every inferred arrow.
        #expect(rows.filter { $0.kind != .segment }.allSatisfy { $0.arrow == nil })
        // Each segment row is right under its call: the call's row carries the seq they point at.
        for (index, row) in rows.enumerated() where row.kind == .segment {
            let call = rows[..<index].last { $0.kind != .segment }
            #expect(call?.event.seq == row.underCall)
        }
    }

    @Test("without capture, the same calls keep their inferred arrows, and no row is a segment")
    func withoutCapture() {
        let rows = DiagramBuilder.rows(of: [TraceEvent(header: TraceHeader(source: .builtIn, command: "demo", traced: [.client, .server]))]
            + SeedEvents.make())
        #expect(!rows.contains { $0.kind == .segment })
        #expect(rows.filter { $0.arrow != nil }.allSatisfy { $0.arrow?.evidence == .inferred })
        #expect(rows.filter { $0.arrow != nil }.count == 5)
    }

    @Test("a recording without a header: the connections its segments show are observed")
    func noHeader() {
        let rows = DiagramBuilder.rows(of: SeedSegments.interleaved(into: SeedEvents.make(), header: nil))
        #expect(rows.filter { $0.kind == .segment }.count == 10)
        for row in rows where row.kind != .segment && row.arrow != nil { Issue.record("an inferred arrow on \(row.event.operation) at \(row.event.time)") }
        // connect() is annotated after its SYN arrived: no inferred handshake beside the captured one.
        #expect(rows.filter { $0.kind != .segment }.allSatisfy { $0.arrow == nil })
    }

    @Test("the server alone (trace server): the peer's handshake under accept, its message under the recv it woke")
    func serverAlone() {
        let serverOnly = SeedEvents.make().filter { $0.actor == .server }
        var header = SeedSegments.packetsHeader
        header.traced = [.server]
        header.plan = nil
        let rows = DiagramBuilder.rows(of: SeedSegments.interleaved(into: serverOnly, header: header))
        #expect(placement(rows) == [
            "server accept: SYN", "server accept: SYN-ACK", "server accept: ACK",
            "server recv: PSH-ACK", "server recv: ACK",
            "server sendall: PSH-ACK", "server sendall: ACK",
            "server recv: FIN-ACK",
            "server close: FIN-ACK", "server close: ACK",
        ])
        #expect(rows.filter { $0.kind == .segment }.map { $0.side == .left } == SeedSegments.table().map(\.1))
    }

    @Test("a segment while no call of its connection runs has a row of its own, at its place in time")
    func alone() {
        var events = SeedSegments.interleaved(into: SeedEvents.make())
        // A late ACK, 40 ms after the end.
        var late = TraceEvent(segment: .init(flags: .ack, sequence: 18, acknowledgement: 17, payloadLength: 0, window: 512),
                              time: 41_000_000, source: SeedSegments.server, destination: SeedSegments.client)
        late.seq = UInt64(events.count + 1)
        events.append(late)
        let rows = DiagramBuilder.rows(of: events)
        let last = rows.last { $0.kind == .segment }
        #expect(last?.event.time == 41_000_000 && last?.underCall == nil && last?.side == .right)
    }

    @Test("a refused connect: its SYN and the RST-ACK under it, and no inferred handshake")
    func refused() {
        var s: [TraceEvent] = [TraceEvent(header: SeedSegments.packetsHeader)]
        var start = TraceEvent(time: 100_000, phase: .start, actor: .client, operation: .connect, fd: 4)
        start.address = "127.0.0.1:9"
        var done = start
        done.phase = .done
        done.time = 160_000
        done.duration = 60_000
        done.error = .init(name: "ECONNREFUSED", code: 111, message: "Connection refused", call: "connect")
        s.append(start)
        s.append(TraceEvent(segment: .init(flags: .syn, sequence: 0, acknowledgement: nil, payloadLength: 0, window: 65_495),
                            time: 120_000, source: "127.0.0.1:50000", destination: "127.0.0.1:9"))
        s.append(TraceEvent(segment: .init(flags: [.rst, .ack], sequence: 1, acknowledgement: 1, payloadLength: 0, window: 0),
                            time: 125_000, source: "127.0.0.1:9", destination: "127.0.0.1:50000"))
        s.append(done)
        let rows = DiagramBuilder.rows(of: s.renumbered())
        #expect(placement(rows) == ["client connect: SYN", "client connect: RST-ACK"])
        #expect(rows.first { $0.kind == .call }?.arrow == nil)
        #expect(rows.filter { $0.kind == .segment }.map(\.side) == [.left, .right])
    }

    @Test("the terminal draws them: flags on the shaft, the numbers as Wireshark writes them, the times", arguments: Language.allCases)
    func drawn(language: Language) {
        let events = language == .es ? SeedSegments.interleaved(into: SeedEvents.make())
            : SeedSegments.interleaved(into: SeedEvents.make(message: Array("Hello, server".utf8), reply: Array("Message received".utf8)),
                                       message: 13)
        for (width, ascii) in [(80, false), (60, true)] {
            Golden.check(DiagramRenderer.render(events, style: DiagramStyle(language: language, ascii: ascii, width: width)),
                         against: "seed-packets-\(language.rawValue)-\(ascii ? "ascii" : "unicode")-\(width).txt")
        }
    }
}
