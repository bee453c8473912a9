import TraceSockets

/// A call's arguments, decoded where the tracer knows their meaning; the fields a call does not have are nil.
public struct CallArguments: Sendable, Hashable {
    /// The descriptor the call works on (for `dup2`/`dup3`, the old one).
    public var fd: Int32?
    /// The address given to `bind`/`connect`, or the destination of `sendto`/`sendmsg`. Nil when the call
    /// gave none, or gave one that is not IPv4/IPv6 (see `addressFamily`).
    public var address: SocketAddress?
    /// The family of the address given (`AF_UNIX` for a local socket's path), or of `socket()`'s first argument.
    public var addressFamily: AddressFamily?
    /// `socket()` / `socketpair()`: the type and protocol asked for.
    public var socketType: SocketType?
    public var protocolNumber: Int32?
    /// `SOCK_NONBLOCK` / `SOCK_CLOEXEC` given to `socket`, `socketpair` or `accept4`.
    public var socketFlags: SocketFlags?
    /// Bytes offered (send family) or room given (receive family).
    public var byteCount: Int?
    public var messageFlags: MessageFlags?
    public var backlog: Int32?
    public var shutdown: ShutdownMode?
    /// `setsockopt` / `getsockopt`: the option; for `setsockopt` also its value.
    public var option: SocketOptionName?
    public var optionValue: SocketOptionValue?
    /// `poll` / `select` / `epoll_wait`: the descriptors waited on and for what (for epoll, the ones the
    /// program registered with `epoll_ctl`, as far as the tracer saw them).
    public var waited: [WaitedDescriptor]?
    public var timeout: WaitTimeout?
    /// `dup2` / `dup3`: the new descriptor; `fcntl(F_DUPFD)`: the lowest one allowed; `epoll_ctl`: the target.
    public var targetFD: Int32?
    public var fcntlCommand: FcntlCommand?
    public var fcntlArgument: Int64?
    public var epollOperation: EpollOperation?
    /// The six argument registers as the kernel gave them.
    public var registers: [UInt64]

    public init(registers: [UInt64] = []) { self.registers = registers }
}

/// How `shutdown()` closes a connection.
public enum ShutdownMode: Int32, Sendable, Hashable, CustomStringConvertible {
    case read = 0, write = 1, both = 2

    /// `SHUT_RD`, `SHUT_WR`, `SHUT_RDWR`.
    public var description: String {
        switch self {
        case .read: return "SHUT_RD"
        case .write: return "SHUT_WR"
        case .both: return "SHUT_RDWR"
        }
    }
}

/// One descriptor of a `poll`, `select` or `epoll_wait`: what was asked, and after the call what was ready.
public struct WaitedDescriptor: Sendable, Hashable {
    public let fd: Int32
    public var events: PollEvents
    /// After the call (`revents`, the sets `select` left, the events epoll returned); nil at entry.
    public var ready: PollEvents?
    /// Whether the tracer knows the descriptor to be a TCP socket.
    public var isTCPSocket: Bool

    public init(fd: Int32, events: PollEvents, ready: PollEvents? = nil, isTCPSocket: Bool = false) {
        self.fd = fd
        self.events = events
        self.ready = ready
        self.isTCPSocket = isTCPSocket
    }
}

/// How long a `poll`, `select` or `epoll_wait` may wait.
public enum WaitTimeout: Sendable, Hashable, CustomStringConvertible {
    case forever
    case nanoseconds(Int64)

    public var description: String {
        switch self {
        case .forever: return "forever"
        case .nanoseconds(let ns): return ns % 1_000_000 == 0 ? "\(ns / 1_000_000) ms" : "\(ns / 1000) µs"
        }
    }
}

/// The `fcntl` commands the tracer follows.
public enum FcntlCommand: Sendable, Hashable, CustomStringConvertible {
    case duplicate, duplicateCloseOnExec, getDescriptorFlags, setDescriptorFlags, getStatusFlags, setStatusFlags
    case other(Int32)

    init(linuxValue value: Int32) {
        switch value {
        case 0: self = .duplicate
        case 1030: self = .duplicateCloseOnExec
        case 1: self = .getDescriptorFlags
        case 2: self = .setDescriptorFlags
        case 3: self = .getStatusFlags
        case 4: self = .setStatusFlags
        default: self = .other(value)
        }
    }

    var isDuplicate: Bool { self == .duplicate || self == .duplicateCloseOnExec }

    /// `F_DUPFD`, `F_SETFL`, ...
    public var description: String {
        switch self {
        case .duplicate: return "F_DUPFD"
        case .duplicateCloseOnExec: return "F_DUPFD_CLOEXEC"
        case .getDescriptorFlags: return "F_GETFD"
        case .setDescriptorFlags: return "F_SETFD"
        case .getStatusFlags: return "F_GETFL"
        case .setStatusFlags: return "F_SETFL"
        case .other(let value): return "F_\(value)"
        }
    }

    /// O_NONBLOCK in the status flags of F_GETFL / F_SETFL (Linux x86_64 and aarch64).
    public static let nonBlockingFlag: Int64 = 0x800
}

/// What an `epoll_ctl` does.
public enum EpollOperation: Int32, Sendable, Hashable, CustomStringConvertible {
    case add = 1, delete = 2, modify = 3

    public var description: String {
        switch self {
        case .add: return "EPOLL_CTL_ADD"
        case .delete: return "EPOLL_CTL_DEL"
        case .modify: return "EPOLL_CTL_MOD"
        }
    }
}
