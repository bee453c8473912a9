import TraceSockets

/// What a system call returned, and what the tracer read right after it, before the program went on.
public struct SyscallOutcome: Sendable, Hashable {
    /// CLOCK_MONOTONIC nanoseconds when the tracer saw the thread stopped at the call's exit.
    public let time: UInt64
    /// The value returned, as the kernel returned it (-1 when `error` is set, as libc would show it).
    public let returnValue: Int64
    /// The error, when the call failed.
    public let error: Errno?
    /// The call was interrupted by a signal and the kernel will run it again (ERESTARTSYS and relatives):
    /// the program never sees this return; a new entry follows.
    public let willRestart: Bool

    /// Bytes sent or received.
    public var bytesMoved: Int?
    /// The descriptor made: `socket`, `accept`, `dup*`, `fcntl(F_DUPFD)`; `socketpair`'s first one.
    public var newFD: Int32?
    /// `socketpair`'s second descriptor.
    public var secondFD: Int32?
    /// The socket's own address after the call (read by the tracer through its duplicate of the socket).
    public var localAddress: SocketAddress?
    /// The peer's address: from `accept`'s sockaddr, `getpeername`, or the tracer's duplicate.
    public var peerAddress: SocketAddress?
    /// The first bytes sent or received (at most `SyscallOutcome.previewLimit`), raw.
    public var payload: [UInt8]?
    /// `getsockopt`: the value read (SO_ERROR as `.pendingError`).
    public var optionValue: SocketOptionValue?
    /// `poll` / `select` / `epoll_wait`: the descriptors that were ready.
    public var ready: [WaitedDescriptor]?
    /// `fcntl(F_GETFL)` / `F_SETFL`: whether O_NONBLOCK is set.
    public var nonBlocking: Bool?
    /// The kernel's view of the socket right after the call (`TCP_INFO`); nil where the kernel refused it
    /// or the socket is not TCP (and after `close`, when there is no socket left to ask).
    public var kernel: TCPInfo?

    /// The most payload bytes an outcome keeps.
    public static let previewLimit = 96

    init(time: UInt64, returnValue: Int64, error: Errno?, willRestart: Bool) {
        self.time = time
        self.returnValue = returnValue
        self.error = error
        self.willRestart = willRestart
    }

    /// Whether the call succeeded.
    public var succeeded: Bool { error == nil && !willRestart }
}
