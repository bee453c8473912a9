import Foundation
import TraceCore
import TraceSockets
import SocketTracing

/// `servidor.py`, for real: listens, accepts clients and serves each on its own thread (blocking calls
/// never sit on Swift's cooperative pool), numbering them `#1`, `#2`, ... in the events. One client's
/// error, reset or silence ends only that client's connection.
public final class ServerProgram: @unchecked Sendable {
    public let options: ServerOptions
    private let lane: TraceLane
    private let router: AcceptRouter

    // Shared state, guarded by `condition`.
    private let condition = NSCondition()
    private var listener: Socket?
    private var open: [Int: Socket] = [:]
    private var runningConnections = 0
    /// Connections being served, and refused ones still being given time to close.
    private var serving = 0
    private var refusing = 0
    private var stopping = false
    private var summary = ServerSummary()

    /// How long `serve` waits, once stopping, for connection threads to notice.
    static let stopGrace: TimeInterval = 5
    /// Refused clients given a moment to close on a thread of their own; beyond, refused at once.
    static let gracefulRefusals = 64
    /// How long the accept loop pauses when the system is out of descriptors or memory.
    static let exhaustedPause: TimeInterval = 0.1

    public init(options: ServerOptions, tracer: Tracer) {
        self.options = options
        self.lane = tracer.lane(.server)
        self.router = AcceptRouter(server: lane)
    }

    /// `socket`, `setsockopt(SO_REUSEADDR)`, `bind`, `listen`: returns the address actually listened on
    /// (with the port the kernel chose for port 0).
    public func listen() throws(SocketError) -> SocketAddress {
        let address = try SocketAddress.resolve(host: options.host, port: options.port)[0]
        let socket = try Socket.tcp(address.family, observer: router)
        do {
            try socket.setOption(.reuseAddress)
            try socket.bind(to: address)
            try socket.listen(backlog: options.backlog)
        } catch {
            try? socket.close()
            throw error
        }
        condition.lock()
        listener = socket
        let stopNow = stopping
        condition.unlock()
        if stopNow { socket.interrupt() }
        return socket.localAddress ?? address
    }

    /// Accepts and serves clients: one (then returns, like the seed) or, with `forever`, until `stop()`.
    /// Every socket is closed when it returns.
    public func serve() -> ServerSummary {
        condition.lock()
        let listener = self.listener
        condition.unlock()
        guard let listener else { return ServerSummary() }
        var id = 0
        while !isStopping {
            id += 1
            let connectionLane = lane.connection(id)
            router.route(acceptTo: connectionLane)
            let socket: Socket
            do {
                socket = try connectionLane.step(2) { () throws(SocketError) in
                    try listener.accept(observer: connectionLane)
                }
            } catch {
                if isStopping { break }
                if ServerProgram.isTransient(error) {
                    id -= 1
                    waitForRoom()
                    continue
                }
                let why = NetworkText.failure(error, host: options.host, port: options.port, options.language)
                lane.mark(.note, text: why)
                condition.lock()
                summary.acceptFailure = why
                condition.unlock()
                break
            }
            start(ServerConnection(socket: socket, lane: connectionLane, options: options), id: id)
            if !options.forever { break }
        }
        waitForConnections()
        condition.lock()
        self.listener = nil
        let result = summary
        condition.unlock()
        try? listener.close()
        return result
    }

    /// Stops serving from any thread (a signal handler's queue, a test): wakes the blocked `accept` and
    /// every connection; `serve` then closes them all and returns.
    public func stop(because reason: String = "interrupt") {
        condition.lock()
        let first = !stopping
        stopping = true
        condition.unlock()
        if first { lane.mark(.stop, text: reason, byTool: true) }
        condition.lock()
        listener?.interrupt()
        for socket in open.values { socket.interrupt() }
        condition.broadcast()
        condition.unlock()
    }

    public var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    /// Connections open right now.
    public var openConnections: Int {
        condition.lock()
        defer { condition.unlock() }
        return open.count
    }

    // MARK: - Connections

    private func start(_ connection: ServerConnection, id: Int) {
        condition.lock()
        let limit = options.maxClients
        let refused = limit.map { serving >= $0 } ?? false
        // A flood of refused clients gets its answer at once, without a thread each.
        let graceful = !refused || refusing < ServerProgram.gracefulRefusals
        if !refused { serving += 1 } else if graceful { refusing += 1 }
        open[id] = connection.socket
        runningConnections += 1
        summary.accepted += 1
        summary.mostAtOnce = max(summary.mostAtOnce, serving)
        if stopping { connection.socket.interrupt() }
        condition.unlock()
        guard graceful else {
            finish(connection, id: id, connection.refuse(limit: limit ?? 0, graceful: false), refused: true, graceful: false)
            return
        }
        let thread = Thread { [self] in
            let outcome = refused ? connection.refuse(limit: limit ?? 0, graceful: true) : connection.serve { isStopping }
            finish(connection, id: id, outcome, refused: refused, graceful: true)
        }
        thread.name = "trace-server-\(id)"
        thread.stackSize = 1 << 19
        thread.start()
    }

    private func finish(_ connection: ServerConnection, id: Int, _ outcome: ConnectionOutcome, refused: Bool, graceful: Bool) {
        // Unregistered before closing, so `stop()` never interrupts a descriptor number already reused.
        condition.lock()
        open[id] = nil
        condition.unlock()
        let interrupted: Bool
        if case .interrupted = outcome { interrupted = true } else { interrupted = false }
        try? connection.socket.close(byTool: interrupted)
        condition.lock()
        switch outcome {
        case .served: summary.served += 1
        case .refused: summary.refused += 1
        case .idle: summary.idle += 1
        case .failed(let error):
            summary.failed += 1
            if summary.failure == nil { summary.failure = ConnectionFailure(error: error, client: connection.socket.remoteAddress) }
        case .interrupted: summary.interrupted += 1
        }
        if !refused { serving -= 1 } else if graceful { refusing -= 1 }
        runningConnections -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for every connection thread; once stopping, at most `stopGrace`, then wakes what is left.
    private func waitForConnections() {
        condition.lock()
        var deadline: Date?
        while runningConnections > 0 {
            if stopping && deadline == nil { deadline = Date(timeIntervalSinceNow: ServerProgram.stopGrace) }
            if let deadline {
                if !condition.wait(until: deadline) { break }
            } else {
                condition.wait()
            }
        }
        let leftovers = Array(open.values)
        condition.unlock()
        for socket in leftovers { socket.interrupt() }
    }

    /// Out of descriptors or memory: wait until a connection ends (or a moment), then accept again.
    private func waitForRoom() {
        condition.lock()
        let before = runningConnections
        let deadline = Date(timeIntervalSinceNow: ServerProgram.exhaustedPause)
        while runningConnections >= before && !stopping {
            if !condition.wait(until: deadline) { break }
        }
        condition.unlock()
    }

    /// Accept failures that concern one connection or a passing shortage, not the listener.
    static func isTransient(_ error: SocketError) -> Bool {
        guard let e = error.errno else { return false }
        return [.connectionAborted, .tooManyOpenFiles, .noBufferSpace, .interrupted,
                .connectionReset, .tooManyOpenFilesInSystem, .outOfMemory].contains(e)
    }
}
