/// One side of one TCP connection in a recording: the events of one actor and connection id, and the
/// addresses its `connect` or `accept` reported.
struct ConnectionSide {
    enum Role { case connector, acceptor }

    let recording: Int
    let actor: TraceEvent.Actor
    let connection: Int?
    let role: Role
    /// Indices into the recording, in order.
    let events: [Int]
    /// Where the `connect` / `accept` happened (index into the recording).
    let opening: Int
    let local: Endpoint
    let remote: Endpoint

    /// Groups a recording's events by (actor, connection id) and keeps the groups that opened a
    /// connection. The local address comes from the first data call (an `accept` on a listener bound to
    /// every interface reports `0.0.0.0`, the data calls the real address).
    static func sides(of events: [TraceEvent], recording: Int) -> [ConnectionSide] {
        var groups: [GroupKey: [Int]] = [:]
        var order: [GroupKey] = []
        for (i, e) in events.enumerated() {
            let key = GroupKey(actor: e.actor, connection: e.connection)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(i)
        }
        return order.compactMap { key in
            let indices = groups[key]!
            guard let opening = indices.first(where: { i in
                let e = events[i]
                return e.phase == .done && e.error == nil && (e.operation == .connect || e.operation == .accept) && e.remote != nil
            }) else { return nil }
            let open = events[opening]
            let dataLocal = indices.lazy.map { events[$0] }.first {
                $0.phase == .done && [.send, .sendall, .recv, .shutdown].contains($0.operation) && $0.local != nil
            }?.local
            guard let remote = Endpoint(open.remote!), let local = Endpoint(dataLocal ?? open.local ?? "") else { return nil }
            return ConnectionSide(recording: recording, actor: key.actor, connection: key.connection,
                                  role: open.operation == .connect ? .connector : .acceptor, events: indices,
                                  opening: opening, local: local, remote: remote)
        }
    }

    /// Whether `self` (a connector) and `other` (an acceptor) are the two ends of one connection:
    /// exactly (addresses agree), or, across a NAT that rewrote addresses, by ports alone.
    func pairs(with other: ConnectionSide, exactly: Bool) -> Bool {
        guard role == .connector, other.role == .acceptor, recording != other.recording,
              local.port == other.remote.port, remote.port == other.local.port else { return false }
        guard exactly else { return true }
        return local.host == other.remote.host && (remote.host == other.local.host || other.local.isWildcard)
    }

    private struct GroupKey: Hashable {
        let actor: TraceEvent.Actor
        let connection: Int?
    }
}
