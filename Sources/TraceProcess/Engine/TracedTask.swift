#if os(Linux)
import CPtrace
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
    /// Whether the filter that also stops at reads, writes and closes is installed (see
    /// `ProcessTracer.Options.filtersReadsFromFirstSocket`); inherited across fork and exec.
    var hasFullFilter = true
    /// The process could not be given that filter: the tracer stops it at every system call instead.
    var stopsAtEveryCall = false

    init(pid: Int32) { self.pid = pid }

    /// A child made by fork: a copy of the parent's descriptors (and of its epoll registrations).
    init(pid: Int32, copying parent: TracedProcess) {
        self.pid = pid
        descriptors = parent.descriptors
        epollSets = parent.epollSets
        boundAddresses = parent.boundAddresses
        hasFullFilter = parent.hasFullFilter
        stopsAtEveryCall = parent.stopsAtEveryCall
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
    /// The thread is making the `seccomp()` call the tracer put in its way.
    var injection: FilterInjection?
}

/// A second seccomp filter being installed in a running thread: its registers as they were, and which
/// of the injected call's two stops comes next.
struct FilterInjection {
    var saved: cptrace_registers
    var atExit: Bool
}
#endif
