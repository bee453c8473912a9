/// Receives a report when each socket call starts and when it is done, like Go's `httptrace` hooks.
///
/// The socket layer never chooses where reports go: whoever creates a socket passes the observer.
/// Reports arrive on the thread that made the call, synchronously, between the clock readings and the
/// system call, so an observer should be quick.
public protocol SocketObserver: AnyObject, Sendable {
    /// Whether this done report should carry the kernel's view of the socket (one extra `getsockopt`).
    /// Asked after the call, before `callFinished`.
    func wantsKernelView(after call: SocketCallDone) -> Bool
    /// Returns a token the done report carries back (`start.token`): a tracer pairs start and done with it.
    func callStarted(_ call: SocketCallStart) -> UInt64
    func callFinished(_ call: SocketCallDone)
}

/// What a call is about to do.
public struct SocketCallStart: Sendable {
    public var operation: SocketOperation
    /// The socket's descriptor; nil for `socket()`, which has none yet.
    public var fd: Int32?
    /// Monotonic nanoseconds just before the system call.
    public var time: UInt64 = 0
    /// Bytes the call was asked to move (send, sendall, recv).
    public var requestedBytes: Int?
    /// The address to bind or connect to.
    public var address: SocketAddress?
    public var family: SocketAddress.Family?
    public var option: SocketOption?
    public var optionValue: Int32?
    public var backlog: Int32?
    public var how: ShutdownHow?
    /// `poll`: how long it may wait, in milliseconds.
    public var timeoutMilliseconds: Int32?
    /// Made by the tool itself (a stop waking a blocked call), not by the traced program.
    public var byTool = false
    /// What the observer's `callStarted` returned, handed back with the done report.
    public var token: UInt64 = 0

    public init(operation: SocketOperation, fd: Int32?) {
        self.operation = operation
        self.fd = fd
    }
}

/// What a call did. Failure is part of it: `error` is set and the result fields are nil.
public struct SocketCallDone {
    public var start: SocketCallStart
    /// Monotonic nanoseconds just after the system call returned.
    public var time: UInt64 = 0
    /// The descriptor the call produced: `socket()`'s new socket, `accept()`'s connection.
    public var newFD: Int32?
    /// Bytes actually moved.
    public var transferredBytes: Int?
    /// For `sendall`: how many `send()` calls it took.
    public var sendCalls: Int?
    /// For `poll`: whether the socket became ready before the time ran out.
    public var ready: Bool?
    /// The tool had shut this socket's reading side (`Socket.interrupt()`) when the call returned: what
    /// it returned is the stop's doing, not the peer's.
    public var afterInterrupt = false
    /// The bytes sent or received. Valid only during `callFinished`; copy what you keep.
    public var payload: UnsafeRawBufferPointer?
    public var local: SocketAddress?
    public var remote: SocketAddress?
    public var error: SocketError?
    /// The kernel's view after the call, when the observer asked for it and the platform gives one.
    public var kernel: TCPInfo?

    public var duration: UInt64 { time &- start.time }

    public init(start: SocketCallStart) { self.start = start }
}
