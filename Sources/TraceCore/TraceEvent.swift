/// One moment of a trace: a call starting, a call done (with its outcome), or a program-level instant
/// such as a `print`. The same value in memory, in JSON Lines and in every renderer.
public struct TraceEvent: Hashable, Sendable {
    /// The JSON Lines format version this value corresponds to.
    public static let formatVersion = 1

    /// Every field, stored once behind a reference so that passing an event around copies a pointer.
    struct Fields: Hashable, Sendable {
        var seq: UInt64
        var time: UInt64
        var phase: Phase
        var actor: Actor
        var connection: Int?
        var operation: Operation
        var step: Int?
        var fd: Int32?
        var duration: UInt64?
        var newFD: Int32?
        var requestedBytes: Int?
        var bytes: Int?
        var sendCalls: Int?
        var preview: String?
        var address: String?
        var family: String?
        var option: String?
        var optionValue: Int32?
        var backlog: Int32?
        var how: String?
        var local: String?
        var remote: String?
        var error: Failure?
        var tcp: KernelView?
        var text: String?
        var pid: Int32?
        var tid: Int32?
        var callID: UInt64?
        var origin: Origin?
        var header: TraceHeader?
        var timeout: Int32?
        var returnValue: Int64?
        var systemCall: String?
        var exitStatus: Int32?
        var signal: String?
        var wokenBy: Origin?
        var segment: Segment? = nil
    }

    final class Storage: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
    }

    /// Emission order within one trace, from 1.
    public var seq: UInt64 {
        get { storage.fields.seq }
        set { makeUnique(); storage.fields.seq = newValue }
    }
    /// Monotonic nanoseconds since the trace began, when the call started or returned.
    public var time: UInt64 {
        get { storage.fields.time }
        set { makeUnique(); storage.fields.time = newValue }
    }
    public var phase: Phase {
        get { storage.fields.phase }
        set { makeUnique(); storage.fields.phase = newValue }
    }
    public var actor: Actor {
        get { storage.fields.actor }
        set { makeUnique(); storage.fields.actor = newValue }
    }
    /// Which connection, for a server with several clients (or several clients in one process).
    public var connection: Int? {
        get { storage.fields.connection }
        set { makeUnique(); storage.fields.connection = newValue }
    }
    public var operation: Operation {
        get { storage.fields.operation }
        set { makeUnique(); storage.fields.operation = newValue }
    }
    /// The seed step this event illustrates, when a scenario assigns one.
    public var step: Int? {
        get { storage.fields.step }
        set { makeUnique(); storage.fields.step = newValue }
    }
    public var fd: Int32? {
        get { storage.fields.fd }
        set { makeUnique(); storage.fields.fd = newValue }
    }
    /// How long the call took (done events).
    public var duration: UInt64? {
        get { storage.fields.duration }
        set { makeUnique(); storage.fields.duration = newValue }
    }
    /// The descriptor a call produced: `socket()`'s, or `accept()`'s new connection.
    public var newFD: Int32? {
        get { storage.fields.newFD }
        set { makeUnique(); storage.fields.newFD = newValue }
    }
    /// Bytes the call was asked to move.
    public var requestedBytes: Int? {
        get { storage.fields.requestedBytes }
        set { makeUnique(); storage.fields.requestedBytes = newValue }
    }
    /// Bytes it moved.
    public var bytes: Int? {
        get { storage.fields.bytes }
        set { makeUnique(); storage.fields.bytes = newValue }
    }
    /// `send()` calls a `sendall` needed.
    public var sendCalls: Int? {
        get { storage.fields.sendCalls }
        set { makeUnique(); storage.fields.sendCalls = newValue }
    }
    /// The payload (or printed text), escaped so it is safe on a terminal; see `SafeText`.
    public var preview: String? {
        get { storage.fields.preview }
        set { makeUnique(); storage.fields.preview = newValue }
    }
    /// The address a `bind` or `connect` was given.
    public var address: String? {
        get { storage.fields.address }
        set { makeUnique(); storage.fields.address = newValue }
    }
    /// `ipv4` or `ipv6`, for `socket()`.
    public var family: String? {
        get { storage.fields.family }
        set { makeUnique(); storage.fields.family = newValue }
    }
    /// A `setsockopt` option and value (`SO_REUSEADDR`, 1).
    public var option: String? {
        get { storage.fields.option }
        set { makeUnique(); storage.fields.option = newValue }
    }
    public var optionValue: Int32? {
        get { storage.fields.optionValue }
        set { makeUnique(); storage.fields.optionValue = newValue }
    }
    public var backlog: Int32? {
        get { storage.fields.backlog }
        set { makeUnique(); storage.fields.backlog = newValue }
    }
    /// A `shutdown` direction (`SHUT_WR`).
    public var how: String? {
        get { storage.fields.how }
        set { makeUnique(); storage.fields.how = newValue }
    }
    public var local: String? {
        get { storage.fields.local }
        set { makeUnique(); storage.fields.local = newValue }
    }
    public var remote: String? {
        get { storage.fields.remote }
        set { makeUnique(); storage.fields.remote = newValue }
    }
    public var error: Failure? {
        get { storage.fields.error }
        set { makeUnique(); storage.fields.error = newValue }
    }
    /// The kernel's view of the socket after the call.
    public var tcp: KernelView? {
        get { storage.fields.tcp }
        set { makeUnique(); storage.fields.tcp = newValue }
    }
    /// Free text for instants (a note, or the reason a loop ended).
    public var text: String? {
        get { storage.fields.text }
        set { makeUnique(); storage.fields.text = newValue }
    }
    /// The process that made the call, for a traced program (`trace run`).
    public var pid: Int32? {
        get { storage.fields.pid }
        set { makeUnique(); storage.fields.pid = newValue }
    }
    /// The thread that made the call, for a traced program.
    public var tid: Int32? {
        get { storage.fields.tid }
        set { makeUnique(); storage.fields.tid = newValue }
    }
    /// Pairs a call's start with its done: the `seq` of the start event, on both.
    public var callID: UInt64? {
        get { storage.fields.callID }
        set { makeUnique(); storage.fields.callID = newValue }
    }
    /// Who made the call: nil for the traced program itself, `.tool` for `trace`'s own actions (a stop, a
    /// guard, a cleanup), which are drawn as the tool's.
    public var origin: Origin? {
        get { storage.fields.origin }
        set { makeUnique(); storage.fields.origin = newValue }
    }
    /// How long the call may wait, in milliseconds (`poll`; -1: without end).
    public var timeout: Int32? {
        get { storage.fields.timeout }
        set { makeUnique(); storage.fields.timeout = newValue }
    }
    /// The call's return value where no other field says it (`poll`: how many descriptors are ready).
    public var returnValue: Int64? {
        get { storage.fields.returnValue }
        set { makeUnique(); storage.fields.returnValue = newValue }
    }
    /// The system call that really ran, when it is not the one `operation` names: a traced program's
    /// `accept4` for the lesson's `accept`, `recvfrom` or `read` for `recv`, `sendto` for `send`.
    public var systemCall: String? {
        get { storage.fields.systemCall }
        set { makeUnique(); storage.fields.systemCall = newValue }
    }
    /// `exit`: the status the process ended with; `signal`: the status a shell reports for it (128 + its number).
    public var exitStatus: Int32? {
        get { storage.fields.exitStatus }
        set { makeUnique(); storage.fields.exitStatus = newValue }
    }
    /// `signal`: the signal that ended the process, by name (`SIGSEGV`).
    public var signal: String? {
        get { storage.fields.signal }
        set { makeUnique(); storage.fields.signal = newValue }
    }
    /// `.tool` when the call returned because `trace` itself had shut its socket to stop the run: what
    /// it returned (a `recv` of 0 bytes, an `accept` error) is the stop's doing, not the peer's.
    public var wokenBy: Origin? {
        get { storage.fields.wokenBy }
        set { makeUnique(); storage.fields.wokenBy = newValue }
    }
    /// A TCP segment seen on the wire: only on `segment` events, whose `local` is the segment's source
    /// and `remote` its destination.
    public var segment: Segment? {
        get { storage.fields.segment }
        set { makeUnique(); storage.fields.segment = newValue }
    }
    /// How the trace was made: only on the `header` event that opens every recording.
    public var header: TraceHeader? {
        get { storage.fields.header }
        set { makeUnique(); storage.fields.header = newValue }
    }



    /// An event with every field given at once (one allocation, no copy-on-write checks).
    public init(seq: UInt64 = 0, time: UInt64 = 0, phase: Phase, actor: Actor, connection: Int? = nil,
                operation: Operation, step: Int? = nil, fd: Int32? = nil, duration: UInt64? = nil,
                newFD: Int32? = nil, requestedBytes: Int? = nil, bytes: Int? = nil, sendCalls: Int? = nil,
                preview: String? = nil, address: String? = nil, family: String? = nil, option: String? = nil,
                optionValue: Int32? = nil, backlog: Int32? = nil, how: String? = nil, local: String? = nil,
                remote: String? = nil, error: Failure? = nil, tcp: KernelView? = nil, text: String? = nil,
                pid: Int32? = nil, tid: Int32? = nil, callID: UInt64? = nil, origin: Origin? = nil,
                timeout: Int32? = nil, returnValue: Int64? = nil, wokenBy: Origin? = nil, systemCall: String? = nil) {
        storage = Storage(Fields(seq: seq, time: time, phase: phase, actor: actor, connection: connection,
                                 operation: operation, step: step, fd: fd, duration: duration, newFD: newFD,
                                 requestedBytes: requestedBytes, bytes: bytes, sendCalls: sendCalls,
                                 preview: preview, address: address, family: family, option: option,
                                 optionValue: optionValue, backlog: backlog, how: how, local: local,
                                 remote: remote, error: error, tcp: tcp, text: text, pid: pid, tid: tid,
                                 callID: callID, origin: origin, header: nil, timeout: timeout,
                                 returnValue: returnValue, systemCall: systemCall, wokenBy: wokenBy))
    }

    /// An event of fields already read (a recording's line).
    init(fields: Fields) { storage = Storage(fields) }

    public static func == (a: TraceEvent, b: TraceEvent) -> Bool {
        a.storage === b.storage || a.storage.fields == b.storage.fields
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(storage.fields) }

    public enum Phase: String, Hashable, Sendable, CaseIterable, BitwiseCopyable {
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
        /// `trace` itself: the recording's header.
        public static let tool = Actor(rawValue: "trace")
        /// The network between the programs: captured TCP segments.
        public static let network = Actor(rawValue: "network")
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
        /// The program read the kernel's view of a socket (`TCP_INFO`), maybe after waiting for a
        /// condition (`text`); the view is in `tcp`.
        public static let tcpInfo = Operation(rawValue: "tcp_info")
        /// The tool's guard gave up on a wait (`text`: the call, `timeout_ms`: the limit); by `trace`.
        public static let timeout = Operation(rawValue: "timeout")
        /// The tool stops the run (`text`: why: `quit`, `interrupt`, a signal's name, `failure`); by `trace`.
        public static let stop = Operation(rawValue: "stop")
        /// A wait for a socket to be ready (`poll`), with its timeout: a call of its own.
        public static let poll = Operation(rawValue: "poll")
        /// The first event of every trace: how it was made (see `TraceHeader`).
        public static let header = Operation(rawValue: "header")
        /// A TCP segment captured on the wire (actor `network`, in `segment`), at the time the kernel saw it.
        public static let segment = Operation(rawValue: "segment")

        // What a traced program (`trace run`) does besides the lesson's calls.
        public static let getsockname = Operation(rawValue: "getsockname")
        public static let getpeername = Operation(rawValue: "getpeername")
        public static let getsockopt = Operation(rawValue: "getsockopt")
        /// A wait on several descriptors (`select`, `pselect6`), like `poll`.
        public static let select = Operation(rawValue: "select")
        /// A wait on an epoll set (`epoll_wait`, `epoll_pwait`, `epoll_pwait2`).
        public static let epollWait = Operation(rawValue: "epoll_wait")
        /// A socket added to (or changed in, or removed from) an epoll set.
        public static let epollCtl = Operation(rawValue: "epoll_ctl")
        /// `fcntl` on a socket (`F_SETFL` with `O_NONBLOCK` makes it non-blocking).
        public static let fcntl = Operation(rawValue: "fcntl")
        /// A socket's descriptor copied (`dup`, `dup2`, `dup3`).
        public static let dup = Operation(rawValue: "dup")
        /// A process made a new process (`fork`, `vfork`, `clone`): `ret` is the child's pid (`text` the way).
        public static let fork = Operation(rawValue: "fork")
        /// A process started a thread: `ret` is the new thread's id.
        public static let thread = Operation(rawValue: "thread")
        /// A process replaced its program (`execve`): `text` is the program's path.
        public static let exec = Operation(rawValue: "exec")
        /// A process ended with `exit(status)`: `status`.
        public static let exit = Operation(rawValue: "exit")
        /// A process was killed by a signal: `signal` (its name), `status` (128 + its number, as a shell
        /// says); `text` says `core dumped` when it did.
        public static let signal = Operation(rawValue: "signal")

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

    /// Who made a call, when it was not the traced program.
    public enum Origin: String, Hashable, Sendable {
        /// `trace` itself: a stop, a guard's timeout, the cleanup at the end of a run.
        case tool = "trace"
    }

    /// The kernel's view of a TCP socket after a call (Linux `TCP_INFO`); absent fields were not reported.
    public struct KernelView: Hashable, Sendable {
        /// `ESTABLISHED`, `CLOSE_WAIT`, ...
        public var state: TCPState?
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

        public init(state: TCPState? = nil, rttMicroseconds: UInt32? = nil, rttVarianceMicroseconds: UInt32? = nil,
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
