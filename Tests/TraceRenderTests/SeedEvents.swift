import TraceText
import TraceCore

/// A seed run built by hand, event by event, as the tracer emits it: each actor's events in program
/// order, the two actors interleaved as threads really interleave. Two races are built in: the
/// client's `recv` of step 6 returns before the server's `sendall` of step 5 is reported, and the
/// server sees the closure (step 9) before the client's `close` of step 8 is reported.
struct SeedEvents {
    private(set) var events: [TraceEvent] = []

    static func make(message: [UInt8] = Array("Hola, servidor".utf8), reply: [UInt8] = Array("Mensaje recibido".utf8),
                     host: String = "127.0.0.1") -> [TraceEvent] {
        var s = SeedEvents()
        let server = "\(host):40619", client = "\(host):52934"
        func connected(_ e: inout TraceEvent, _ local: String, _ remote: String, _ state: TCPState?, acked: UInt64, received: UInt64) {
            e.local = local
            e.remote = remote
            e.tcp = .init(state: state, rttMicroseconds: 40, rttVarianceMicroseconds: 20, unacked: 0, retransmits: 0,
                          totalRetransmits: 0, bytesAcked: acked, bytesReceived: received)
        }
        let m = message.count, r = reply.count
        s.call(.server, .socket, 300, 20) { $0.fd = 3; $0.newFD = 3; $0.family = "ipv4"; $0.tcp = .init(state: TCPState(name: "CLOSE")) }
        s.call(.server, .setsockopt, 600, 18, fd: 3) { $0.option = "SO_REUSEADDR"; $0.optionValue = 1; $0.tcp = .init(state: TCPState(name: "CLOSE")) }
        s.call(.server, .bind, 700, 18, fd: 3) { $0.address = "\(host):0"; $0.local = server; $0.tcp = .init(state: TCPState(name: "CLOSE")) }
        s.call(.server, .listen, 820, 6, fd: 3) { $0.backlog = 5; $0.local = server; $0.tcp = .init(state: TCPState(name: "LISTEN"), acceptQueue: 0, backlog: 5) }
        s.start(.server, .accept, 900, step: 2, fd: 3)
        s.call(.client, .socket, 950, 25) { $0.fd = 4; $0.newFD = 4; $0.family = "ipv4"; $0.tcp = .init(state: TCPState(name: "CLOSE")) }
        s.call(.client, .connect, 1000, 110, step: 1, fd: 4) { e in
            e.address = server
            connected(&e, client, server, TCPState(name: "ESTABLISHED"), acked: 1, received: 0)
        }
        s.done(.server, .accept, 1150, 250, step: 2, fd: 3) { e in
            e.newFD = 5
            e.local = server
            e.remote = client
            e.tcp = .init(state: TCPState(name: "LISTEN"), acceptQueue: 0, backlog: 5)
        }
        s.start(.client, .sendall, 1200, step: 3, fd: 4) { $0.requestedBytes = m }
        s.start(.server, .recv, 1210, step: 4, fd: 5) { $0.requestedBytes = 1024 }
        s.done(.client, .sendall, 1240, 40, step: 3, fd: 4) { e in
            e.requestedBytes = m; e.bytes = m; e.sendCalls = 1; e.preview = SafeText.escape(message, limit: 96)
            connected(&e, client, server, TCPState(name: "ESTABLISHED"), acked: UInt64(m + 1), received: 0)
        }
        s.done(.server, .recv, 1250, 40, step: 4, fd: 5) { e in
            e.requestedBytes = 1024; e.bytes = m; e.preview = SafeText.escape(message, limit: 96)
            connected(&e, server, client, TCPState(name: "ESTABLISHED"), acked: 0, received: UInt64(m))
        }
        s.start(.client, .recv, 1260, step: 6, fd: 4) { $0.requestedBytes = 1024 }
        s.instant(.server, .print, 1300, step: 4) { $0.bytes = m; $0.preview = SafeText.escape(message, limit: 96) }
        s.start(.server, .sendall, 1320, step: 5, fd: 5) { $0.requestedBytes = r }
        s.done(.client, .recv, 1370, 110, step: 6, fd: 4) { e in
            e.requestedBytes = 1024; e.bytes = r; e.preview = SafeText.escape(reply, limit: 96)
            connected(&e, client, server, TCPState(name: "ESTABLISHED"), acked: UInt64(m + 1), received: UInt64(r))
        }
        s.done(.server, .sendall, 1380, 60, step: 5, fd: 5) { e in
            e.requestedBytes = r; e.bytes = r; e.sendCalls = 1; e.preview = SafeText.escape(reply, limit: 96)
            connected(&e, server, client, TCPState(name: "ESTABLISHED"), acked: UInt64(r), received: UInt64(m))
        }
        s.start(.server, .recv, 1390, step: 9, fd: 5) { $0.requestedBytes = 1024 }
        s.instant(.client, .print, 1420, step: 7) { $0.bytes = r; $0.preview = SafeText.escape(reply, limit: 96) }
        s.start(.client, .close, 1450, step: 8, fd: 4)
        s.done(.server, .recv, 1520, 130, step: 9, fd: 5) { e in
            e.requestedBytes = 1024; e.bytes = 0
            connected(&e, server, client, TCPState(name: "CLOSE_WAIT"), acked: UInt64(r), received: UInt64(m + 1))
        }
        s.done(.client, .close, 1480, 30, step: 8, fd: 4)
        s.instant(.server, .peerClosed, 1530, step: 9) { $0.fd = 5 }
        s.call(.server, .close, 1540, 25, fd: 5)
        s.call(.server, .close, 1570, 8, fd: 3)
        return s.events
    }

    private mutating func append(_ event: TraceEvent) {
        var event = event
        event.seq = UInt64(events.count + 1)
        events.append(event)
    }

    mutating func start(_ actor: TraceEvent.Actor, _ op: TraceEvent.Operation, _ micros: UInt64, step: Int? = nil,
                        fd: Int32? = nil, _ configure: (inout TraceEvent) -> Void = { _ in }) {
        var e = TraceEvent(time: micros * 1000, phase: .start, actor: actor, operation: op, step: step, fd: fd)
        configure(&e)
        append(e)
    }

    mutating func done(_ actor: TraceEvent.Actor, _ op: TraceEvent.Operation, _ micros: UInt64, _ took: UInt64,
                       step: Int? = nil, fd: Int32? = nil, _ configure: (inout TraceEvent) -> Void = { _ in }) {
        var e = TraceEvent(time: micros * 1000, phase: .done, actor: actor, operation: op, step: step, fd: fd)
        e.duration = took * 1000
        configure(&e)
        append(e)
    }

    /// A call's start and done, back to back.
    mutating func call(_ actor: TraceEvent.Actor, _ op: TraceEvent.Operation, _ micros: UInt64, _ took: UInt64,
                       step: Int? = nil, fd: Int32? = nil, _ configure: (inout TraceEvent) -> Void = { _ in }) {
        var e = TraceEvent(time: micros * 1000, phase: .start, actor: actor, operation: op, step: step, fd: fd)
        configure(&e)
        e.tcp = nil; e.local = nil; e.remote = nil; e.newFD = nil
        append(e)
        done(actor, op, micros + took, took, step: step, fd: fd, configure)
    }

    mutating func instant(_ actor: TraceEvent.Actor, _ op: TraceEvent.Operation, _ micros: UInt64, step: Int? = nil,
                          _ configure: (inout TraceEvent) -> Void = { _ in }) {
        var e = TraceEvent(time: micros * 1000, phase: .instant, actor: actor, operation: op, step: step)
        configure(&e)
        append(e)
    }
}
