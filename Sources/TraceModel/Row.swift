import TraceCore

/// One row of the diagram: a call with its result, a call still waiting, or a moment (a `print`, the
/// detected closure, a note, the tool's own stop), with what the model worked out about it: the arrow
/// for what crossed the connection, the TCP state worth showing, the step number, whose row it is.
///
/// The event is kept as it was recorded: outputs read the call's own fields from it and the model's
/// findings from the row.
public struct Row: Hashable, Sendable {
    public enum Kind: Sendable, Hashable {
        /// A finished call (its `done` event).
        case call
        /// A call that has started and blocks (a server's `accept()` waiting for a client).
        case waiting
        /// A moment of the program (or of the tool): an `instant` event.
        case moment
        /// A TCP segment captured on the wire (a `segment` event): an observed arrow from its sender's
        /// side, in `arrow`; `side` is the sender's.
        case segment
    }

    public var kind: Kind
    public var event: TraceEvent
    public var participant: ParticipantID
    public var side: Side
    /// The connection's number and its client's address (`#3 127.0.0.1:53122`), when the run has several.
    public var connection: Int?
    public var endpoint: String?
    /// A traced program's process, when its side has had more than one; its thread, when that process
    /// has had more than one.
    public var process: Int32?
    public var thread: Int32?
    /// The step number to show on this row: set on the first row of each step.
    public var number: Int?
    /// What crossed the connection with this call, if anything.
    public var arrow: Arrow?
    /// The TCP state after the call, when it is worth a place.
    public var state: ShownState?
    /// The listener's queue after the call, when it says something (`accept()` with others waiting).
    public var queue: UInt32?
    /// `bind()`: the port the kernel chose, when it differs from the one asked for.
    public var chosenPort: Int?
    /// `accept()`: the client's address, shown when connections are not numbered.
    public var peer: String?
    /// The call returned because the tool itself shut the socket to stop the run (`recv` → 0 bytes,
    /// `accept` → EINVAL): no doing of the peer's.
    public var wokenByStop: Bool
    /// Made by the tool itself (a stop, a guard's timeout, the cleanup at the end), not by the program.
    public var byTool: Bool
    /// A segment drawn under a call's row: that call's `done` event's `seq`, the call it travelled during.
    public var underCall: UInt64?

    public init(kind: Kind, event: TraceEvent, participant: ParticipantID, side: Side) {
        self.kind = kind
        self.event = event
        self.participant = participant
        self.side = side
        connection = event.connection
        wokenByStop = false
        byTool = event.origin == .tool
    }

    public var time: UInt64 { event.time }
    public var duration: UInt64? { kind == .call ? event.duration : nil }
    /// The step this row belongs to (shown or not).
    public var step: Int? { event.step }
}

/// Something that crossed the connection, drawn between the lifelines.
public struct Arrow: Hashable, Sendable {
    public enum Direction: Sendable, Hashable {
        /// From the row's side to the other.
        case outgoing
        /// From the other side (a peer seen from the network) to the row's side.
        case incoming
    }

    public enum Kind: Sendable, Hashable {
        /// `connect()`'s handshake (SYN, SYN-ACK, ACK).
        case handshake
        /// Bytes of a message.
        case data
        case fin
        case rst
        /// A captured segment, with its flags (`SYN-ACK`).
        case segment(TCPFlags)
    }

    /// Whether the arrow was seen on the wire (a captured segment) or worked out from the calls.
    public enum Evidence: Sendable, Hashable {
        case observed
        case inferred
    }

    public var direction: Direction
    public var kind: Kind
    public var evidence: Evidence

    public init(_ direction: Direction, _ kind: Kind, evidence: Evidence = .inferred) {
        self.direction = direction
        self.kind = kind
        self.evidence = evidence
    }

    /// The word an arrow carries on its shaft: `FIN`, `RST`, a segment's flags.
    public var tag: String? {
        switch kind {
        case .fin: return "FIN"
        case .rst: return "RST"
        case .segment(let flags): return flags.name
        case .handshake, .data: return nil
        }
    }
}

/// A TCP state as the diagram shows it: whether the socket has just entered it.
public struct ShownState: Hashable, Sendable {
    public var state: TCPState
    /// True when the socket was not in this state at its previous row.
    public var changed: Bool

    /// `CLOSE_WAIT`, `FIN_WAIT1`, ...: an end is under way.
    public var isClosing: Bool { state.isClosing }
}

extension TCPState {
    /// The states of a connection that is ending or has ended.
    public var isClosing: Bool {
        switch self {
        case .closeWait, .finWait1, .finWait2, .timeWait, .lastAck, .closing, .close: return true
        default: return false
        }
    }
}
