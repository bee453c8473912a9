#if os(Linux)
@preconcurrency import Glibc
import Dispatch
import Synchronization
import Testing
import TraceCore
import TraceProcess
import TraceSockets

/// Measures, once, the whole-process wall time of the Python seed pair untraced, traced by this engine and
/// under `strace -f --seccomp-bpf -e trace=%network`. Runs only when asked for:
/// `TRACE_PROCESS_MEASURE=1 swift test --filter PairTimingTests`.
@Suite("Wall time of the seed pair (measurement, on request)")
struct PairTimingTests {
    static let asked = getenv("TRACE_PROCESS_MEASURE") != nil

    @Test("untraced, traced, strace --seccomp-bpf", .enabled(if: asked && Tools.has("python3"), "SKIPPED: set TRACE_PROCESS_MEASURE=1 to measure"))
    func measure() throws {
        let scratch = Scratch()
        let server = scratch.write("server.py", SeedPrograms.pythonServer)
        let client = scratch.write("client.py", SeedPrograms.pythonClient)

        // The interpreter itself, not a version manager's shell-script shim in front of it.
        let python = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3"
        let untraced = try Self.untracedPair(server: [python, server], client: { [python, client, "127.0.0.1", $0] })
        let (traced, stops) = try Self.tracedPair(python: python, server: server, client: client)
        var line = "seed pair wall time: untraced \(Self.ms(untraced)) ms, traced \(Self.ms(traced)) ms (×\(Self.ratio(traced, untraced)), \(stops) stops)"
        if Tools.has("strace") {
            let strace = ["strace", "-f", "--seccomp-bpf", "-e", "trace=%network", "-o", "/dev/null"]
            let straced = try Self.untracedPair(server: strace + [python, server],
                                                client: { strace + [python, client, "127.0.0.1", $0] })
            line += ", strace -f --seccomp-bpf -e trace=%network \(Self.ms(straced)) ms (×\(Self.ratio(straced, untraced)))"
            // strace stopping at the same calls as this engine (its %network leaves out read, write, close, poll...).
            let sameCalls = strace.map { $0 == "trace=%network" ? "trace=%network,\(Self.engineCalls)" : $0 }
            let sameStraced = try Self.untracedPair(server: sameCalls + [python, server],
                                                    client: { sameCalls + [python, client, "127.0.0.1", $0] })
            line += ", strace with the engine's calls \(Self.ms(sameStraced)) ms (×\(Self.ratio(sameStraced, untraced)))"
        }
        print(line)
        #expect(traced > 0 && untraced > 0)
    }

    static let engineCalls = "read,write,readv,writev,close,close_range,poll,ppoll,select,pselect6,epoll_wait,epoll_pwait,"
        + "epoll_pwait2,epoll_ctl,dup,dup2,dup3,fcntl"

    static func ms(_ ns: UInt64) -> String { String(Double(ns / 10_000) / 100) }
    static func ratio(_ a: UInt64, _ b: UInt64) -> String { String(Double(a * 100 / b) / 100) }

    static func tracedPair(python: String, server: String, client: String) throws -> (UInt64, Int) {
        let begin = MonotonicClock.now()
        let listening = DispatchSemaphore(value: 0)
        let port = Mutex<UInt16>(0)
        let serverTracer = ProcessTracer(quiet([python, server])) { event in
            if let address = event.listeningAddress {
                port.withLock { $0 = address.port }
                listening.signal()
            }
        }
        try serverTracer.start()
        try #require(listening.wait(timeout: .now() + 30) == .success)
        let clientTracer = ProcessTracer(quiet([python, client, "127.0.0.1", String(port.withLock { $0 })])) { _ in }
        try clientTracer.start()
        let clientOutcome = try #require(clientTracer.wait(timeout: .seconds(30)))
        let serverOutcome = try #require(serverTracer.wait(timeout: .seconds(30)))
        let elapsed = MonotonicClock.now() - begin
        #expect(clientOutcome.shellStatus == 0 && serverOutcome.shellStatus == 0)
        return (elapsed, clientOutcome.stops + serverOutcome.stops)
    }

    /// Runs a server whose first output line is `port N`, then the client with N, and waits for both.
    static func untracedPair(server: [String], client: (String) -> [String]) throws -> UInt64 {
        let begin = MonotonicClock.now()
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let serverPID = try spawn(server, stdout: fds[1])
        Glibc.close(fds[1])
        var text = ""
        var byte: UInt8 = 0
        for _ in 0..<200 where !text.hasSuffix("\n") {
            guard Glibc.read(fds[0], &byte, 1) == 1 else { break }
            text.append(Character(UnicodeScalar(byte)))
        }
        let port = String(text.split(separator: " ").last?.dropLast() ?? "")
        let clientPID = try spawn(client(port), stdout: DevNull.fd)
        #expect(reap(clientPID) == 0)
        #expect(reap(serverPID) == 0)
        Glibc.close(fds[0])
        return MonotonicClock.now() - begin
    }

    static func spawn(_ arguments: [String], stdout: Int32) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        try #require(posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ) == 0)
        return pid
    }

    static func reap(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status >> 8) & 0xff
    }
}
#endif
