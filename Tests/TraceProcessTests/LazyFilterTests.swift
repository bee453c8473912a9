#if os(Linux)
import Testing
import TraceCore
@testable import TraceProcess
import TraceSockets

/// Before its first socket call a process stops only at socket calls and at its prints; the filter that
/// also stops at reads, writes and closes comes with that first call.
@Suite("The filter that waits for the first socket", .enabled(if: Tools.has("python3"), "SKIPPED: python3 is not installed"))
struct LazyFilterTests {
    /// Reads a file and prints before it has a socket; then a connection to itself, read with os.read.
    static let program = """
    import os, socket
    for _ in range(50):
        with open("/etc/hostname", "rb") as f:
            f.read()
    print("before", flush=True)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    client = socket.create_connection(listener.getsockname())
    conn, _ = listener.accept()
    client.sendall(b"ping")
    print("read", os.read(conn.fileno(), 16), flush=True)
    for s in (client, conn, listener):
        s.close()
    """

    func trace(_ options: ProcessTracer.Options) throws -> (TraceOutcome, Recorder) {
        let scratch = Scratch()
        return try traceToEnd(quiet([Tools.python, scratch.write("lazy.py", Self.program)]), options: options)
    }

    @Test("the same calls and prints as with the full filter from the start, at far fewer stops")
    func sameCallsFewerStops() throws {
        let (lazy, lazyEvents) = try trace(ProcessTracer.Options())
        let (full, fullEvents) = try trace(ProcessTracer.Options(filtersReadsFromFirstSocket: false))
        #expect(lazy.shellStatus == 0 && full.shellStatus == 0 && lazy.filter == .seccomp)
        let names = { (r: Recorder) in r.calls.filter { $0.0.socket?.isTCP ?? ($0.0.call == .socket) }.map(\.0.call.name) }
        #expect(names(lazyEvents) == names(fullEvents))
        // The read on the socket, after the first socket call, is seen.
        #expect(lazyEvents.calls.contains { $0.0.call == .read && $0.0.lessonName == .recv && $0.1.bytesMoved == 4 })
        #expect(lazyEvents.output == "before\nread b'ping'\n" && fullEvents.output == lazyEvents.output)
        #expect(lazy.stops + 100 < full.stops, "\(lazy.stops) stops, \(full.stops) with the full filter")
    }

    @Test("a process that cannot be given the second filter is stopped at every call instead, and misses nothing")
    func refused() throws {
        var options = ProcessTracer.Options()
        options.faults.secondFilterRefused = true
        let (outcome, events) = try trace(options)
        #expect(outcome.shellStatus == 0)
        #expect(events.calls.contains { $0.0.call == .read && $0.1.bytesMoved == 4 })
        #expect(events.drawnCalls.filter { $0.0.call == .socket }.count == 2)
        #expect(events.output == "before\nread b'ping'\n")
    }
}
#endif
