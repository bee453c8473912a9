import TraceCore
import TraceSockets

/// The monotonic moments a call began and returned.
struct CallWindow: Hashable, Sendable {
    let entry: UInt64
    let exit: UInt64

    func contains(_ time: UInt64) -> Bool { entry <= time && time <= exit }

    /// Runs `body` between two readings of the monotonic clock.
    static func timing<T>(_ body: () throws -> T) rethrows -> (T, CallWindow) {
        let entry = MonotonicClock.now()
        let value = try body()
        return (value, CallWindow(entry: entry, exit: MonotonicClock.now()))
    }
}

/// The seed's exchange on one thread, with the windows of the calls that send segments: connect, the
/// client's 14-byte request, the server's 16-byte reply, the client's close, then the server's close
/// once its `recv` returned 0.
struct SeedExchange: Sendable {
    static let request = "Hola, servidor"
    static let reply = "Mensaje recibido"

    let serverPort: UInt16
    let clientPort: UInt16
    let connect: CallWindow
    let clientSend: CallWindow
    let serverSend: CallWindow
    let clientClose: CallWindow
    let serverClose: CallWindow

    /// Runs the exchange on loopback; `listening` learns the server's port after its bind (before connect).
    static func run(_ family: SocketAddress.Family = .ipv4, listening: (UInt16) -> Void) throws -> SeedExchange {
        let listener = try Socket.tcp(family)
        defer { try? listener.close() }
        try listener.bind(to: .loopback(family))
        try listener.listen()
        let serverPort = listener.localAddress!.port
        listening(serverPort)
        let client = try Socket.tcp(family)
        let (_, connect) = try CallWindow.timing { try client.connect(to: .loopback(family, port: serverPort)) }
        let server = try listener.withDeadline(.seconds(5)) { () throws(SocketError) in try listener.accept() }
        let (_, clientSend) = try CallWindow.timing { try client.sendAll(request) }
        _ = try server.withDeadline(.seconds(5)) { () throws(SocketError) in try server.receive(upTo: 64) }
        let (_, serverSend) = try CallWindow.timing { try server.sendAll(reply) }
        _ = try client.withDeadline(.seconds(5)) { () throws(SocketError) in try client.receive(upTo: 64) }
        let clientPort = client.localAddress!.port
        let (_, clientClose) = try CallWindow.timing { try client.close() }
        let ended = try server.withDeadline(.seconds(5)) { () throws(SocketError) in try server.receive(upTo: 64) }
        guard ended.isEmpty else { throw ExchangeError.unexpectedData(ended.count) }
        let (_, serverClose) = try CallWindow.timing { try server.close() }
        return SeedExchange(serverPort: serverPort, clientPort: clientPort, connect: connect, clientSend: clientSend,
                            serverSend: serverSend, clientClose: clientClose, serverClose: serverClose)
    }

    enum ExchangeError: Error {
        case unexpectedData(Int)
    }
}
