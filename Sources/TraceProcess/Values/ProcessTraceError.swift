import TraceSockets

/// Why a command could not be traced, in a form a CLI maps to one line and an exit status.
public enum ProcessTraceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Tracing other programs needs Linux.
    case unsupportedPlatform
    /// The command line has no program.
    case emptyCommand
    /// No such program on the PATH (or at the path given).
    case commandNotFound(String)
    /// The file exists but cannot be run.
    case notExecutable(String, Errno)
    /// The kernel refused to let this process trace its child.
    case ptraceRefused(Errno, cause: PtraceRefusal)
    /// The child could not be set up before running the program (fork, working directory, standard streams).
    case setupFailed(String, Errno)
    /// `start()` was called twice.
    case alreadyStarted

    /// The exit status a shell gives for the same failure: 127 not found, 126 not executable, 69 otherwise.
    public var exitStatus: Int32 {
        switch self {
        case .commandNotFound: return 127
        case .notExecutable: return 126
        case .unsupportedPlatform, .ptraceRefused, .setupFailed, .emptyCommand, .alreadyStarted: return 69
        }
    }

    public var description: String {
        switch self {
        case .unsupportedPlatform: return "tracing another program works on Linux only"
        case .emptyCommand: return "no command to run"
        case .commandNotFound(let name): return "\(name): command not found"
        case .notExecutable(let path, let error): return "\(path): cannot run it (\(error.name): \(error.message))"
        case .ptraceRefused(let error, let cause):
            return "the kernel refused to trace the program (ptrace: \(error.name)): \(cause.explanation) \(cause.remedy)"
        case .setupFailed(let step, let error): return "could not start the program (\(step): \(error.name): \(error.message))"
        case .alreadyStarted: return "this tracer has already started its command"
        }
    }
}

/// What keeps ptrace from working, as far as the tracer can tell, and what to do about it.
public enum PtraceRefusal: Sendable, Hashable {
    /// Yama's `kernel.yama.ptrace_scope` is 3: no process may trace any other.
    case yamaScopeThree
    /// This process is itself being traced (by strace or a debugger), and a child may have only one tracer.
    case alreadyTraced
    /// A container or a security profile forbids ptrace.
    case forbidden

    public var explanation: String {
        switch self {
        case .yamaScopeThree: return "kernel.yama.ptrace_scope is 3, which forbids tracing any process."
        case .alreadyTraced: return "trace is itself being traced (strace, gdb), and a process can have one tracer only."
        case .forbidden: return "this system (a container, or a seccomp or LSM profile) does not allow ptrace."
        }
    }

    public var remedy: String {
        switch self {
        case .yamaScopeThree:
            return "An administrator can allow it only by rebooting with a lower setting (kernel.yama.ptrace_scope = 1 in /etc/sysctl.d)."
        case .alreadyTraced: return "Run trace without the other tracer."
        case .forbidden:
            return "Run the container with ptrace allowed (docker/podman: --cap-add=SYS_PTRACE, or --security-opt seccomp=unconfined)."
        }
    }
}
