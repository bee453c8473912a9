import Foundation
import Testing
import TracePrograms
import TraceModel
import TraceText
import TraceCore
import TraceSockets
import TraceTeaching
import SocketTracing

/// A `ServerProgram` listening on loopback port 0, serving on its own thread, with its events in memory.
final class ServerHarness: @unchecked Sendable {
    let server: ServerProgram
    let events = MemorySink()
    let address: SocketAddress
    private let finished = NSCondition()
    private var summary: ServerSummary?

    init(forever: Bool = true, maxClients: Int? = nil, idleTimeout: Duration? = nil, reply: String = "Mensaje recibido",
         host: String = "127.0.0.1") throws {
        server = ServerProgram(options: ServerOptions(host: host, port: 0, reply: reply, forever: forever,
                                                      maxClients: maxClients, idleTimeout: idleTimeout),
                               tracer: Tracer(sink: events))
        address = try server.listen()
        Thread { [self] in
            let result = server.serve()
            finished.lock()
            summary = result
            finished.broadcast()
            finished.unlock()
        }.start()
    }

    /// Stops the server (if asked) and waits for `serve` to return, at most `timeout` seconds.
    func finish(stopping: Bool = true, timeout: Double = 10) -> ServerSummary? {
        if stopping { server.stop() }
        let deadline = Date(timeIntervalSinceNow: timeout)
        finished.lock()
        defer { finished.unlock() }
        while summary == nil { if !finished.wait(until: deadline) { break } }
        return summary
    }

    /// The server's events for connection `id`.
    func connection(_ id: Int) -> [TraceEvent] { events.events.filter { $0.connection == id } }

    /// Runs `ClientProgram` once against this server, with its own tracer (its own clock).
    func client(_ message: String, sink: MemorySink = MemorySink()) throws -> ClientProgram.Reply {
        let options = ClientOptions(host: address.host, port: address.port, message: message, connectTimeout: .seconds(5))
        return try ClientProgram(options: options, tracer: Tracer(sink: sink)).run()
    }
}

/// Runs closures on threads of their own (blocking calls stay off the cooperative pool) and collects results.
func onThreads<T: Sendable>(_ count: Int, timeout: Double = 20, _ body: @escaping @Sendable (Int) throws -> T) -> [Result<T, any Error>?] {
    let condition = NSCondition()
    nonisolated(unsafe) var results = [Result<T, any Error>?](repeating: nil, count: count)
    nonisolated(unsafe) var remaining = count
    for i in 0..<count {
        Thread {
            let r = Result { try body(i) }
            condition.lock()
            results[i] = r
            remaining -= 1
            condition.broadcast()
            condition.unlock()
        }.start()
    }
    let deadline = Date(timeIntervalSinceNow: timeout)
    condition.lock()
    while remaining > 0 { if !condition.wait(until: deadline) { break } }
    let copy = results
    condition.unlock()
    return copy
}

/// Polls `condition` until it holds or the deadline passes.
func eventually(within seconds: Double = 5, _ condition: () -> Bool) -> Bool {
    let deadline = Date(timeIntervalSinceNow: seconds)
    for _ in 0..<200_000 {
        if condition() { return true }
        if Date() > deadline { return false }
        Thread.sleep(forTimeInterval: 0.001)
    }
    return condition()
}

/// A raw client socket, untraced, connected to `address`.
func rawClient(_ address: SocketAddress) throws -> Socket {
    let socket = try Socket.tcp(address.family)
    try socket.withDeadline(.seconds(5)) { () throws(SocketError) in try socket.connect(to: address) }
    return socket
}

/// Reads until the peer closes (or `limit` bytes, or the timeout): what a client saw.
func readToEnd(_ socket: Socket, limit: Int = 1 << 20, timeout: Duration = .seconds(5)) throws -> [UInt8] {
    var all: [UInt8] = []
    for _ in 0..<10_000 {
        let chunk = try socket.withDeadline(timeout) { () throws(SocketError) in try socket.receive(upTo: 65536) }
        if chunk.isEmpty || all.count + chunk.count > limit { return all + chunk }
        all += chunk
    }
    return all
}
