#if os(Linux)
import Glibc
import TraceSockets

/// A process of the traced tree: its descriptors, its epoll sets and the tracer's handle on it.
final class TracedProcess {
    let pid: Int32
    var descriptors = DescriptorTable()
    /// Per epoll descriptor: what the program registered in it.
    var epollSets: [Int32: [EpollRegistration]] = [:]
    /// `pidfd_open` of the process, opened when first needed; nil before, -1 when refused.
    var pidfd: Int32?
    /// The address each socket was bound to (what a listener's port falls back on when its socket cannot be duplicated).
    var boundAddresses: [Int32: SocketAddress] = [:]

    init(pid: Int32) { self.pid = pid }

    /// A child made by fork: a copy of the parent's descriptors (and of its epoll registrations).
    init(pid: Int32, copying parent: TracedProcess) {
        self.pid = pid
        descriptors = parent.descriptors
        epollSets = parent.epollSets
        boundAddresses = parent.boundAddresses
    }

    func closeHandle() {
        if let fd = pidfd, fd >= 0 { Glibc.close(fd) }
        pidfd = nil
    }
}

/// Why the tracer stopped a thread at a call's exit.
enum ExitPurpose {
    /// A socket call, reported with `.callFinished`.
    case report(SyscallEntry)
    /// A write to standard output or error, reported with `.output`.
    case output(stream: Int32)
    /// A call reported to nobody whose result changes the descriptor table (`dup2` of a file over 1...).
    case track
}

/// A call a thread is in, between its entry and its exit.
struct PendingCall {
    let call: SystemCall
    let registers: [UInt64]
    let arguments: CallArguments
    let purpose: ExitPurpose
}

/// A thread of the traced tree.
struct TracedThread {
    let tid: Int32
    var pid: Int32
    var pending: PendingCall?
}
#endif
