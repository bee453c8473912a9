// trace-bench: the cost of tracing, measured side by side with raw POSIX sockets in one run.
//
//   swift run -c release trace-bench            full run: unpinned, then pinned to CPU 0
//   swift run -c release trace-bench --quick    small counts (a smoke test)
//   swift run -c release trace-bench load ...   many clients against `trace server` (see LoadBenchmark)
//   swift run -c release trace-bench packets    what --packets adds to the demo's whole-process time
//   swift run -c release trace-bench startup    `trace --help` and the demo beside a Swift hello world
//   swift run -c release trace-bench replay     `trace replay` of 1,000,000 events: first line, events/s, memory
//   swift run -c release trace-bench run ...    the Python seed pair untraced, under trace run, under strace (see RunBenchmark)

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "load" { exit(LoadBenchmark.main(Array(arguments.dropFirst()))) }
if arguments.first == "packets" { exit(PacketsBenchmark.main(Array(arguments.dropFirst()))) }
if arguments.first == "startup" { exit(StartupBenchmark.main(Array(arguments.dropFirst()))) }
if arguments.first == "replay" { exit(ReplayBenchmark.main(Array(arguments.dropFirst()))) }
if arguments.first == "run" { exit(RunBenchmark.main(Array(arguments.dropFirst()))) }
do {
    let options = try BenchOptions(arguments)
    let table = try SocketBenchmarks(options).run()
    print(table, terminator: "")
} catch {
    writeToStandardError("trace-bench: \(error)\n")
    exit(1)
}
