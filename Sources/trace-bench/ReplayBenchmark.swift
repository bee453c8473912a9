// trace-bench replay [--events N] [--keep FILE]: `trace replay` of a server's recording of N events (1,000,000 by default),
// written into a temporary directory first: a `trace server` that served one client after another, each
// connection the 12 events a real one records. Measures the time to the first line of output, the events
// per second through the model and the terminal backend (its output read from a pipe) and the peak
// resident memory. `--keep FILE` writes the recording to FILE instead, and leaves it there (to profile). Needs the `trace` executable built beside this one (`swift build -c release`).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum ReplayBenchmark {
    static func main(_ arguments: [String]) -> Int32 {
        var events = 1_000_000
        var keep: String?
        var index = 0
        while index + 1 < arguments.count || index < arguments.count {
            switch (arguments[index], index + 1 < arguments.count ? arguments[index + 1] : nil) {
            case ("--events", let n?) where Int(n).map({ $0 > 0 }) == true: events = Int(n)!
            case ("--keep", let path?): keep = path
            default:
                writeToStandardError("usage: trace-bench replay [--events N] [--keep FILE]\n")
                return 64
            }
            index += 2
        }
        guard let result = measure(events: events, keep: keep) else { return 1 }
        print("trace-bench replay: `trace replay` of a server's recording, its output read from a pipe")
        print(table([result]), terminator: "")
        return 0
    }

    struct Result {
        let events: Int
        let firstLine: Double
        let perSecond: Double
        let peakMiB: Double
    }

    /// One replay of a recording of about `events` events; nil (with a line on standard error) on failure.
    static func measure(events: Int, keep: String? = nil) -> Result? {
        let trace = ExecutablePath.directory() + "/trace"
        guard access(trace, X_OK) == 0 else {
            writeToStandardError("trace-bench replay: \(trace) not found: build it first (swift build -c release)\n")
            return nil
        }
        var template = Array("/tmp/trace-replay-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            writeToStandardError("trace-bench replay: cannot create a temporary directory\n")
            return nil
        }
        let directory = String(cString: made)
        let path = keep ?? directory + "/server.jsonl"
        defer {
            if keep == nil { unlink(path) }
            rmdir(directory)
        }
        guard let written = writeRecording(path: path, events: events) else {
            writeToStandardError("trace-bench replay: cannot write \(path)\n")
            return nil
        }
        guard let run = WholeProcess.run(trace, ["replay", path, "--color", "never"], output: .pipe) else {
            writeToStandardError("trace-bench replay: trace replay failed\n")
            return nil
        }
        return Result(events: written, firstLine: Double(run.firstOutput ?? run.total) / 1e6,
                      perSecond: Double(written) / (Double(run.total) / 1e9), peakMiB: Double(run.peakKiB) / 1024)
    }

    static func table(_ results: [Result]) -> String {
        var text = "| measure | goal | measured | met |\n|---|---|---|---|\n"
        for r in results {
            let n = r.events
            text += "| replay of \(n) events: first line (ms) | ≤ 50 | \(Fixed.text(r.firstLine, 1)) | \(r.firstLine <= 50 ? "yes" : "NO") |\n"
            text += "| replay of \(n) events: events/s | ≥ 200000 | \(Fixed.text(r.perSecond, 0)) | \(r.perSecond >= 200_000 ? "yes" : "NO") |\n"
            text += "| replay of \(n) events: peak RSS (MiB) | ≤ 64 | \(Fixed.text(r.peakMiB, 1)) | \(r.peakMiB <= 64 ? "yes" : "NO") |\n"
        }
        return text
    }

    /// Writes a server's recording: its header and listener, then connections served one after another
    /// (accept, recv, print, sendall, recv of 0 bytes, peer closed, close), at least `events` events in
    /// all. Returns how many.
    static func writeRecording(path: String, events: Int) -> Int? {
        guard let file = fopen(path, "w") else { return nil }
        defer { fclose(file) }
        var seq = 0
        var time = 0
        var lines = ""
        func line(_ body: String) {
            seq += 1
            time += 9_000
            lines += "{\"v\":1,\"seq\":\(seq),\"t_ns\":\(time),\(body)}\n"
            if lines.utf8.count > 1 << 16 { flush() }
        }
        func flush() {
            _ = lines.withCString { fputs($0, file) }
            lines = ""
        }
        let local = "\"local\":\"127.0.0.1:40000\""
        line("\"phase\":\"instant\",\"actor\":\"trace\",\"op\":\"header\",\"header\":{\"source\":\"builtin\",\"command\":\"server\",\"traced\":[\"server\"],\"pacing\":\"free\",\"tool\":\"trace-bench\",\"clock\":{\"mono_ns\":1000000000,\"wall_ns\":1796229937123848891}}")
        line("\"phase\":\"start\",\"actor\":\"server\",\"op\":\"socket\",\"family\":\"ipv4\"")
        line("\"phase\":\"done\",\"actor\":\"server\",\"op\":\"socket\",\"id\":\(seq - 1),\"fd\":3,\"dur_ns\":20000,\"new_fd\":3,\"family\":\"ipv4\",\"tcp\":{\"state\":\"CLOSE\"}")
        line("\"phase\":\"start\",\"actor\":\"server\",\"op\":\"bind\",\"fd\":3,\"addr\":\"127.0.0.1:40000\"")
        line("\"phase\":\"done\",\"actor\":\"server\",\"op\":\"bind\",\"id\":\(seq - 1),\"fd\":3,\"dur_ns\":20000,\"addr\":\"127.0.0.1:40000\",\(local),\"tcp\":{\"state\":\"CLOSE\"}")
        line("\"phase\":\"start\",\"actor\":\"server\",\"op\":\"listen\",\"fd\":3,\"backlog\":128")
        line("\"phase\":\"done\",\"actor\":\"server\",\"op\":\"listen\",\"id\":\(seq - 1),\"fd\":3,\"dur_ns\":5000,\"backlog\":128,\(local),\"tcp\":{\"state\":\"LISTEN\",\"queue\":0,\"backlog\":128}")
        line("\"phase\":\"start\",\"actor\":\"server\",\"conn\":1,\"op\":\"accept\",\"step\":2,\"fd\":3,\"tcp\":{\"state\":\"LISTEN\",\"queue\":0,\"backlog\":128}")
        var acceptStart = seq
        var connection = 1
        while seq < events {
            let remote = "\"remote\":\"127.0.0.1:\(30000 + connection % 30000)\""
            let ends = "\(local),\(remote)"
            line("\"phase\":\"done\",\"actor\":\"server\",\"conn\":\(connection),\"op\":\"accept\",\"id\":\(acceptStart),\"step\":2,\"fd\":3,\"dur_ns\":8000,\"new_fd\":4,\(ends),\"tcp\":{\"state\":\"LISTEN\",\"queue\":0,\"backlog\":128}")
            line("\"phase\":\"start\",\"actor\":\"server\",\"conn\":\(connection + 1),\"op\":\"accept\",\"step\":2,\"fd\":3,\"tcp\":{\"state\":\"LISTEN\",\"queue\":0,\"backlog\":128}")
            acceptStart = seq
            let c = "\"actor\":\"server\",\"conn\":\(connection)"
            line("\"phase\":\"start\",\(c),\"op\":\"recv\",\"step\":4,\"fd\":4,\"asked\":1024")
            line("\"phase\":\"done\",\(c),\"op\":\"recv\",\"id\":\(seq - 1),\"step\":4,\"fd\":4,\"dur_ns\":20000,\"asked\":1024,\"bytes\":13,\"preview\":\"Hello, server\",\(ends),\"tcp\":{\"state\":\"ESTABLISHED\",\"rtt_us\":25}")
            line("\"phase\":\"instant\",\(c),\"op\":\"print\",\"step\":4,\"fd\":4,\"bytes\":13,\"preview\":\"Hello, server\"")
            line("\"phase\":\"start\",\(c),\"op\":\"sendall\",\"step\":5,\"fd\":4,\"asked\":16")
            line("\"phase\":\"done\",\(c),\"op\":\"sendall\",\"id\":\(seq - 1),\"step\":5,\"fd\":4,\"dur_ns\":50000,\"asked\":16,\"bytes\":16,\"calls\":1,\"preview\":\"Message received\",\(ends),\"tcp\":{\"state\":\"ESTABLISHED\",\"rtt_us\":25}")
            line("\"phase\":\"start\",\(c),\"op\":\"recv\",\"fd\":4,\"asked\":1024")
            line("\"phase\":\"done\",\(c),\"op\":\"recv\",\"id\":\(seq - 1),\"step\":9,\"fd\":4,\"dur_ns\":40000,\"asked\":1024,\"bytes\":0,\(ends),\"tcp\":{\"state\":\"CLOSE_WAIT\",\"rtt_us\":25}")
            line("\"phase\":\"instant\",\(c),\"op\":\"peer_closed\",\"step\":9,\"fd\":4")
            line("\"phase\":\"start\",\(c),\"op\":\"close\",\"fd\":4")
            line("\"phase\":\"done\",\(c),\"op\":\"close\",\"id\":\(seq - 1),\"fd\":4,\"dur_ns\":10000")
            connection += 1
        }
        flush()
        return ferror(file) == 0 ? seq : nil
    }
}
