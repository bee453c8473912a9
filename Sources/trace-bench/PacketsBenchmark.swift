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
                guard let plain = WholeProcess.timed(trace, arguments), let captured = WholeProcess.timed(trace, arguments + ["--packets"]) else {
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
}
