import TraceCore

/// One TCP connection, named by its two ends whichever side reports it: `127.0.0.1:5000` and
/// `127.0.0.1:41234` are one connection for the client's calls, the server's and the segments between.
public struct ConnectionKey: Hashable, Sendable {
    public let lower: String
    public let upper: String

    public init(_ a: String, _ b: String) {
        (lower, upper) = a <= b ? (a, b) : (b, a)
    }

    /// The connection an event's call is on, once its socket has both addresses.
    public init?(_ event: TraceEvent) {
        guard let local = event.local, let remote = event.remote else { return nil }
        self.init(local, remote)
    }
}

/// Which connections' arrows come from captured segments (observed) instead of being inferred from
/// the calls. Inferred arrows of an observed connection are never drawn: the segments replace them.
public enum ObservedConnections: Sendable, Hashable {
    case none
    case all
    case only(Set<ConnectionKey>)

    /// These connections and `key`.
    public func inserting(_ key: ConnectionKey) -> ObservedConnections {
        switch self {
        case .none: return .only([key])
        case .all: return .all
        case .only(let keys): return .only(keys.union([key]))
        }
    }

    public func contains(_ key: ConnectionKey?) -> Bool {
        switch self {
        case .none: return false
        case .all: return true
        case .only(let keys): return key.map(keys.contains) ?? false
        }
    }
}
