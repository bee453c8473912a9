// trace-bench packets [--pairs N]: what `--packets` adds to the demo's whole-process time. `trace` and
// `trace --packets` run one after the other, N pairs of each form (`--json`, and the diagram with its
// legend and debrief), their output to /dev/null; the difference is each pair's own, so that the host's
// drift cancels out. Needs the `trace` executable built beside this one (`swift build -c release`), and
// CAP_NET_RAW (root) to capture on lo; without it the capture runs in a private network of its own.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TraceCore

enum PacketsBenchmark {
    static func main(_ arguments: [String]) -> Int32 {
        var pairs = 21
        if arguments.count == 2, arguments[0] == "--pairs", let n = Int(arguments[1]), n > 0 {
            pairs = n
        } else if !arguments.isEmpty {
            writeToStandardError("usage: trace-bench packets [--pairs N]\n")
            return 64
        }
        let trace = LoadBenchmark.executableDirectory().appendingPathComponent("trace").path
        guard FileManager.default.isExecutableFile(atPath: trace) else {
            writeToStandardError("trace-bench packets: \(trace) not found: build it first (swift build -c release)\n")
            return 1
        }
        let path = getuid() == 0 ? "as root: capture on lo" : "without root: capture in a private network"
        print("trace-bench packets: the demo as a whole process, \(pairs) pairs, \(path), medians")
        print("| run | without | with --packets | added (per pair) | ratio |")
        print("|---|---|---|---|---|")
        var failed = false
        for (title, arguments) in [("`trace --json`", ["--json"]), ("`trace` (diagram, legend, debrief)", ["--color", "never"])] {
            var without: [UInt64] = [], with: [UInt64] = [], added: [Double] = []
            for _ in 0..<pairs {
                guard let plain = timed(trace, arguments), let captured = timed(trace, arguments + ["--packets"]) else {
                    failed = true
                    break
                }
                without.append(plain)
                with.append(captured)
                added.append(Double(captured) - Double(plain))
            }
            guard !failed else { break }
            let a = Sample(without).median, b = Sample(with).median, d = Sample(added).median
            print(String(format: "| %@ | %.2f ms | %.2f ms | %+.2f ms | %.2f |", title, a / 1e6, b / 1e6, d / 1e6, b / a))
        }
        if failed { writeToStandardError("trace-bench packets: a run of trace failed\n") }
        return failed ? 1 : 0
    }

    /// Nanoseconds from starting `path` to its exit, its output to /dev/null; nil unless it exits 0.
    ///
    /// The corresponding C functions are `posix_spawn` and `waitpid`.
    static func timed(_ path: String, _ arguments: [String]) -> UInt64? {
        #if os(Linux)
        var actions = posix_spawn_file_actions_t()
        #else
        var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var environment: [UnsafeMutablePointer<CChar>?] = [strdup("LANG=C"), nil]
        defer { free(environment[0]) }
        var pid: pid_t = 0
        let start = MonotonicClock.now()
        guard posix_spawn(&pid, path, &actions, nil, argv, &environment) == 0 else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let end = MonotonicClock.now()
        return status == 0 ? end - start : nil
    }
}
