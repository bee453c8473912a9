import Testing
import TracePackets
import TraceSockets
@testable import trace_packets_probe

#if os(Linux)
@Suite("Resets on lo")
struct ResetTests {
    @Test("a refused connect is a SYN answered by RST-ACK", .needsCapture)
    func refusedConnect() throws {
        // Bound but not listening: the port stays this test's, and nobody accepts on it.
        let closedPort = try Socket.tcp()
        defer { try? closedPort.close() }
        try closedPort.bind(to: .loopback())
        let port = closedPort.localAddress!.port
        let (capture, collector) = try startCapture(ports: [port])
        defer { capture.stop() }
        let client = try Socket.tcp()
        defer { try? client.close() }
        #expect(throws: SocketError.self) { try client.connect(to: .loopback(port: port)) }
        #expect(collector.wait { $0.count >= 2 })
        capture.stop()
        let segments = collector.segments
        #expect(segments.map(\.flags.name) == ["SYN", "RST-ACK"])
        #expect(segments.first?.destination.port == port)
        #expect(segments.last?.source.port == port)
        var sequence = ConnectionSequence()
        #expect(segments.map { sequence.relative($0).acknowledgement } == [nil, 1])
    }

    @Test("close() with SO_LINGER 0 sends a reset instead of a FIN", .needsCapture)
    func lingerZero() throws {
        let listener = try Socket.tcp()
        defer { try? listener.close() }
        try listener.bind(to: .loopback())
        try listener.listen()
        let port = listener.localAddress!.port
        let (capture, collector) = try startCapture(ports: [port])
        defer { capture.stop() }
        let client = try Socket.tcp()
        try client.connect(to: .loopback(port: port))
        let server = try listener.withDeadline(.seconds(5)) { () throws(SocketError) in try listener.accept() }
        defer { try? server.close() }
        try client.setOption(.linger, 0)
        let (_, close) = try CallWindow.timing { try client.close() }
        #expect(collector.wait { $0.contains { $0.flags.contains(.rst) } })
        capture.stop()
        let segments = collector.segments
        #expect(segments.map(\.flags.name) == ["SYN", "SYN-ACK", "ACK", "RST-ACK"])
        #expect(segments.last?.destination.port == port)
        #expect(close.contains(segments.last?.time ?? 0))
        #expect(!segments.contains { $0.flags.contains(.fin) })
    }
}
#endif
