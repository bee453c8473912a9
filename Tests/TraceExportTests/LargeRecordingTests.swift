import Foundation
import Testing
import TraceCore
import TraceExport

@Suite("Large recordings export in seconds")
struct LargeRecordingTests {
    /// A `trace server --forever` recording of `clients` clients, one after another, as the server's
    /// lane writes them: accept, recv, print, sendall, recv of the end, the closure, close.
    static func serverRecording(clients: Int) -> [TraceEvent] {
        var events = [TraceEvent(header: TraceHeader(source: .builtIn, command: "server", traced: [.server]))]
        var t: UInt64 = 1_000
        func add(_ e: TraceEvent) {
            var e = e
            e.seq = UInt64(events.count + 1)
            t += 3_000
            e.time = t
            events.append(e)
        }
        add(TraceEvent(phase: .done, actor: .server, operation: .socket, fd: 3, duration: 20_000, newFD: 3, family: "ipv4"))
        add(TraceEvent(phase: .done, actor: .server, operation: .bind, fd: 3, duration: 9_000, address: "127.0.0.1:0", local: "127.0.0.1:50007"))
        add(TraceEvent(phase: .done, actor: .server, operation: .listen, fd: 3, duration: 5_000, backlog: 1024,
                       local: "127.0.0.1:50007", tcp: .init(state: .listen, acceptQueue: 0)))
        for c in 1...clients {
            let peer = "127.0.0.1:\(30_000 + c)"
            let established = TraceEvent.KernelView(state: .established)
            add(TraceEvent(phase: .done, actor: .server, connection: c, operation: .accept, fd: 3, duration: 40_000, newFD: 4,
                           local: "127.0.0.1:50007", remote: peer))
            add(TraceEvent(phase: .done, actor: .server, connection: c, operation: .recv, fd: 4, duration: 30_000, requestedBytes: 1024,
                           bytes: 14, preview: "Hola, servidor", local: "127.0.0.1:50007", remote: peer, tcp: established))
            add(TraceEvent(phase: .instant, actor: .server, connection: c, operation: .print, bytes: 14, preview: "Hola, servidor"))
            add(TraceEvent(phase: .done, actor: .server, connection: c, operation: .sendall, fd: 4, duration: 20_000, requestedBytes: 16,
                           bytes: 16, sendCalls: 1, preview: "Mensaje recibido", local: "127.0.0.1:50007", remote: peer, tcp: established))
            add(TraceEvent(phase: .done, actor: .server, connection: c, operation: .recv, fd: 4, duration: 50_000, requestedBytes: 1024,
                           bytes: 0, local: "127.0.0.1:50007", remote: peer, tcp: .init(state: .closeWait)))
            add(TraceEvent(phase: .instant, actor: .server, connection: c, operation: .peerClosed, fd: 4))
            add(TraceEvent(phase: .done, actor: .server, connection: c, operation: .close, fd: 4, duration: 10_000))
        }
        return events
    }

    @Test("1,000 clients (7,003 rows): every format in under 20 s even unoptimised, every row there",
          arguments: ExportFormat.allCases)
    func thousandClients(format: ExportFormat) throws {
        let events = Self.serverRecording(clients: 1_000)
        let clock = ContinuousClock()
        var text = ""
        let took = clock.measure {
            text = DiagramExporter.render(events, format: format, options: ExportOptions(language: .en))
        }
        #expect(took < .seconds(20), "\(format): \(took)")
        #expect(text.contains("127.0.0.1:31000"), "the last client's rows are there")
        let calls = text.components(separatedBy: " 0 bytes").count - 1
        #expect(calls == 1_000 * (format == .html ? 2 : 1), "every client's end is drawn (and told, on a page)")
    }
}
