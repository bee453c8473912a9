import Testing
import TraceText
import TraceCore
import TraceModel
import TraceRender

@Suite("Per-connection labels: #3 127.0.0.1:53122 on every line of a numbered connection")
struct ConnectionLabelTests {
    func done(_ seq: UInt64, _ actor: TraceEvent.Actor, _ op: TraceEvent.Operation, conn: Int, fd: Int32,
              local: String? = nil, remote: String? = nil, bytes: Int? = nil) -> TraceEvent {
        var e = TraceEvent(seq: seq, time: seq * 1000, phase: .done, actor: actor, connection: conn, operation: op, fd: fd)
        e.local = local
        e.remote = remote
        e.bytes = bytes
        e.newFD = op == .accept ? fd + 10 : nil
        e.requestedBytes = op == .recv ? 1024 : nil
        return e
    }

    /// Two clients of one server, interleaved.
    var twoClients: [TraceEvent] {
        var print = TraceEvent(seq: 5, time: 5000, phase: .instant, actor: .server, connection: 2, operation: .print)
        print.preview = "dos"
        print.bytes = 3
        return [
            done(1, .server, .accept, conn: 1, fd: 3, local: "127.0.0.1:50007", remote: "127.0.0.1:5001"),
            done(2, .server, .accept, conn: 2, fd: 3, local: "127.0.0.1:50007", remote: "127.0.0.1:5002"),
            done(3, .server, .recv, conn: 1, fd: 13, local: "127.0.0.1:50007", remote: "127.0.0.1:5001", bytes: 3),
            done(4, .server, .recv, conn: 2, fd: 14, local: "127.0.0.1:50007", remote: "127.0.0.1:5002", bytes: 3),
            print,
        ]
    }

    @Test("a wide server view names each connection's client on each of its lines")
    func wide() {
        let lines = DiagramRenderer.render(twoClients, style: DiagramStyle(width: 120), options: DiagramOptions(view: .only(.server)))
        #expect(lines.contains { $0.contains("#1 127.0.0.1:5001 accept() → fd 13") })
        #expect(lines.contains { $0.contains("#2 127.0.0.1:5002 accept() → fd 13") })
        #expect(lines.contains { $0.contains("#1 127.0.0.1:5001 recv(1024) → 3 bytes") })
        #expect(lines.contains { $0.contains("#2 127.0.0.1:5002 print(\"dos\")") })
        // The address is in the label, not repeated after the accept.
        #expect(!lines.contains { $0.contains("(127.0.0.1:5001)") })
    }

    @Test("on a narrow line the address gives way, the number stays")
    func narrow() {
        let lines = DiagramRenderer.render(twoClients, style: DiagramStyle(width: 60), options: DiagramOptions(view: .only(.server)))
        let labelled = lines.filter { $0.contains("#2 ") }
        #expect(labelled.count == 3)
        #expect(labelled.allSatisfy { $0.count <= 60 })
    }

    @Test("in a merged diagram the client's lines carry the same number and address as the server's")
    func merged() {
        var connect = done(1, .client, .connect, conn: 7, fd: 4, local: "10.0.0.5:40000", remote: "10.0.0.1:50007")
        connect.address = "10.0.0.1:50007"
        let accept = done(2, .server, .accept, conn: 7, fd: 3, local: "10.0.0.1:50007", remote: "10.0.0.5:40000")
        let lines = DiagramRenderer.render([connect, accept], style: DiagramStyle(width: 140), options: DiagramOptions())
        #expect(lines.contains { $0.contains("#7 10.0.0.5:40000 connect(10.0.0.1:50007)") })
        #expect(lines.contains { $0.contains("#7 10.0.0.5:40000 accept()") })
    }
}
