#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TraceCore

/// One whole process, timed from `posix_spawn` to its exit.
enum WholeProcess {
    /// Where the process's standard output goes.
    enum Output {
        case devNull
        /// A pipe this process reads to its end (what a shell's `| cat` does).
        case pipe
    }

    /// What one run took.
    struct Run {
        /// Nanoseconds from the start to the exit.
        var total: UInt64
        /// Nanoseconds from the start to the first bytes read from its output (with `.pipe`).
        var firstOutput: UInt64?
        /// Peak resident memory, in KiB.
        var peakKiB: Int
    }

    /// Nanoseconds from starting `path` to its exit, standard error to /dev/null; nil unless it exits 0.
    static func timed(_ path: String, _ arguments: [String], output: Output = .devNull) -> UInt64? {
        run(path, arguments, output: output)?.total
    }

    /// Runs `path` to its exit, standard error to /dev/null; nil unless it exits 0.
    ///
    /// The corresponding C functions are `posix_spawn`, `read` and `wait4`.
    static func run(_ path: String, _ arguments: [String], output: Output = .devNull) -> Run? {
        #if os(Linux)
        var actions = posix_spawn_file_actions_t()
        #else
        var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var ends: [Int32] = [-1, -1]
        switch output {
        case .devNull:
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        case .pipe:
            guard pipe(&ends) == 0 else { return nil }
            posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
            posix_spawn_file_actions_addclose(&actions, ends[0])
            posix_spawn_file_actions_addclose(&actions, ends[1])
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var environment: [UnsafeMutablePointer<CChar>?] = [strdup("LANG=C"), nil]
        defer { free(environment[0]) }
        var pid: pid_t = 0
        let start = MonotonicClock.now()
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, &environment) == 0
        var firstOutput: UInt64?
        if output == .pipe {
            close(ends[1])
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while spawned {
                let got = buffer.withUnsafeMutableBytes { read(ends[0], $0.baseAddress, $0.count) }
                if got > 0 {
                    if firstOutput == nil { firstOutput = MonotonicClock.now() - start }
                    continue
                }
                if got < 0 && errno == EINTR { continue }
                break
            }
            close(ends[0])
        }
        guard spawned else { return nil }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let end = MonotonicClock.now()
        guard status == 0 else { return nil }
        return Run(total: end - start, firstOutput: firstOutput, peakKiB: usage.ru_maxrss)
    }
}
