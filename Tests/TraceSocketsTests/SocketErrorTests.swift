import Testing
import TraceCore
import TraceSockets
import SocketTracing

@Suite("Socket calls and their errors, on the real kernel")
struct SocketErrorTests {
    @Test("connecting where nobody listens fails with ECONNREFUSED, typed and in the event")
    func connectionRefused() throws {
        let probe = try Socket.tcp()
        try probe.bind(to: .loopback())
        let closedPort = probe.localAddress!
        try probe.close()

        let (tracer, sink) = makeTracer()
        let client = try Socket.tcp(observer: tracer.lane(.client))
        #expect {
            try client.connect(to: closedPort)
        } throws: { error in
            guard let error = error as? SocketError else { return false }
            return error.errno == .connectionRefused && error.name == "ECONNREFUSED" && error.operation == .connect
        }
        let done = try #require(sink.events.last)
        #expect(done.operation == .connect && done.phase == .done)
        #expect(done.error?.name == "ECONNREFUSED")
        #expect(done.error?.call == "connect")
        #expect(done.error?.message.isEmpty == false)
        try client.close()
    }

    @Test("binding a port in use fails with EADDRINUSE")
    func addressInUse() throws {
        let listener = try makeListener()
        let second = try Socket.tcp()
        #expect {
            try second.bind(to: listener.localAddress!)
        } throws: { ($0 as? SocketError)?.errno == .addressInUse }
        try second.close()
        try listener.close()
    }

    @Test("recv returns 0 bytes once the peer has closed")
    func receiveAfterPeerClosed() throws {
        let (client, server, listener) = try makePair()
        try client.sendAll("last words")
        try client.close()
        let first = try server.withDeadline(.seconds(5)) { () throws(SocketError) in try server.receive(upTo: 100) }
        #expect(String(decoding: first, as: UTF8.self) == "last words")
        let second = try server.withDeadline(.seconds(5)) { () throws(SocketError) in try server.receive(upTo: 100) }
        #expect(second.isEmpty)
        try server.close()
        try listener.close()
    }

    @Test("sending after the peer closed gives EPIPE, and the process survives (no SIGPIPE)")
    func brokenPipe() throws {
        let (tracer, sink) = makeTracer()
        let (client, server, listener) = try makePair(observer: tracer.lane(.client))
        try server.close()
        #expect(try client.withDeadline(.seconds(5)) { () throws(SocketError) in try client.receive(upTo: 10) }.isEmpty)
        var seen: [String] = []
        for _ in 0..<100 {
            do {
                try client.sendAll("are you there?")
            } catch {
                seen.append(error.name)
                if error.errno == .brokenPipe { break }
            }
        }
        #expect(seen.last == "EPIPE")
        #expect(sink.events.contains { $0.operation == .sendall && $0.error?.name == "EPIPE" })
        try client.close()
        try listener.close()
    }

    @Test("a peer closing with SO_LINGER 0 resets the connection: ECONNRESET")
    func connectionReset() throws {
        let (client, server, listener) = try makePair()
        try server.setOption(.linger, 0)
        try server.close()
        #expect {
            _ = try client.withDeadline(.seconds(5)) { () throws(SocketError) in try client.receive(upTo: 10) }
        } throws: { ($0 as? SocketError)?.errno == .connectionReset }
        try client.close()
        try listener.close()
    }

    @Test("IPv6 loopback ::1 carries an exchange")
    func ipv6() throws {
        let (client, server, listener) = try makePair(.ipv6)
        #expect(listener.localAddress?.host == "::1")
        #expect(listener.localAddress?.description.hasPrefix("[::1]:") == true)
        try client.sendAll("hola v6")
        #expect(String(decoding: try server.withDeadline(.seconds(5)) { () throws(SocketError) in try server.receive(upTo: 64) }, as: UTF8.self) == "hola v6")
        for s in [client, server, listener] { try s.close() }
    }

    @Test("host names go through getaddrinfo; an unknown one fails with the resolver's own error")
    func resolution() throws {
        let local = try SocketAddress.resolve(host: "localhost", port: 80)
        #expect(local.contains { $0.host == "127.0.0.1" && $0.port == 80 })
        #expect {
            _ = try SocketAddress.resolve(host: "no-such-host.invalid", port: 80)
        } throws: { error in
            guard let error = error as? SocketError, case .resolver(let r) = error.reason else { return false }
            return error.operation == .getaddrinfo && r.name.hasPrefix("EAI_") && !r.message.isEmpty
        }
    }

    @Test("a wait with a timeout is a poll() of its own that returns 0; a deadline wakes a blocked recv as the tool's")
    func receiveTimeout() throws {
        let (tracer, sink) = makeTracer()
        let (client, server, listener) = try makePair(observer: tracer.lane(.server))
        #expect(try server.waitUntilReadable(timeout: .milliseconds(20)) == false)
        let received = try server.withDeadline(.milliseconds(20)) { () throws(SocketError) in try server.receive(upTo: 10) }
        #expect(received.isEmpty && server.wasInterrupted)
        // The guard's thread reports its shutdown once the call returns, maybe after the recv it woke did.
        #expect(eventually { sink.events.contains { $0.operation == .shutdown && $0.phase == .done } })
        let events = sink.events.filter { $0.phase == .done }
        let poll = try #require(events.first { $0.operation == .poll })
        #expect(poll.returnValue == 0 && poll.timeout == 20 && poll.bytes == nil)
        // The deadline's shutdown is recorded as the tool's, started before the recv it woke returned (its
        // own done may come after the recv's: the woken thread can report first).
        let shutdown = try #require(events.first { $0.operation == .shutdown })
        #expect(shutdown.origin == .tool && shutdown.how == "SHUT_RD")
        let shutdownStart = try #require(sink.events.first { $0.operation == .shutdown && $0.phase == .start })
        let recv = try #require(events.first { $0.operation == .recv })
        #expect(recv.bytes == 0 && recv.seq > shutdownStart.seq)
        for s in [client, server, listener] { try s.close() }
    }

    @Test("closing twice is harmless and reports one close")
    func doubleClose() throws {
        let (tracer, sink) = makeTracer()
        let socket = try Socket.tcp(observer: tracer.lane(.client))
        try socket.close()
        try socket.close()
        #expect(sink.events.filter { $0.operation == .close }.count == 2)
        #expect(!socket.isOpen)
    }

    @Test("interrupt wakes a thread blocked in accept")
    func interruptAccept() throws {
        let listener = try makeListener()
        let blocked = Background { () -> String in
            do throws(SocketError) { _ = try listener.accept(); return "accepted" } catch { return error.name }
        }
        #expect(listener.kernelView()?.state == .listen)
        listener.interrupt()
        #expect(try blocked.value() != "accepted")
        try listener.close()
    }
}
