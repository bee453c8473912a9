// trace-bench run [--rounds N]: the whole Python seed pair (a server, then its client, to both ends),
// untraced, under `trace run --json`, and under `strace -f --seccomp-bpf -e trace=%network` when strace is
// installed; the three in every round, in an order that turns from round to round, so that the host's
// drift falls on all of them alike. Reports the median wall time of each and the median of the rounds' own
// ratios. Needs the `trace` executable built beside this one (`swift build -c release`).

import Foundation
import TraceCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum RunBenchmark {
    /// Listens on 127.0.0.1 (port argv[1]), says its port, answers one client until it closes.
    static let server = """
    import socket, sys
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", int(sys.argv[1])))
    listener.listen(5)
    print("port", listener.getsockname()[1], flush=True)
    conn, peer = listener.accept()
    while True:
        data = conn.recv(1024)
        if not data:
            break
        print("server got", data.decode())
        conn.sendall(b"Mensaje recibido")
    conn.close()
    listener.close()
    """

    static let client = """
    import socket, sys
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect(("127.0.0.1", int(sys.argv[1])))
    s.sendall(b"Hola, servidor")
    print("client got", s.recv(1024).decode())
    s.close()
    """

    enum Mode: String, CaseIterable {
        case untraced
        case traced = "trace run --json"
        case strace = "strace -f --seccomp-bpf -e trace=%network"
        /// trace's own start and end around a program that does nothing: what is not tracing.
        case startup = "trace run --json -- /bin/true"
    }

    static func main(_ arguments: [String]) -> Int32 {
        var rounds = 15
        if arguments.count == 2, arguments[0] == "--rounds", let n = Int(arguments[1]), n > 0 {
            rounds = n
        } else if !arguments.isEmpty {
            writeToStandardError("usage: trace-bench run [--rounds N]\n")
            return 64
        }
        let trace = LoadBenchmark.executableDirectory().appendingPathComponent("trace")
        guard FileManager.default.isExecutableFile(atPath: trace.path) else {
            writeToStandardError("trace-bench run: \(trace.path) not found: build it first (swift build -c release)\n")
            return 1
        }
        // The interpreter itself, not a version manager's shell-script shim in front of it.
        let system = URL(fileURLWithPath: "/usr/bin/python3")
        guard let python = FileManager.default.isExecutableFile(atPath: system.path) ? system : LoadBenchmark.findPython() else {
            writeToStandardError("trace-bench run: python3 not found: the seed pair is Python\n")
            return 1
        }
        let strace = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("trace-run-bench-\(getpid())")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let serverFile = work.appendingPathComponent("servidor.py").path
        let clientFile = work.appendingPathComponent("cliente.py").path
        try? server.write(toFile: serverFile, atomically: true, encoding: .utf8)
        try? client.write(toFile: clientFile, atomically: true, encoding: .utf8)

        let modes = Mode.allCases.filter { $0 != .strace || strace != nil }
        print("trace-bench run: the Python seed pair (\(python.path)), \(rounds) rounds, each mode once a round, medians")
        if strace == nil { print("(strace is not installed: only untraced and trace run)") }
        var times: [Mode: [Double]] = [:]
        for round in 0..<rounds {
            for offset in 0..<modes.count {
                let mode = modes[(round + offset) % modes.count]
                let seconds: Double?
                switch mode {
                case .untraced:
                    seconds = pair(prefix: [], python: python.path, server: serverFile, client: clientFile)
                case .strace:
                    seconds = pair(prefix: [strace!, "-f", "--seccomp-bpf", "-e", "trace=%network", "-o", "/dev/null"],
                                   python: python.path, server: serverFile, client: clientFile)
                case .traced:
                    seconds = timed(trace.path, ["run", "--json", "--server", "\(python.path) \(serverFile) 0", "--",
                                                 python.path, clientFile, "{port}"])
                case .startup:
                    seconds = timed(trace.path, ["run", "--json", "--", "/bin/true"])
                }
                guard let seconds else {
                    writeToStandardError("trace-bench run: round \(round + 1), \(mode.rawValue) failed\n")
                    return 1
                }
                times[mode, default: []].append(seconds)
            }
        }
        for mode in modes {
            print(pad(mode.rawValue, 45) + milliseconds(Sample(times[mode]!).median))
        }
        func ratio(_ a: Mode, _ b: Mode) -> String {
            guard let x = times[a], let y = times[b] else { return "" }
            let value = Sample(zip(x, y).map { $0 / $1 }).median
            return pad("\(a == .traced ? "trace run" : a.rawValue.split(separator: " ").first!) / \(b == .traced ? "trace run" : b.rawValue.split(separator: " ").first!)", 45)
                + String(format: "%.2f", value)
        }
        print("median of the rounds' ratios:")
        print(ratio(.traced, .untraced))
        if strace != nil {
            print(ratio(.strace, .untraced))
            print(ratio(.traced, .strace))
            // What is left once trace's own start-up (a Swift process) is taken out of each round.
            let tracing = zip(times[.traced]!, times[.startup]!).map { $0 - $1 }
            print(pad("(trace run - its start-up) / strace", 45)
                  + String(format: "%.2f", Sample(zip(tracing, times[.strace]!).map { $0 / $1 }).median))
        }
        return 0
    }

    /// The server (started first, its port read from its first line), then the client, to both ends.
    private static func pair(prefix: [String], python: String, server: String, client: String) -> Double? {
        let begin = MonotonicClock.now()
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let serverPID = spawn(prefix + [python, server, "0"], output: ends[1])
        close(ends[1])
        let reader = ends[0]
        guard let serverPID else {
            close(reader)
            return nil
        }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        for _ in 0..<200 where line.last != 0x0A {
            guard read(reader, &byte, 1) == 1 else { break }
            line.append(byte)
        }
        let port = String(decoding: line.dropLast(), as: UTF8.self).split(separator: " ").last.map(String.init) ?? ""
        guard UInt16(port) != nil, let clientPID = spawn(prefix + [python, client, port], output: nil) else {
            kill(serverPID, SIGKILL)
            _ = exitStatus(serverPID)
            close(reader)
            return nil
        }
        // The server's own output goes on being read, so that it never waits on a full pipe.
        let drain = Thread {
            var rest = [UInt8](repeating: 0, count: 4096)
            while read(reader, &rest, rest.count) > 0 {}
            close(reader)
        }
        drain.start()
        let statuses = (exitStatus(clientPID), exitStatus(serverPID))
        let elapsed = MonotonicClock.now() - begin
        return statuses == (0, 0) ? Double(elapsed) / 1e9 : nil
    }

    private static func timed(_ executable: String, _ arguments: [String]) -> Double? {
        let begin = MonotonicClock.now()
        guard let pid = spawn([executable] + arguments, output: nil), exitStatus(pid) == 0 else { return nil }
        return Double(MonotonicClock.now() - begin) / 1e9
    }

    /// Starts a program with its standard output on `output` (nil: nowhere) and its standard error nowhere;
    /// waited for with `waitpid` (Foundation's `Process` polls every 50 ms, which would be all we measure).
    ///
    /// The corresponding C function is `posix_spawn`.
    private static func spawn(_ arguments: [String], output: Int32?) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let output { posix_spawn_file_actions_adddup2(&actions, output, 1) } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        return posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ) == 0 ? pid : nil
    }

    /// The corresponding C function is `waitpid`.
    private static func exitStatus(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    private static func milliseconds(_ seconds: Double) -> String { String(format: "%8.1f ms", seconds * 1000) }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
