import TraceCore

/// Everything the diagram works out about TCP from the calls, in one place: which sockets are
/// connected (their `close` sends a FIN, or an RST after `SO_LINGER` 0, or nothing once the kernel
/// ended the connection), what crossed the connection with each call, which TCP states changed, and
/// which calls the tool's own stop woke. Captured segments switch the arrows off per connection.
struct TCPInference: Sendable {
    let view: DiagramView
    private(set) var observed: ObservedConnections

    private struct SocketKey: Hashable, Sendable {
        let participant: ParticipantID
        let connection: Int?
        let fd: Int32
    }

    private var connected: Set<SocketKey> = []
    /// Each socket's connection, from its calls that report both addresses (a `close` may not).
    private var connections: [SocketKey: ConnectionKey] = [:]
    private var resets: Set<SocketKey> = []
    private var lastState: [SocketKey: TCPState] = [:]
    /// Sockets the tool shut (`shutdown(SHUT_RD)`) to wake a blocked call, by program and descriptor
    /// (a server's `accept()` reports on the lane of the connection it is about to make).
    private struct ProgramFD: Hashable, Sendable {
        let participant: ParticipantID
        let fd: Int32
    }
    private var stopped: Set<ProgramFD> = []

    init(view: DiagramView, observed: ObservedConnections) {
        self.view = view
        self.observed = observed
    }

    /// A call started. The tool's shutdown that stops a run is known from its start: the calls it wakes
    /// may return, and be reported, before the shutdown itself is.
    mutating func started(_ e: TraceEvent) {
        guard e.origin == .tool, e.operation == .shutdown, let fd = e.fd else { return }
        stopped.insert(ProgramFD(participant: ParticipantID(e), fd: fd))
    }

    /// A segment was captured on `key`: its calls' arrows are the segments from now on.
    mutating func observe(_ key: ConnectionKey) { observed = observed.inserting(key) }

    /// Fills in what the model knows about a finished call's row.
    mutating func annotate(_ row: inout Row) {
        let e = row.event
        let key = e.fd.map { SocketKey(participant: row.participant, connection: e.connection, fd: $0) }
        let programFD = e.fd.map { ProgramFD(participant: row.participant, fd: $0) }
        let wasStopped = e.wokenBy == .tool || (programFD.map(stopped.contains) ?? false)
        let failed = e.error != nil
        let peerTraced = view.traces(row.side.other)
        if let key, let connection = ConnectionKey(e), e.operation != .accept { connections[key] = connection }
        let inferArrows = observed == .none || !observed.contains(ConnectionKey(e) ?? key.flatMap { connections[$0] })
        var arrow: Arrow.Kind?
        var direction = Arrow.Direction.outgoing

        switch e.operation {
        case .setsockopt:
            if !failed, e.option == "SO_LINGER", let key {
                if e.optionValue == 0 { resets.insert(key) } else { resets.remove(key) }
            }
        case .bind:
            if !failed, let chosen = e.local.flatMap(Endpoint.init)?.port,
               chosen != e.address.flatMap(Endpoint.init)?.port {
                row.chosenPort = chosen
            }
        case .accept:
            if wasStopped { row.wokenByStop = true }
            if !failed, let fd = e.newFD {
                connected.insert(SocketKey(participant: row.participant, connection: e.connection, fd: fd))
                if e.connection == nil { row.peer = e.remote }
                if !peerTraced {
                    arrow = .handshake
                    direction = .incoming
                }
            }
            if let queue = e.tcp?.acceptQueue, queue > 0 { row.queue = queue }
        case .connect:
            if !failed, let key { connected.insert(key) }
            if failed && wasStopped { row.wokenByStop = true }
            // A refused connect too: its SYN went out (and an RST came back).
            arrow = .handshake
        case .send, .sendall:
            if !failed { arrow = .data }
        case .recv:
            if failed && wasStopped { row.wokenByStop = true }
            if !failed, let n = e.bytes {
                if n == 0, wasStopped {
                    row.wokenByStop = true
                } else if !peerTraced {
                    arrow = n == 0 ? .fin : .data
                    direction = .incoming
                }
            }
        case .shutdown:
            if row.byTool {
                if let programFD { stopped.insert(programFD) }
            } else if !failed, e.how != "SHUT_RD" {
                arrow = .fin
            }
        case .close:
            // A connection the kernel already ended (an RST came: state CLOSE) sends nothing more.
            if let key {
                let ended = lastState[key] == .close
                if !failed, connected.remove(key) != nil, !ended { arrow = resets.contains(key) ? .rst : .fin }
                lastState[key] = nil
                connections[key] = nil
                resets.remove(key)
                if let programFD { stopped.remove(programFD) }
            }
        default:
            break
        }
        if let arrow, inferArrows { row.arrow = Arrow(direction, arrow) }
        row.state = shownState(of: e, key: key)
    }

    /// The state after a call, when worth a place: a socket not yet connected (`CLOSE` after `socket()`)
    /// and a listener's view after `accept()` say nothing.
    private mutating func shownState(of e: TraceEvent, key: SocketKey?) -> ShownState? {
        guard let state = e.tcp?.state, e.operation != .accept else { return nil }
        if state == .close, [.socket, .setsockopt, .bind, .connect].contains(e.operation) { return nil }
        let changed = key.map { lastState[$0] != state } ?? true
        if let key { lastState[key] = state }
        return ShownState(state: state, changed: changed)
    }
}
