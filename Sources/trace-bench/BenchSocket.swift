import TraceSockets

/// What a benchmark needs from a socket, so the same benchmark code drives raw POSIX calls and the
/// traced layer: any difference in the figures is the tracing, not the benchmark.
protocol BenchSocket: Sendable {
    func sendAll(_ buffer: UnsafeRawBufferPointer) throws
    /// One recv; 0 means the peer closed.
    func receive(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    func close()
}

protocol BenchListener: Sendable {
    associatedtype Connection: BenchSocket
    var port: UInt16 { get }
    func accept(noDelay: Bool) throws -> Connection
    func connect(noDelay: Bool) throws -> Connection
    func close()
}

/// The traced layer: `Socket` reporting to a `TraceLane` (or to nothing, for the untraced layer).
struct TracedSocket: BenchSocket {
    let socket: Socket

    func sendAll(_ buffer: UnsafeRawBufferPointer) throws { try socket.sendAll(buffer) }
    func receive(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { try socket.receive(into: buffer) }
    func close() { try? socket.close() }
}

struct TracedListener: BenchListener {
    let listener: Socket
    let server: (any SocketObserver)?
    let client: (any SocketObserver)?

    init(server: (any SocketObserver)?, client: (any SocketObserver)?) throws {
        self.server = server
        self.client = client
        listener = try Socket.tcp(.ipv4, observer: server)
        try listener.setOption(.reuseAddress)
        try listener.bind(to: .loopback())
        try listener.listen(backlog: 128)
    }

    var port: UInt16 { listener.localAddress!.port }

    func accept(noDelay: Bool) throws -> TracedSocket {
        let socket = try listener.accept()
        if noDelay { try socket.setOption(.noDelay) }
        return TracedSocket(socket: socket)
    }

    func connect(noDelay: Bool) throws -> TracedSocket {
        let socket = try Socket.tcp(.ipv4, observer: client)
        if noDelay { try socket.setOption(.noDelay) }
        try socket.connect(to: .loopback(port: port))
        return TracedSocket(socket: socket)
    }

    func close() { try? listener.close() }
}
