import Testing
import TracePackets
import TraceSockets
@testable import trace_packets_probe

#if os(Linux)
@Suite("One copy of each segment, of the watched ports only")
struct FilterTests {
    @Test("lo's PACKET_OUTGOING copies are left out, by the kernel filter or by the reader",
          .needsCapture, arguments: [true, false])
    func oneCopyEach(kernelFilter: Bool) throws {
        let run = try capturedSeedExchange(kernelFilter: kernelFilter)
        #expect(flagsAndLengths(run.segments) == expectedSeed)
        #expect(Set(run.segments).count == run.segments.count)
        #expect(run.segments.allSatisfy { $0.frame.packetType == .host })
        if kernelFilter {
            #expect(run.statistics.outgoingCopiesSkipped == 0)
        } else {
            // Every frame on lo reaches the reader, other tests' too: at least the ten copies of these.
            #expect(run.statistics.outgoingCopiesSkipped >= 10)
        }
    }

    @Test("a connection on a port nobody watches is left out, until its port is added", .needsCapture)
    func portsAddedWhileRunning() throws {
        let watched = try Listener(), other = try Listener()
        let (capture, collector) = try startCapture(ports: [watched.port])
        defer { capture.stop() }
        try other.connectAndClose()
        try watched.connectAndClose()
        // Frames are read in order: once the watched connection's FIN is in, the other's were read already.
        #expect(collector.wait { $0.contains { $0.flags.contains(.fin) } })
        #expect(!collector.segments.contains { $0.source.port == other.port || $0.destination.port == other.port })

        capture.watch(port: other.port)
        #expect(capture.watchedPorts == [watched.port, other.port])
        try other.connectAndClose()
        #expect(collector.wait { $0.contains { $0.destination.port == other.port && $0.flags == .syn } })
        let statistics = capture.stop()
        #expect(statistics.otherPortsSkipped >= 3)
    }
}

/// A listening socket on loopback, port 0, that accepts one connection per `connectAndClose`.
private struct Listener {
    let socket: Socket
    var port: UInt16 { socket.localAddress!.port }

    init() throws {
        socket = try Socket.tcp()
        try socket.bind(to: .loopback())
        try socket.listen()
    }

    /// Connects, accepts, and closes both ends.
    func connectAndClose() throws {
        let client = try Socket.tcp()
        try client.connect(to: .loopback(port: port))
        let server = try socket.withDeadline(.seconds(5)) { () throws(SocketError) in try socket.accept() }
        try client.close()
        try server.close()
    }
}
#endif
