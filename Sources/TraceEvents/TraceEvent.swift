/// One moment of a trace: a call starting, a call done (with its outcome), or a program-level instant
/// such as a `print`. The same value in memory, in JSON Lines and in every renderer.
public struct TraceEvent: Hashable, Sendable {
    /// The JSON Lines format version this value corresponds to.
    public static let formatVersion = 1

    /// Emission order within one trace, from 1.
    public var seq: UInt64
    /// Monotonic nanoseconds since the trace began, when the call started or returned.
    public var time: UInt64
    public var phase: Phase
    public var actor: Actor
    /// Which connection, for a server with several clients (or several clients in one process).
    public var connection: Int?
    public var operation: Operation
    /// The seed step this event illustrates, when a scenario assigns one.
    public var step: Int?
    public var fd: Int32?
    /// How long the call took (done events).
    public var duration: UInt64?
    /// The descriptor a call produced: `socket()`'s, or `accept()`'s new connection.
    public var newFD: Int32?
    /// Bytes the call was asked to move.
    public var requestedBytes: Int?
    /// Bytes it moved.
    public var bytes: Int?
    /// `send()` calls a `sendall` needed.
    public var sendCalls: Int?
    /// The payload (or printed text), escaped so it is safe on a terminal; see `SafeText`.
    public var preview: String?
    /// The address a `bind` or `connect` was given.
    public var address: String?
    /// `ipv4` or `ipv6`, for `socket()`.
    public var family: String?
    /// A `setsockopt` option and value (`SO_REUSEADDR`, 1).
    public var option: String?
    public var optionValue: Int32?
    public var backlog: Int32?
    /// A `shutdown` direction (`SHUT_WR`).
    public var how: String?
    public var local: String?
    public var remote: String?
    public var error: Failure?
    /// The kernel's view of the socket after the call.
    public var tcp: KernelView?
    /// Free text for instants (a note, or the reason a loop ended).
    public var text: String?

    public init(seq: UInt64 = 0, time: UInt64 = 0, phase: Phase, actor: Actor, connection: Int? = nil,
                operation: Operation, step: Int? = nil, fd: Int32? = nil) {
        self.seq = seq
        self.time = time
        self.phase = phase
        self.actor = actor
        self.connection = connection
        self.operation = operation
        self.step = step
        self.fd = fd
    }

    public enum Phase: String, Hashable, Sendable, CaseIterable {
        case start, done
        /// A program-level moment with no duration (a `print`, leaving a loop).
        case instant
    }

    /// Who acted. Open-ended so that later recordings with new roles still read.
    public struct Actor: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let client = Actor(rawValue: "client")
        public static let server = Actor(rawValue: "server")
        public var description: String { rawValue }
    }

    /// What happened: a socket call named as in C, or a program-level moment.
    public struct Operation: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let socket = Operation(rawValue: "socket")
        public static let setsockopt = Operation(rawValue: "setsockopt")
        public static let bind = Operation(rawValue: "bind")
        public static let listen = Operation(rawValue: "listen")
        public static let accept = Operation(rawValue: "accept")
        public static let connect = Operation(rawValue: "connect")
        public static let send = Operation(rawValue: "send")
        public static let sendall = Operation(rawValue: "sendall")
        public static let recv = Operation(rawValue: "recv")
        public static let shutdown = Operation(rawValue: "shutdown")
        public static let close = Operation(rawValue: "close")
        public static let getaddrinfo = Operation(rawValue: "getaddrinfo")
        /// The program showed received text (seed steps 4 and 7).
        public static let print = Operation(rawValue: "print")
        /// The program saw end-of-stream and left its receive loop (seed step 9).
        public static let peerClosed = Operation(rawValue: "peer_closed")
        /// Free-form commentary from a scenario.
        public static let note = Operation(rawValue: "note")

        public var description: String { rawValue }
    }

    /// A failed call: the errno name, its number and message, and the call that failed.
    public struct Failure: Hashable, Sendable {
        public var name: String
        public var code: Int32
        public var message: String
        public var call: String

        public init(name: String, code: Int32, message: String, call: String) {
            self.name = name
            self.code = code
            self.message = message
            self.call = call
        }
    }

    /// The kernel's view of a TCP socket after a call (Linux `TCP_INFO`); absent fields were not reported.
    public struct KernelView: Hashable, Sendable {
        /// `ESTABLISHED`, `CLOSE_WAIT`, ...
        public var state: String?
        public var rttMicroseconds: UInt32?
        public var rttVarianceMicroseconds: UInt32?
        /// Segments sent and not yet acknowledged.
        public var unacked: UInt32?
        public var retransmits: UInt32?
        public var totalRetransmits: UInt32?
        public var bytesAcked: UInt64?
        public var bytesReceived: UInt64?
        /// For a listening socket: connections completed by the kernel, waiting for `accept()`.
        public var acceptQueue: UInt32?
        /// For a listening socket: the backlog the kernel applies.
        public var backlog: UInt32?

        public init(state: String? = nil, rttMicroseconds: UInt32? = nil, rttVarianceMicroseconds: UInt32? = nil,
                    unacked: UInt32? = nil, retransmits: UInt32? = nil, totalRetransmits: UInt32? = nil,
                    bytesAcked: UInt64? = nil, bytesReceived: UInt64? = nil, acceptQueue: UInt32? = nil,
                    backlog: UInt32? = nil) {
            self.state = state
            self.rttMicroseconds = rttMicroseconds
            self.rttVarianceMicroseconds = rttVarianceMicroseconds
            self.unacked = unacked
            self.retransmits = retransmits
            self.totalRetransmits = totalRetransmits
            self.bytesAcked = bytesAcked
            self.bytesReceived = bytesReceived
            self.acceptQueue = acceptQueue
            self.backlog = backlog
        }
    }
}
