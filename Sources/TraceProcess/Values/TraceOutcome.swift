/// How a traced command ended.
public struct TraceOutcome: Sendable, Hashable {
    /// How the command's own process ended.
    public enum Status: Sendable, Hashable {
        case exited(Int32)
        case signalled(Signal, coreDumped: Bool)
    }

    public let status: Status
    /// Whether the run ended because `stop()` was called (or the gate said stop): every traced process was killed.
    public let wasStopped: Bool
    /// How the program was made to stop at its calls.
    public let filter: TraceFilter
    /// How many times the tracer stopped a thread (what tracing cost the program).
    public let stops: Int

    /// The status a shell would report: the exit code, or 128 + the signal's number.
    public var shellStatus: Int32 {
        switch status {
        case .exited(let code): return code
        case .signalled(let signal, _): return 128 + signal.rawValue
        }
    }
}

/// How the tracee is made to stop at the calls that matter.
public enum TraceFilter: Sendable, Hashable {
    /// A seccomp-BPF filter stops it only at the traced calls.
    case seccomp
    /// It stops at every system call (seccomp was unavailable, or not asked for); `reason` says why.
    case everySystemCall(reason: String)

    public var usesSeccomp: Bool { self == .seccomp }
}
