import Synchronization
import TracePackets
import TraceCore
import TraceSockets

/// `trace-packets-probe measure`: what opening a capture costs, and how many segments per second the reader
/// keeps up with during a bulk loopback transfer (and what the capture does to that transfer's time).
enum Measurement {
    static func run(mebibytes: Int, chunk: Int) -> Int32 {
        var opens: [UInt64] = [], stops: [UInt64] = []
        for _ in 0..<5 {
            let start = MonotonicClock.now()
            guard let capture = try? LoopbackCapture(handler: { _ in }) else {
                Probe.say("capture-error cannot open a capture here")
                return Probe.captureRefused
            }
            let opened = MonotonicClock.now()
            capture.stop()
            opens.append(opened - start)
            stops.append(MonotonicClock.now() - opened)
        }
        Probe.say("open-us first \(micro(opens[0])) median-of-5 \(micro(opens.sorted()[2]))")
        Probe.say("stop-us first \(micro(stops[0])) median-of-5 \(micro(stops.sorted()[2]))")
        do {
            let bytes = mebibytes << 20
            let plain = try transfer(bytes: bytes, chunk: chunk, capture: nil)
            let counted = Atomic<Int>(0)
            let capture = try LoopbackCapture { _ in counted.add(1, ordering: .relaxed) }
            let captured = try transfer(bytes: bytes, chunk: chunk, capture: capture)
            let statistics = capture.stop()
            let seconds = Double(captured) / 1e9
            Probe.say("bulk-bytes \(bytes) send-size \(chunk)\(chunk < 1 << 16 ? " TCP_NODELAY" : "")")
            Probe.say("bulk-ms without-capture \(milli(plain)) with-capture \(milli(captured))")
            Probe.say("segments \(statistics.segmentsDelivered) kernel-drops \(statistics.kernelDrops) frames-read \(statistics.framesRead)")
            Probe.say("segments-per-second \(Int(Double(statistics.segmentsDelivered) / seconds))")
            return Probe.ok
        } catch {
            Probe.say("measure-error \(error)")
            return Probe.failed
        }
    }

    /// Sends `bytes` from a client to a server thread on loopback, `chunk` bytes per `send` (with TCP_NODELAY
    /// below 64 KiB, so that each is a segment), until the server has read them all; returns the nanoseconds
    /// from connect to the server's end-of-stream.
    private static func transfer(bytes: Int, chunk size: Int, capture: LoopbackCapture?) throws -> UInt64 {
        let listener = try Socket.tcp()
        defer { try? listener.close() }
        try listener.bind(to: .loopback())
        try listener.listen()
        let port = listener.localAddress!.port
        capture?.watch(port: port)
        let reader = BlockingThread<Int> {
            let server = try listener.withDeadline(.seconds(10)) { () throws(SocketError) in try listener.accept() }
            defer { try? server.close() }
            var total = 0
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            for _ in 0..<(bytes + 1) {
                let n = try buffer.withUnsafeMutableBytes { raw in try server.withDeadline(.seconds(10)) { () throws(SocketError) in try server.receive(into: raw) } }
                if n == 0 { break }
                total += n
            }
            return total
        }
        let start = MonotonicClock.now()
        let client = try Socket.tcp()
        try client.connect(to: .loopback(port: port))
        if size < 1 << 16 { try client.setOption(.noDelay) }
        let chunk = [UInt8](repeating: 0x61, count: size)
        for _ in 0..<(bytes / chunk.count) { try client.sendAll(chunk) }
        try client.close()
        let received = try reader.join(timeout: .seconds(60))
        let elapsed = MonotonicClock.now() - start
        guard received == bytes / chunk.count * chunk.count else { throw Short(received: received) }
        return elapsed
    }

    struct Short: Error { let received: Int }

    private static func micro(_ ns: UInt64) -> String { String(Double(ns / 100) / 10) }
    private static func milli(_ ns: UInt64) -> String { String(Double(ns / 100_000) / 10) }
}
