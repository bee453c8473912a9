// trace-bench load [--clients N] [--rounds R]: N clients connect at once to `trace server --forever --backlog 1024
// --record FILE` on loopback, and, in the same run, to a plain Python `ThreadingTCPServer` doing the same
// work (recv, reply, until the client closes). Reports connections per second and the server's peak
// resident memory, and checks that every client was served and every event recorded, none lost.
// Needs the `trace` executable built beside this one (`swift build -c release`).

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TraceCore
import TraceSockets

enum LoadBenchmark {
    static let message = "Hello, server"
    static let reply = "Message received"

    static func main(_ arguments: [String]) -> Int32 {
        var clients = 1000, rounds = 3
        var index = 0
        while index < arguments.count {
            let value = index + 1 < arguments.count ? Int(arguments[index + 1]) : nil
            switch (arguments[index], value) {
            case ("--clients", let n?) where n > 0: clients = n
            case ("--rounds", let n?) where n > 0: rounds = n
            default:
                writeToStandardError("usage: trace-bench load [--clients N] [--rounds R]\n")
                return 64
            }
            index += 2
        }
        let trace = executableDirectory().appendingPathComponent("trace")
        guard FileManager.default.isExecutableFile(atPath: trace.path) else {
            writeToStandardError("trace-bench load: \(trace.path) not found: build it first (swift build -c release)\n")
            return 1
        }
        guard let python = findPython() else {
            writeToStandardError("trace-bench load: python3 not found: the comparison needs it\n")
            return 1
        }
        raiseDescriptorLimit()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("trace-load-\(getpid())")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let script = work.appendingPathComponent("threading_server.py")
        try? pythonServer.write(to: script, atomically: true, encoding: .utf8)

        print("trace-bench load: \(clients) clients connecting at once on loopback, \(rounds) rounds, medians")
        var traceRuns: [LoadRun] = [], pythonRuns: [LoadRun] = []
        for round in 0..<rounds {
            let record = work.appendingPathComponent("server-\(round).jsonl")
            traceRuns.append(LoadRun.measure(clients: clients, work: work, name: "trace-\(round)", executable: trace,
                                             arguments: ["server", "--port", "0", "--forever", "--backlog", "1024",
                                                         "--record", record.path, "--color", "never"],
                                             recording: record))
            pythonRuns.append(LoadRun.measure(clients: clients, work: work, name: "python-\(round)", executable: python,
                                              arguments: [script.path], recording: nil))
        }
        let traceRate = Sample(traceRuns.map(\.connectionsPerSecond)).median
        let pythonRate = Sample(pythonRuns.map(\.connectionsPerSecond)).median
        for (title, runs, rate) in [("trace server --forever --record", traceRuns, traceRate),
                                    ("Python socketserver.ThreadingTCPServer", pythonRuns, pythonRate)] {
            let served = runs.map { "\($0.served)/\(clients)" }.joined(separator: " ")
            let rss = runs.compactMap(\.peakResidentKiB).max().map { String(format: "%.1f MiB", Double($0) / 1024) } ?? "n/a"
            let rates = Sample(runs.map(\.connectionsPerSecond))
            print("  \(title.padding(toLength: 40, withPad: " ", startingAt: 0)) served \(served)   \(Int(rate)) connections/s "
                  + "(\(Int(rates.quantile(0))) to \(Int(rates.quantile(1))))   max RSS \(rss)")
        }
        for (round, run) in traceRuns.enumerated() {
            print("  trace round \(round + 1): \(run.eventReport)")
        }
        let ratio = traceRate / pythonRate
        print(String(format: "  trace / Python: %.2fx the connections per second (goal ≥ 1.5x: %@)", ratio, ratio >= 1.5 ? "met" : "NOT met"))
        let peak = traceRuns.compactMap(\.peakResidentKiB).max() ?? 0
        print(String(format: "  trace server's peak RSS: %.1f MiB", Double(peak) / 1024))
        let failed = (traceRuns + pythonRuns).contains { $0.served != clients } || traceRuns.contains { !$0.eventsComplete }
        return failed ? 1 : 0
    }

    /// The directory of this executable (where `swift build` also puts `trace`).
    static func executableDirectory() -> URL {
        URL(fileURLWithPath: ExecutablePath.directory(), isDirectory: true)
    }

    static func findPython() -> URL? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent("python3")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// A thousand clients need a thousand descriptors here and in each server (children inherit it).
    static func raiseDescriptorLimit() {
        var limit = rlimit()
        #if os(Linux)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = min(limit.rlim_max, 65536)
        _ = setrlimit(resource, &limit)
    }

    /// The comparison: Python's standard threaded server doing what `trace server` does for each client.
    static let pythonServer = """
    import socketserver

    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            while True:
                data = self.request.recv(1024)
                if not data:
                    break
                self.request.sendall(b"\(reply)")

    class Server(socketserver.ThreadingTCPServer):
        allow_reuse_address = True
        daemon_threads = True
        request_queue_size = 1024  # the same listen() backlog as trace server --backlog 1024

    with Server(("127.0.0.1", 0), Handler) as server:
        print("listening on %s:%d" % server.server_address, flush=True)
        server.serve_forever()

    """
}
