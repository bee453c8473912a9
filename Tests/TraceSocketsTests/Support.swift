import Foundation
import Testing
import TraceCore
import TraceSockets
import SocketTracing

/// Work on its own thread, joined with a deadline so a failing test cannot hang.
typealias Background<T: Sendable> = BlockingThread<T>

extension BlockingThread {
    func value(timeout seconds: Double = 10) throws -> T { try join(timeout: .milliseconds(Int(seconds * 1000))) }
}

/// Polls `condition` until it holds or the deadline passes; the kernel is not always instantaneous.
func eventually(within seconds: Double = 5, _ condition: () -> Bool) -> Bool {
    let deadline = Date(timeIntervalSinceNow: seconds)
    for _ in 0..<100_000 {
        if condition() { return true }
        if Date() > deadline { return false }
        Thread.sleep(forTimeInterval: 0.001)
    }
    return condition()
}

/// A listening socket on loopback, port 0.
func makeListener(_ family: SocketAddress.Family = .ipv4, observer: (any SocketObserver)? = nil,
                  backlog: Int32 = 16) throws -> Socket {
    let listener = try Socket.tcp(family, observer: observer)
    try listener.setOption(.reuseAddress)
    try listener.bind(to: .loopback(family))
    try listener.listen(backlog: backlog)
    return listener
}

/// A connected pair (client, accepted server side) on loopback.
func makePair(_ family: SocketAddress.Family = .ipv4, observer: (any SocketObserver)? = nil) throws -> (client: Socket, server: Socket, listener: Socket) {
    let listener = try makeListener(family, observer: observer)
    let client = try Socket.tcp(family, observer: observer)
    try client.connect(to: listener.localAddress!)
    let server = try listener.accept()
    return (client, server, listener)
}

/// An in-memory trace for one test.
func makeTracer() -> (Tracer, MemorySink) {
    let sink = MemorySink()
    return (Tracer(sink: sink), sink)
}
