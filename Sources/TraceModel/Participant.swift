import TraceCore

/// Who a row belongs to: a program (one actor, or one process of a traced program), a client among
/// several in one run, or the tool itself.
public struct ParticipantID: Hashable, Sendable, CustomStringConvertible {
    public var actor: TraceEvent.Actor
    /// A client numbered by its connection: several clients in one run are separate programs. A server's
    /// connections are threads of one program, so they share its participant.
    public var connection: Int?
    /// The process, for a traced program (`trace run`).
    public var pid: Int32?

    public init(actor: TraceEvent.Actor, connection: Int? = nil, pid: Int32? = nil) {
        self.actor = actor
        self.connection = connection
        self.pid = pid
    }

    /// The participant an event belongs to. A traced program's process is one participant, whatever its
    /// connections.
    public init(_ event: TraceEvent) {
        self.init(actor: event.actor, connection: event.actor == .client && event.pid == nil ? event.connection : nil,
                  pid: event.pid)
    }

    public var description: String {
        var text = actor.rawValue
        if let connection { text += " #\(connection)" }
        if let pid { text += " (pid \(pid))" }
        return text
    }
}

/// The two sides of a two-sided view: clients on the left, the server on the right.
public enum Side: Sendable, Hashable {
    case left, right

    public init(_ actor: TraceEvent.Actor) { self = actor == .server ? .right : .left }

    public var other: Side { self == .left ? .right : .left }
}

/// One lifeline of the diagram.
public struct Participant: Hashable, Sendable {
    public enum Kind: Sendable, Hashable {
        /// A program whose calls are traced.
        case program
        /// The other end of the connections, seen only from the network (its calls are not traced).
        case network
    }

    public var id: ParticipantID
    public var kind: Kind
    public var side: Side

    public init(id: ParticipantID, kind: Kind, side: Side) {
        self.id = id
        self.kind = kind
        self.side = side
    }
}

/// Whose calls a diagram shows: both programs (the demo, a lesson, a merge), or one side alone
/// (`trace server`, `trace client`), the other lifeline being the peer seen from the network.
public enum DiagramView: Sendable, Hashable {
    case both
    case only(TraceEvent.Actor)

    /// The view a header describes: one side when it traced only the server or only the client.
    public init(_ header: TraceHeader) {
        let traced = Set(header.traced).subtracting([.tool])
        if traced.count == 1, let actor = traced.first, actor == .client || actor == .server {
            self = .only(actor)
        } else {
            self = .both
        }
    }

    public func traces(_ side: Side) -> Bool {
        switch self {
        case .both: return true
        case .only(let actor): return Side(actor) == side
        }
    }
}
