/// A system call the tracer stops at, by the kernel's own name.
public enum SystemCall: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case socket, socketpair, setsockopt, getsockopt, bind, listen, accept, accept4, connect
    case send, sendto, sendmsg, recv, recvfrom, recvmsg
    case read, write, readv, writev
    case shutdown, close
    case closeRange = "close_range"
    case poll, ppoll, select, pselect6
    case epollWait = "epoll_wait", epollPwait = "epoll_pwait", epollPwait2 = "epoll_pwait2", epollCtl = "epoll_ctl"
    case dup, dup2, dup3, fcntl
    case getsockname, getpeername

    /// The kernel's name: `accept4`, `recvfrom`, `epoll_pwait`.
    public var name: String { rawValue }
    public var description: String { rawValue }

    /// The name the lesson gives the call: `accept4` is `accept`, `recvfrom` and `read` on a socket are `recv`.
    public var lessonName: LessonCall {
        switch self {
        case .socket: return .socket
        case .socketpair: return .socketpair
        case .setsockopt: return .setsockopt
        case .getsockopt: return .getsockopt
        case .bind: return .bind
        case .listen: return .listen
        case .accept, .accept4: return .accept
        case .connect: return .connect
        case .send, .sendto, .sendmsg, .write, .writev: return .send
        case .recv, .recvfrom, .recvmsg, .read, .readv: return .recv
        case .shutdown: return .shutdown
        case .close, .closeRange: return .close
        case .poll, .ppoll: return .poll
        case .select, .pselect6: return .select
        case .epollWait, .epollPwait, .epollPwait2: return .epollWait
        case .epollCtl: return .epollCtl
        case .dup, .dup2, .dup3: return .dup
        case .fcntl: return .fcntl
        case .getsockname: return .getsockname
        case .getpeername: return .getpeername
        }
    }

    /// Whether the call exists only for sockets (so every call of it is reported, whatever the descriptor).
    var isSocketOnly: Bool {
        switch self {
        case .socket, .socketpair, .setsockopt, .getsockopt, .bind, .listen, .accept, .accept4, .connect,
             .send, .sendto, .sendmsg, .recv, .recvfrom, .recvmsg, .shutdown, .getsockname, .getpeername:
            return true
        default:
            return false
        }
    }
}

/// A call as the lesson names it, whatever system call the program's language used for it.
public enum LessonCall: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case socket, socketpair, setsockopt, getsockopt, bind, listen, accept, connect, send, recv, shutdown, close
    case poll, select
    case epollWait = "epoll_wait", epollCtl = "epoll_ctl"
    case dup, fcntl, getsockname, getpeername

    public var name: String { rawValue }
    public var description: String { rawValue }
}
