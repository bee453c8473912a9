import TraceCore

/// Where each captured segment is drawn: under the row of the call it travelled during, or on a row of
/// its own at its time.
///
/// A segment goes under a call still in flight on its connection when it travelled: first a call that
/// sends (`connect()`, a send, `shutdown()`, `close()`), which caused it or the other kernel's answer to
/// it (the handshake under `connect()`, a message and its ACK under the send, a FIN under `close()`; an
/// answer carries no data and no FIN); else a call that waits (`recv()`, `accept()`), which it woke.
/// Among several, the last to start. A
/// call's connection is its socket's two addresses; a `connect()`'s or an `accept()`'s is known only when
/// it returns, so a segment such a call may own waits for it. A segment no call in flight can own is
/// drawn on its own.
struct SegmentPlacement: Sendable {
    /// What became of a segment when it arrived.
    enum Arrival: Sendable {
        /// It waits for a call in flight to return.
        case held
        /// It has a row of its own, now.
        case free
    }

    /// A call in flight, told apart as `TraceLane` does: one thread at a time calls on a socket, and the
    /// tool's own calls on it are its own.
    private struct CallKey: Hashable, Sendable {
        let participant: ParticipantID
        let fd: Int32?
        let operation: TraceEvent.Operation
        let byTool: Bool

        init(_ e: TraceEvent) {
            participant = ParticipantID(e)
            fd = e.fd
            operation = e.operation
            byTool = e.origin == .tool
        }
    }

    private struct SocketRef: Hashable, Sendable {
        let participant: ParticipantID
        let fd: Int32
    }

    private struct Call: Sendable {
        let start: UInt64
        /// A call that sends (rather than one that waits for what comes).
        let sends: Bool
        let side: Side
        /// Known from the socket's earlier calls; nil for a `connect()` or `accept()` until it returns.
        let connection: ConnectionKey?
        /// For a call whose connection is not known yet: the port one end of its connection will have.
        let port: Int?
    }

    private struct Held: Sendable {
        let event: TraceEvent
        let connection: ConnectionKey
        /// The calls that may own it, the last to start first.
        var candidates: [CallKey]
    }

    private var inFlight: [CallKey: Call] = [:]
    private var sockets: [SocketRef: ConnectionKey] = [:]
    private var listeners: [SocketRef: Int] = [:]
    /// Every connection a call has reported: an `accept()` or `connect()` in flight never owns one of these.
    private var known: Set<ConnectionKey> = []
    private var held: [Held] = []
    /// Who has which address, from the calls' own addresses.
    private var owners: [String: ParticipantID] = [:]
    /// The addresses `connect()` went to: the side opposite the caller's.
    private var targets: [String: Side] = [:]
    private var connectionIDs: [ConnectionKey: Int] = [:]

    /// The calls that send (the others wait for what comes).
    private static let sends: Set<TraceEvent.Operation> = [.connect, .send, .sendall, .shutdown, .close]

    /// A call started.
    mutating func callStarted(_ e: TraceEvent) {
        var connection: ConnectionKey?
        var port: Int?
        switch e.operation {
        case .connect:
            port = e.address.flatMap(Endpoint.init)?.port
            if let address = e.address { targets[address] = Side(e.actor).other }
        case .accept:
            port = e.fd.flatMap { listeners[SocketRef(participant: ParticipantID(e), fd: $0)] }
        default:
            connection = e.fd.flatMap { sockets[SocketRef(participant: ParticipantID(e), fd: $0)] }
        }
        guard connection != nil || port != nil else { return }
        inFlight[CallKey(e)] = Call(start: e.time, sends: Self.sends.contains(e.operation), side: Side(e.actor),
                                    connection: connection, port: port)
    }

    /// A segment arrived (in time order among the calls' events).
    mutating func arrive(_ e: TraceEvent) -> Arrival {
        guard let connection = ConnectionKey(e) else { return .free }
        let ends = [connection.lower, connection.upper].compactMap { Endpoint($0)?.port }
        let from = sender(of: e).side
        let answer = (e.segment?.payloadLength ?? 0) == 0 && e.segment?.flags.contains(.fin) != true
        let candidates = inFlight.filter { _, call in
            guard call.start <= e.time, !call.sends || call.side == from || answer else { return false }
            if let known = call.connection { return known == connection }
            return !known.contains(connection) && call.port.map(ends.contains) == true
        }.sorted { a, b in a.value.sends != b.value.sends ? a.value.sends : a.value.start > b.value.start }.map(\.key)
        guard !candidates.isEmpty else { return .free }
        held.append(Held(event: e, connection: connection, candidates: candidates))
        return .held
    }

    /// A call returned: the segments to draw under its row, and those that no call can own any more
    /// (to draw on their own, before it).
    mutating func callFinished(_ e: TraceEvent) -> (under: [TraceEvent], freed: [TraceEvent]) {
        learn(from: e)
        let key = CallKey(e)
        guard let call = inFlight.removeValue(forKey: key) else { return ([], []) }
        // A socket's calls report their addresses, a `close` may not: the socket's own connection then;
        // a refused `connect()` has none, only the port it went to.
        let connection = ConnectionKey(e) ?? call.connection
        func owns(_ segment: Held) -> Bool {
            if let connection { return segment.connection == connection }
            return call.port.map { [segment.connection.lower, segment.connection.upper].compactMap { Endpoint($0)?.port }.contains($0) } ?? false
        }
        var under: [TraceEvent] = [], freed: [TraceEvent] = []
        held.removeAll { segment in
            guard let index = segment.candidates.firstIndex(of: key) else { return false }
            if index == 0, owns(segment) {
                under.append(segment.event)
                return true
            }
            return false
        }
        for index in held.indices {
            held[index].candidates.removeAll { $0 == key }
        }
        held.removeAll { segment in
            guard segment.candidates.isEmpty else { return false }
            freed.append(segment.event)
            return true
        }
        return (under, freed)
    }

    /// Every segment still waiting, in time order (the end of a trace).
    mutating func drain() -> [TraceEvent] {
        defer { held.removeAll() }
        return held.map(\.event)
    }

    /// Who sent a segment, as far as the calls say: the program whose socket has its source address (or
    /// the other side of the one that has its destination, or of the listener on its port).
    func sender(of e: TraceEvent) -> (participant: ParticipantID?, side: Side) {
        if let source = e.local, let owner = owners[source] { return (owner, Side(owner.actor)) }
        if let destination = e.remote, let owner = owners[destination] { return (nil, Side(owner.actor).other) }
        if let source = e.local, let side = targets[source] { return (nil, side) }
        if let destination = e.remote, let side = targets[destination] { return (nil, side.other) }
        let source = e.local.flatMap(Endpoint.init)?.port, destination = e.remote.flatMap(Endpoint.init)?.port
        for (listener, port) in listeners {
            if port == source { return (listener.participant, Side(listener.participant.actor)) }
            if port == destination { return (nil, Side(listener.participant.actor).other) }
        }
        return (nil, .left)
    }

    /// The number of the segment's connection, when its calls have one (several clients).
    func connectionID(of e: TraceEvent) -> Int? { ConnectionKey(e).flatMap { connectionIDs[$0] } }

    /// What a finished call says about sockets, addresses and listeners.
    private mutating func learn(from e: TraceEvent) {
        guard e.phase == .done, e.error == nil, let fd = e.fd else { return }
        let participant = ParticipantID(e)
        let socket = SocketRef(participant: participant, fd: fd)
        if let local = e.local { owners[local] = participant }
        switch e.operation {
        case .bind, .listen:
            if let port = e.local.flatMap(Endpoint.init)?.port { listeners[socket] = port }
        case .close:
            sockets[socket] = nil
            listeners[socket] = nil
            return
        default:
            break
        }
        guard let connection = ConnectionKey(e) else { return }
        let ref = e.operation == .accept ? e.newFD.map { SocketRef(participant: participant, fd: $0) } : socket
        if let ref, e.operation != .bind, e.operation != .listen { sockets[ref] = connection }
        known.insert(connection)
        if let id = e.connection { connectionIDs[connection] = id }
    }
}
