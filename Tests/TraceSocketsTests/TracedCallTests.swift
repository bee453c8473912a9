import Testing
import TraceCore
import TraceSockets
import SocketTracing

@Suite("Every call is a start/done pair of timed events")
struct TracedCallTests {
    @Test("each call emits start then done, with matching operation and fd, increasing seq and time")
    func startDonePairs() throws {
        let (tracer, sink) = makeTracer()
        let (client, server, listener) = try makePair(observer: tracer.lane(.server))
        try client.sendAll("ping")
        _ = try server.withDeadline(.seconds(5)) { () throws(SocketError) in try server.receive(upTo: 16) }
        for s in [client, server, listener] { try s.close() }

        let events = sink.events
        #expect(events.map(\.seq) == Array(1...UInt64(events.count)))
        var open: [TraceEvent] = []
        for event in events {
            switch event.phase {
            case .start:
                #expect(event.duration == nil)
                open.append(event)
            case .done:
                let popped = open.popLast()
                let start = try #require(popped, "done without start: \(event)")
                #expect(start.operation == event.operation)
                #expect(start.fd == event.fd || start.operation == .socket)
                #expect(event.time >= start.time)
                #expect(event.duration == event.time - start.time)
            case .instant:
                if event.operation != .header { Issue.record("no instants expected here") }
            }
        }
        #expect(open.isEmpty)
        let operations = events.filter { $0.phase == .done }.map(\.operation)
        #expect(operations == [.socket, .setsockopt, .bind, .listen, .socket, .connect, .accept, .sendall, .recv,
                               .close, .close, .close])
    }

    @Test("bind to port 0 reads the real port back")
    func ephemeralPort() throws {
        let (tracer, sink) = makeTracer()
        let listener = try makeListener(observer: tracer.lane(.server))
        let port = try #require(listener.localAddress?.port)
        #expect(port != 0)
        let bind = try #require(sink.events.first { $0.operation == .bind && $0.phase == .done })
        #expect(bind.address == "127.0.0.1:0")
        #expect(bind.local == "127.0.0.1:\(port)")
        try listener.close()
    }

    @Test("recv reports bytes asked and received; the preview escapes control bytes and bad UTF-8")
    func bytesAndPreview() throws {
        let (tracer, sink) = makeTracer()
        let (client, server, listener) = try makePair(observer: tracer.lane(.client))
        let hostile: [UInt8] = Array("hi\u{1B}[2J".utf8) + [0x00, 0xFF, 0x0A]
        try client.sendAll(hostile)
        var got: [UInt8] = []
        while got.count < hostile.count { got += try server.withDeadline(.seconds(5)) { () throws(SocketError) in try server.receive(upTo: 4096) } }
        let recvs = sink.events.filter { $0.operation == .recv && $0.phase == .done }
        #expect(recvs.allSatisfy { $0.requestedBytes == 4096 })
        #expect(recvs.compactMap(\.bytes).reduce(0, +) == hostile.count)
        let send = try #require(sink.events.first { $0.operation == .sendall && $0.phase == .done })
        #expect(send.preview == "hi\\x1b[2J\\0\\xff\\n")
        #expect(sink.events.allSatisfy { !($0.preview ?? "").unicodeScalars.contains { $0.value < 0x20 } })
        for s in [client, server, listener] { try s.close() }
    }

    @Test("setsockopt TCP_NODELAY is a traced call with its option and value")
    func noDelay() throws {
        let (tracer, sink) = makeTracer()
        let socket = try Socket.tcp(observer: tracer.lane(.client))
        try socket.setOption(.noDelay, 1)
        let done = try #require(sink.events.last)
        #expect(done.operation == .setsockopt && done.option == "TCP_NODELAY" && done.optionValue == 1)
        try socket.close()
    }

    @Test("a socket without an observer emits nothing and still works")
    func untraced() throws {
        let (client, server, listener) = try makePair()
        try client.sendAll("quiet")
        #expect(try server.withDeadline(.seconds(5)) { () throws(SocketError) in try server.receive(upTo: 8) } == Array("quiet".utf8))
        for s in [client, server, listener] { try s.close() }
    }
}
