import Synchronization
import TraceCore
import TraceSockets
import SocketTracing

/// How `trace client` runs.
public struct ClientOptions: Sendable {
    public var host: String
    public var port: UInt16
    public var message: String
    /// How long `connect()` may take before giving up with ETIMEDOUT.
    public var connectTimeout: Duration
    /// The most the one `recv()` asks for (1024, as in the seed).
    public var receiveSize: Int

    public init(host: String = "127.0.0.1", port: UInt16 = ServerOptions.defaultPort, message: String,
                connectTimeout: Duration = .seconds(5), receiveSize: Int = 1024) {
        self.host = host
        self.port = port
        self.message = message
        self.connectTimeout = connectTimeout
        self.receiveSize = max(receiveSize, 1)
    }
}

/// `cliente.py`, for real: connect (1), sendall (3), recv (6), print (7), close (8).
public final class ClientProgram: @unchecked Sendable {
    public let options: ClientOptions
    private let lane: TraceLane
    private let current = ThreadCondition()
    private var socket: Socket?
    private var stopping = false

    public init(options: ClientOptions, tracer: Tracer) {
        self.options = options
        self.lane = tracer.lane(.client)
    }

    /// What the server answered: its bytes (empty when it closed without a word).
    public struct Reply: Sendable {
        public let bytes: [UInt8]
        /// The server's address as connected.
        public let server: SocketAddress
    }

    /// Runs the client's side once. Throws the first call that failed; every socket is closed by then.
    public func run() throws(SocketError) -> Reply {
        let addresses = try SocketAddress.resolve(host: options.host, port: options.port)
        let (socket, server) = try connect(toFirstOf: addresses)
        let reply: [UInt8]
        do {
            reply = try exchange(on: socket)
        } catch {
            release(socket)
            try? socket.close(byTool: isStopping)
            throw error
        }
        release(socket)
        try lane.step(8) { () throws(SocketError) in try socket.close() }
        return Reply(bytes: reply, server: server)
    }

    private func exchange(on socket: Socket) throws(SocketError) -> [UInt8] {
        _ = try lane.step(3) { () throws(SocketError) in try socket.sendAll(options.message) }
        let reply = try lane.step(6) { () throws(SocketError) in try socket.receive(upTo: options.receiveSize) }
        if reply.isEmpty {
            // Woken by the tool's own stop, it is no closure of the server's.
            if socket.lastCallWasWokenByStop { throw SocketError(.system(.interrupted), operation: .recv) }
            lane.mark(.peerClosed, fd: socket.fd)
        } else {
            lane.step(7) { lane.mark(.print, payload: reply, fd: socket.fd) }
        }
        return reply
    }

    /// Stops from any thread (Ctrl-C), as the tool: records why (a signal's name), wakes a blocked
    /// connect or recv; `run` then throws and closes.
    public func stop(because reason: String = "interrupt") {
        current.lock()
        let first = !stopping
        stopping = true
        let socket = self.socket
        current.unlock()
        if first { lane.mark(.stop, text: reason, byTool: true) }
        socket?.interrupt()
    }

    public var isStopping: Bool {
        current.lock()
        defer { current.unlock() }
        return stopping
    }

    /// Tries each address the name resolved to, in order (`localhost` may be `::1` first), like
    /// Python's `create_connection`; the last failure is the one reported.
    private func connect(toFirstOf addresses: [SocketAddress]) throws(SocketError) -> (Socket, SocketAddress) {
        var lastError = SocketError(.invalid("no address"), operation: .connect)
        for address in addresses {
            let socket = try Socket.tcp(address.family, observer: lane)
            guard hold(socket) else {
                try? socket.close()
                throw SocketError(.system(.interrupted), operation: .connect)
            }
            let timedOut = GuardFlag()
            do {
                try guardConnect(socket, timedOut: timedOut) { () throws(SocketError) in
                    try lane.step(1) { () throws(SocketError) in try socket.connect(to: address) }
                }
                return (socket, address)
            } catch {
                release(socket)
                try? socket.close(byTool: timedOut.isSet || isStopping)
                // What the user is told: the tool gave up waiting (the call's own result is in the trace).
                lastError = timedOut.isSet ? SocketError(.system(.timedOut), operation: .connect) : error
                if isStopping { break }
            }
        }
        throw lastError
    }

    /// `connect` waits as long as the kernel takes (minutes, towards a machine that never answers): the
    /// tool's guard gives up after `connectTimeout`, says so, and wakes the call.
    private func guardConnect(_ socket: Socket, timedOut: GuardFlag, _ body: () throws(SocketError) -> Void) throws(SocketError) {
        let watchdog = Watchdog()
        defer { watchdog.stop() }
        let timeout = options.connectTimeout
        try watchdog.guarding(for: timeout, expire: { [lane] in
            timedOut.set()
            lane.mark(.timeout, text: "connect()", byTool: true, timeout: timeout)
            socket.interrupt()
        }, body)
    }

    private func hold(_ socket: Socket) -> Bool {
        current.lock()
        defer { current.unlock() }
        self.socket = socket
        return !stopping
    }

    private func release(_ socket: Socket) {
        current.lock()
        if self.socket === socket { self.socket = nil }
        current.unlock()
    }
}

/// Set once, from the watchdog's thread, read by the caller's.
final class GuardFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .relaxed) }
    var isSet: Bool { value.load(ordering: .relaxed) }
}
