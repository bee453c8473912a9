import Testing
import TraceCore
import TraceSockets
import SocketTracing

#if os(Linux)
@Suite("TCP states as the kernel reports them (TCP_INFO)")
struct TCPStateTests {
    @Test("connect() completes before accept(): the client is ESTABLISHED and the connection waits in the queue")
    func establishedBeforeAccept() throws {
        let listener = try makeListener()
        #expect(listener.kernelView()?.state == .listen)
        #expect(listener.kernelView()?.acceptQueue == 0)
        let client = try Socket.tcp()
        try client.connect(to: listener.localAddress!)
        #expect(client.kernelView()?.state == .established)
        #expect(eventually { listener.kernelView()?.acceptQueue == 1 })
        let server = try listener.accept()
        #expect(server.kernelView()?.state == .established)
        #expect(listener.kernelView()?.acceptQueue == 0)
        for s in [client, server, listener] { try s.close() }
    }

    @Test("after the client closes, the server's socket is CLOSE_WAIT")
    func closeWait() throws {
        let (client, server, listener) = try makePair()
        try client.close()
        #expect(eventually { server.kernelView()?.state == .closeWait })
        #expect(try server.withDeadline(.seconds(5)) { () throws(SocketError) in try server.receive(upTo: 8) }.isEmpty)
        for s in [server, listener] { try s.close() }
    }

    @Test("the side that closes first passes FIN_WAIT1 then FIN_WAIT2, and the other side CLOSE_WAIT")
    func finWait() throws {
        let (client, server, listener) = try makePair()
        try client.shutdown(.write)
        let right = client.kernelView()?.state
        #expect(right == .finWait1 || right == .finWait2)
        #expect(eventually { client.kernelView()?.state == .finWait2 })
        #expect(eventually { server.kernelView()?.state == .closeWait })
        for s in [client, server, listener] { try s.close() }
    }

    @Test("done events carry the kernel's state, round-trip time and byte counters")
    func eventsCarryKernelView() throws {
        let (tracer, sink) = makeTracer()
        let (client, server, listener) = try makePair(observer: tracer.lane(.client))
        try client.sendAll("twelve bytes")
        _ = try server.withDeadline(.seconds(5)) { () throws(SocketError) in try server.receive(upTo: 64) }
        let events = sink.events
        let listen = try #require(events.first { $0.operation == .listen && $0.phase == .done })
        #expect(listen.tcp?.state == .listen)
        #expect(listen.tcp?.backlog == 16)
        let connect = try #require(events.first { $0.operation == .connect && $0.phase == .done })
        #expect(connect.tcp?.state == .established)
        #expect(connect.tcp?.rttMicroseconds != nil)
        let recv = try #require(events.first { $0.operation == .recv && $0.phase == .done })
        #expect(recv.tcp?.bytesReceived == 12)
        // A start carries no view, but an accept()'s: its listener's queue, which says whether it waits.
        #expect(events.allSatisfy { $0.phase != .start || ($0.tcp == nil) != ($0.operation == .accept) })
        for s in [client, server, listener] { try s.close() }
    }
}
#endif
