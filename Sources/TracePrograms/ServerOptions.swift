import TraceSockets
import TraceText

/// How `trace server` runs: where it listens, what it answers, how many clients it serves.
public struct ServerOptions: Sendable {
    /// The port two terminals meet on without thought: the one in Python's own socket examples.
    public static let defaultPort: UInt16 = 50007

    /// `127.0.0.1` (this machine only), `0.0.0.0` or `::` (every interface), or one address of the machine.
    public var host: String
    /// 0 lets the kernel choose a free port (tests always do).
    public var port: UInt16
    /// What the server sends back after each message, like `servidor.py`'s `sendall`.
    public var reply: String
    /// Serve clients until stopped; otherwise serve one and end, like the seed.
    public var forever: Bool
    /// Clients served at once; the next one is told the server is busy. nil: no limit.
    public var maxClients: Int?
    /// A client that sends nothing for this long is told so and closed. nil: wait as long as it takes.
    public var idleTimeout: Duration?
    /// The most one `recv()` asks for (1024, as in the seed): every read is bounded.
    public var receiveSize: Int
    public var backlog: Int32
    /// The language of what the server sends to clients it refuses or closes.
    public var language: Language

    public init(host: String = "127.0.0.1", port: UInt16 = ServerOptions.defaultPort, reply: String,
                forever: Bool = false, maxClients: Int? = nil, idleTimeout: Duration? = nil,
                receiveSize: Int = 1024, backlog: Int32 = 128, language: Language = .en) {
        self.host = host
        self.port = port
        self.reply = reply
        self.forever = forever
        self.maxClients = maxClients
        self.idleTimeout = idleTimeout
        self.receiveSize = max(receiveSize, 1)
        self.backlog = backlog
        self.language = language
    }
}

/// What a server run did, connection by connection.
public struct ServerSummary: Sendable, Equatable {
    public var accepted = 0
    /// Clients served until they closed their side.
    public var served = 0
    /// Clients told the server was busy (`--max-clients`).
    public var refused = 0
    /// Clients closed for silence (`--idle-timeout`).
    public var idle = 0
    /// Connections that ended with an error (reset, broken pipe); the others went on.
    public var failed = 0
    /// Connections cut short because the server was stopping.
    public var interrupted = 0
    /// The most clients served at the same moment (refused ones not counted).
    public var mostAtOnce = 0
    /// Why the server stopped accepting, when `accept()` itself failed for good.
    public var acceptFailure: String?
    /// The first connection that ended with an error: the call that failed, and the client's address.
    public var failure: ConnectionFailure?

    public init() {}
}

/// A connection that ended with an error (`trace server` without `--forever` fails with it).
public struct ConnectionFailure: Sendable, Equatable {
    public let error: SocketError
    public let client: SocketAddress?
}

/// How one connection ended.
enum ConnectionOutcome: Sendable {
    case served, refused, idle, failed(SocketError), interrupted
}

extension Duration {
    /// Seconds as the user wrote them: `5`, `0.5`.
    var secondsText: String {
        let s = seconds
        return s == s.rounded() ? String(Int(s)) : String(s)
    }
}
