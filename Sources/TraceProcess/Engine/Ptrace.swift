#if os(Linux)
import CPtrace
import Glibc
import TraceSockets

/// The ptrace requests the tracer makes, each from the tracer thread only, as `Result` values.
enum Ptrace {
    static let options = UInt(CPTRACE_O_TRACESYSGOOD | CPTRACE_O_TRACEFORK | CPTRACE_O_TRACEVFORK
        | CPTRACE_O_TRACECLONE | CPTRACE_O_TRACEEXEC | CPTRACE_O_EXITKILL | CPTRACE_O_TRACESECCOMP)

    private static func check(_ value: Int32) -> Result<Void, Errno> {
        value == -1 ? .failure(Errno(rawValue: errno)) : .success(())
    }

    /// The corresponding C function is `ptrace(PTRACE_SETOPTIONS)`.
    static func setOptions(_ tid: Int32) -> Result<Void, Errno> { check(cptrace_set_options(tid, options)) }

    /// Resumes a stopped thread, to its next traced call (`PTRACE_CONT`) or to its next system-call entry
    /// or exit (`PTRACE_SYSCALL`), delivering `signal`.
    ///
    /// The corresponding C functions are `ptrace(PTRACE_CONT)` and `ptrace(PTRACE_SYSCALL)`.
    static func resume(_ tid: Int32, toSyscall: Bool, signal: Int32 = 0) -> Result<Void, Errno> {
        check(toSyscall ? cptrace_resume_to_syscall(tid, signal) : cptrace_continue(tid, signal))
    }

    /// The corresponding C function is `ptrace(PTRACE_GETEVENTMSG)`.
    static func eventMessage(_ tid: Int32) -> Result<UInt, Errno> {
        var message: UInt = 0
        return check(cptrace_event_message(tid, &message)).map { message }
    }

    /// The corresponding C function is `ptrace(PTRACE_GET_SYSCALL_INFO)`.
    static func syscallInfo(_ tid: Int32) -> Result<cptrace_syscall_info, Errno> {
        var info = cptrace_syscall_info()
        return check(cptrace_syscall_info_get(tid, &info)).map { info }
    }

    /// Whether a signal-delivery stop is really a group-stop (`PTRACE_GETSIGINFO` fails with EINVAL).
    ///
    /// The corresponding C function is `ptrace(PTRACE_GETSIGINFO)`.
    static func isGroupStop(_ tid: Int32) -> Bool {
        var signal: Int32 = 0
        return cptrace_stop_signal_info(tid, &signal) == -1 && errno == EINVAL
    }

    /// The next state change of any tracee of this thread; ECHILD when none is left.
    ///
    /// The corresponding C function is `waitpid(-1, __WALL | __WNOTHREAD)`.
    static func waitAny() -> Result<(tid: Int32, status: WaitStatus), Errno> {
        var status: Int32 = 0
        let tid = cptrace_wait_any(&status)
        return tid == -1 ? .failure(Errno(rawValue: errno)) : .success((tid, WaitStatus(raw: status)))
    }
}

/// A decoded `waitpid` status.
enum WaitStatus: Equatable {
    case exited(Int32)
    case signalled(Signal, coreDumped: Bool)
    /// A ptrace stop: the stop signal and the PTRACE_EVENT_* (0 for none).
    case stopped(signal: Int32, event: Int32)
    case other

    init(raw: Int32) {
        if cptrace_status_exited(raw) != 0 {
            self = .exited(cptrace_status_exit_code(raw))
        } else if cptrace_status_signalled(raw) != 0 {
            self = .signalled(Signal(rawValue: cptrace_status_term_signal(raw)), coreDumped: cptrace_status_core_dumped(raw) != 0)
        } else if cptrace_status_stopped(raw) != 0 {
            self = .stopped(signal: cptrace_status_stop_signal(raw), event: cptrace_status_event(raw))
        } else {
            self = .other
        }
    }

    /// SIGTRAP | 0x80: a system-call stop (PTRACE_O_TRACESYSGOOD).
    static let syscallStopSignal: Int32 = SIGTRAP | 0x80
}
#endif
