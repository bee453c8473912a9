#if os(Linux)
import CPtrace
import Glibc
import TraceSockets

/// A command ready for `cptrace_spawn`: every C string and array built before the fork.
final class PreparedSpawn: @unchecked Sendable {
    private var argv: [UnsafeMutablePointer<CChar>?]
    private var envp: [UnsafeMutablePointer<CChar>?]
    private let path: UnsafeMutablePointer<CChar>
    private let directory: UnsafeMutablePointer<CChar>?
    private let standardFDs: (Int32, Int32, Int32)

    init(path: String, command: TracedCommand, environment: [String]) {
        self.path = strdup(path)
        argv = command.arguments.map { strdup($0) } + [nil]
        envp = environment.map { strdup($0) } + [nil]
        directory = command.workingDirectory.map { strdup($0) }
        standardFDs = (command.standardInput ?? -1, command.standardOutput ?? -1, command.standardError ?? -1)
    }

    deinit {
        free(path)
        for pointer in argv { free(pointer) }
        for pointer in envp { free(pointer) }
        free(directory)
    }

    /// Forks the traced child; returns its pid and the read end of its report pipe.
    ///
    /// The corresponding C function is `cptrace_spawn` (fork, then PTRACE_TRACEME, SIGSTOP, seccomp, execve).
    func spawn(filter: UnsafeMutableRawPointer?, refuseTraceMe: Bool) -> Result<(pid: Int32, report: Int32), Errno> {
        argv.withUnsafeBufferPointer { arguments in
            envp.withUnsafeBufferPointer { environment in
                var request = cptrace_spawn_request()
                request.path = UnsafePointer(path)
                request.argv = arguments.baseAddress
                request.envp = environment.baseAddress
                request.directory = directory.map { UnsafePointer($0) }
                request.standard_fds = standardFDs
                request.filter = UnsafeRawPointer(filter)
                request.simulate_traceme_refused = refuseTraceMe ? 1 : 0
                var report: Int32 = -1
                let pid = cptrace_spawn(&request, &report)
                return pid < 0 ? .failure(Errno(rawValue: errno)) : .success((pid, report))
            }
        }
    }

    /// This process's environment as `NAME=value` entries.
    static var currentEnvironment: [String] {
        var entries: [String] = []
        var cursor = environ
        while let entry = cursor.pointee {
            entries.append(String(cString: entry))
            cursor += 1
        }
        return entries
    }
}

/// What the child reported through its pipe before exiting (or before stopping, for seccomp).
struct SpawnReport {
    let stage: Int32
    let error: Errno

    static func read(_ fd: Int32) -> SpawnReport? {
        var stage: Int32 = 0, error: Int32 = 0
        return cptrace_spawn_report(fd, &stage, &error) == 1 ? SpawnReport(stage: stage, error: Errno(rawValue: error)) : nil
    }

    /// The start failure this report means, for a command at `path`.
    func failure(path: String) -> ProcessTraceError {
        switch Int(stage) {
        case Int(CPTRACE_SPAWN_TRACEME_FAILED): return .ptraceRefused(error, cause: SpawnReport.refusalCause())
        case Int(CPTRACE_SPAWN_CHDIR_FAILED): return .setupFailed("working directory", error)
        case Int(CPTRACE_SPAWN_REDIRECT_FAILED): return .setupFailed("standard streams", error)
        default:
            return error.rawValue == ENOENT ? .commandNotFound(path) : .notExecutable(path, error)
        }
    }

    /// Why ptrace was refused, as far as /proc tells.
    static func refusalCause() -> PtraceRefusal {
        if ProcFile.read("/proc/sys/kernel/yama/ptrace_scope")?.hasPrefix("3") == true { return .yamaScopeThree }
        let status = ProcFile.read("/proc/self/status") ?? ""
        if let line = status.split(separator: "\n").first(where: { $0.hasPrefix("TracerPid:") }),
           line.split(separator: "\t").last.map({ $0.trimmingPrefix(" ") != "0" }) == true {
            return .alreadyTraced
        }
        return .forbidden
    }
}
#endif
