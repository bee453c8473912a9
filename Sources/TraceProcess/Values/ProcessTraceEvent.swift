import TraceSockets

/// What the tracer reports, in the order it saw it, on its own thread.
public enum ProcessTraceEvent: Sendable, Hashable {
    /// A socket call is about to run (it was let through the gate, if there is one).
    case callStarted(SyscallEntry)
    /// A socket call returned.
    case callFinished(SyscallEntry, SyscallOutcome)
    /// The program wrote to its standard output or error.
    case output(ProgramOutput)
    /// A new process (fork, vfork) or thread appeared; it has not run yet.
    case processStarted(ProcessStart)
    /// A process replaced its program.
    case exec(pid: Int32, path: String, time: UInt64)
    /// A thread that was not its process's main thread ended.
    case threadExited(pid: Int32, tid: Int32, time: UInt64)
    /// A process ended with `exit(status)`.
    case exited(pid: Int32, status: Int32, time: UInt64)
    /// A process was killed by a signal.
    case signalled(pid: Int32, signal: Signal, coreDumped: Bool, time: UInt64)

    /// The address a process now listens on, when this event is a `listen()` that returned successfully
    /// and the tracer could read the socket's address: what `--server` waits for.
    public var listeningAddress: SocketAddress? {
        guard case .callFinished(let entry, let outcome) = self, entry.call == .listen, outcome.succeeded else { return nil }
        return outcome.localAddress
    }

    /// The process the event is about.
    public var pid: Int32 {
        switch self {
        case .callStarted(let entry), .callFinished(let entry, _): return entry.pid
        case .output(let output): return output.pid
        case .processStarted(let start): return start.pid
        case .exec(let pid, _, _), .threadExited(let pid, _, _), .exited(let pid, _, _), .signalled(let pid, _, _, _):
            return pid
        }
    }
}

/// How a new task came to be.
public enum ProcessStartKind: String, Sendable, Hashable {
    case fork, vfork
    /// A thread of the same process (`clone` with CLONE_THREAD).
    case thread
    /// `clone` without CLONE_THREAD: a new process made another way.
    case clone
}

/// A new process or thread, announced before it runs.
public struct ProcessStart: Sendable, Hashable {
    /// The new task's process id (for a thread: the process it belongs to) and its thread id.
    public let pid: Int32
    public let tid: Int32
    /// The process and thread that made it.
    public let parentPID: Int32
    public let parentTID: Int32
    public let kind: ProcessStartKind
    public let time: UInt64
}

/// Bytes the program wrote to its standard output or error (descriptor 1 or 2, or a duplicate of one).
public struct ProgramOutput: Sendable, Hashable {
    public let pid: Int32
    public let tid: Int32
    /// The descriptor written to.
    public let fd: Int32
    /// Which stream it is: 1 (standard output) or 2 (standard error).
    public let stream: Int32
    /// The bytes written (at most `ProgramOutput.limit`; `count` says how many the call wrote).
    public let bytes: [UInt8]
    public let count: Int
    /// CLOCK_MONOTONIC nanoseconds when the write returned.
    public let time: UInt64

    public static let limit = 65_536
}

/// A signal, with its name.
public struct Signal: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `SIGSEGV`, `SIGKILL`; `SIG34` for one without a classic name (real-time signals).
    public var name: String {
        let names = ["SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
                     "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD",
                     "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ",
                     "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"]
        return rawValue >= 1 && Int(rawValue) <= names.count ? names[Int(rawValue) - 1] : "SIG\(rawValue)"
    }

    public var description: String { name }

    public static let kill = Signal(rawValue: 9)
    public static let segmentationFault = Signal(rawValue: 11)
    public static let stop = Signal(rawValue: 19)
    static let trap = Signal(rawValue: 5)
}
