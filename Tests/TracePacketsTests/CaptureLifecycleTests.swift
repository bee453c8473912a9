import Testing
import TracePackets
import TraceSockets
@testable import trace_packets_probe

#if os(Linux)
@Suite("Opening and stopping a capture")
struct CaptureLifecycleTests {
    @Test("after stop() the handler is not called again; stopping twice is harmless", .needsCapture)
    func stopIsFinal() throws {
        let (capture, collector) = try startCapture()
        let first = try SeedExchange.run { capture.watch(port: $0) }
        #expect(collector.wait { $0.count >= 10 })
        let statistics = capture.stop()
        #expect(!capture.isRunning)
        #expect(statistics.segmentsDelivered == collector.segments.count)
        // A second capture, still running, sees the next exchange: the stopped one must not.
        let (witness, witnessed) = try startCapture()
        defer { witness.stop() }
        let second = try SeedExchange.run { port in
            capture.watch(port: port)
            witness.watch(port: port)
        }
        #expect(second.serverPort != first.serverPort)
        #expect(witnessed.wait { $0.count >= 10 })
        #expect(collector.segments.count == statistics.segmentsDelivered)
        #expect(capture.stop() == statistics)
    }

    @Test("an interface that does not exist is a typed error", .needsCapture)
    func noSuchInterface() {
        do {
            _ = try LoopbackCapture(options: .init(interface: "nosuch0"), handler: { _ in })
            Issue.record("a capture opened on a missing interface")
        } catch {
            #expect(error.reason == .noSuchInterface("nosuch0"))
            #expect(error.description == "there is no network interface named nosuch0 to capture on")
        }
    }
}
#endif
