import Foundation
import Testing
import TraceCore

/// `trace run` on the tests' own Python pair: the diagram, JSON Lines, recordings and exit statuses.
@Suite("trace run: your own programs, traced", .enabled(if: RunPrograms.python != nil, "SKIPPED: python3 is not installed"))
struct RunCommandTests {
    let python = RunPrograms.python ?? "python3"
    static let display = ["--width", "100", "--color", "never", "--lang", "en"]

    /// `trace run --server 'python3 server.py 0 HOST' -- python3 client.py HOST {port}`.
    func pair(_ scratch: RunScratch, _ extra: [String] = [], host: String = "127.0.0.1") throws -> Executable.Result {
        let server = try scratch.write("server.py", RunPrograms.server)
        let client = try scratch.write("client.py", RunPrograms.client)
        return try Executable.run(["run"] + Self.display + extra + ["--server", "\(python) \(server) 0 \(host)", "--",
                                                                     python, client, host, "{port}"], timeout: 60)
    }

    @Test("the Python pair: the seed's nine steps, in order, each on its own call, then this run's debrief")
    func pythonPair() throws {
        let result = try pair(RunScratch())
        #expect(result.status == 0, "\(result.errors)")
        #expect(RunOutput.stepNumbers(result.output) == Array(1...9), "\(result.output)")
        let rows = RunOutput.numberedRows(result.output)
        #expect(rows[1]?.contains("connect(127.0.0.1:") == true, "\(rows)")
        #expect(rows[1]?.contains("[ESTABLISHED]") == true)
        #expect(rows[2]?.contains("accept() [accept4] → fd") == true)
        #expect(rows[3]?.contains("send(\"hi there\")") == true)
        #expect(rows[4]?.contains("recv(1024) [recvfrom] → 8 bytes") == true)
        #expect(rows[5]?.contains("send(\"ok, hi there\")") == true)
        #expect(rows[6]?.contains("recv(1024) [recvfrom] → 12 bytes") == true)
        #expect(rows[7]?.contains("print(\"client got ok, hi there\")") == true)
        #expect(rows[8]?.contains("close(fd") == true && rows[8]?.contains("FIN") == true)
        #expect(rows[9]?.contains("→ 0 bytes [CLOSE_WAIT]") == true)
        #expect(result.output.contains("print(\"server got hi there\")"))
        #expect(result.output.components(separatedBy: "exit(0)").count == 3)
        #expect(result.output.contains("step 9: recv()"))
        #expect(result.output.contains("What happens behind the scenes?") && result.output.contains("In this run,"))
    }

    @Test("IPv6: the same nine steps on ::1")
    func ipv6() throws {
        let result = try pair(RunScratch(), host: "::1")
        #expect(result.status == 0, "\(result.errors)")
        #expect(RunOutput.stepNumbers(result.output) == Array(1...9))
        #expect(RunOutput.numberedRows(result.output)[1]?.contains("connect([::1]:") == true)
    }

    @Test("--json: only JSON Lines on standard output, the programs' own output on standard error")
    func json() throws {
        let result = try pair(RunScratch(), ["--json"])
        #expect(result.status == 0)
        let events = try JSONLinesReader.events(from: Array(result.output.utf8), source: "stdout")
        let header = try #require(events.first?.header)
        #expect(header.source == .program && header.command == "run" && header.traced == [.server, .client])
        #expect(header.programs.map(\.actor) == [.server, .client] && header.programs[1].arguments.last == "{port}")
        // The programs write to a terminal of trace's own (copied to standard error): they print line by
        // line, as in the diagram, and the client's print is step 7.
        #expect(Set(events.compactMap(\.step)) == Set(1...9))
        #expect(events.contains { $0.operation == .accept && $0.systemCall == "accept4" && $0.pid != nil && $0.tid != nil })
        #expect(result.errors.contains("server got hi there") && result.errors.contains("client got ok, hi there"))
    }

    @Test("a recording replays as the same diagram and the same closing words")
    func replay() throws {
        let scratch = try RunScratch()
        let recording = scratch.path("run.jsonl")
        let live = try pair(scratch, ["--record", recording])
        #expect(live.status == 0)
        let replayed = try Executable.run(["replay", recording] + Self.display)
        #expect(replayed.status == 0)
        #expect(!RunOutput.diagram(live.output).isEmpty)
        #expect(RunOutput.diagram(replayed.output) == RunOutput.diagram(live.output))
        let after = { (text: String) in text.components(separatedBy: "Terms, step by step").last ?? "" }
        #expect(after(replayed.output) == after(live.output))
    }

    @Test("the command's own exit status; a crash by its signal's name and its status")
    func exitStatuses() throws {
        let scratch = try RunScratch()
        let three = try Executable.run(["run"] + Self.display + ["--", python, "-c", "import sys; sys.exit(3)"])
        #expect(three.status == 3)
        #expect(three.output.contains("exit(3)"))
        let crash = try Executable.run(["run"] + Self.display + ["--", python, try scratch.write("crash.py", RunPrograms.crash)])
        #expect(crash.status == 139)
        #expect(crash.output.contains("killed by SIGSEGV") && crash.output.contains("status 139"))
        #expect(crash.output.contains("socket(AF_INET, SOCK_STREAM) → fd"))
    }

    @Test("a program that cannot start: one line, a shell's status, nothing drawn", arguments: [
        (["--", "no-such-program-anywhere"], Int32(127), "no-such-program-anywhere: command not found"),
        (["--", "NOT-EXECUTABLE"], Int32(126), "NOT-EXECUTABLE: cannot run it (EACCES"),
        (["--server", "no-such-server", "--", "true"], Int32(127), "the server: no-such-server: command not found"),
    ])
    func startFailures(arguments: [String], status: Int32, message: String) throws {
        let scratch = try RunScratch()
        let plain = try scratch.write("plain.txt", "not a program\n")
        let message = message.replacingOccurrences(of: "NOT-EXECUTABLE", with: plain)
        let result = try Executable.run(["run"] + arguments.map { $0 == "NOT-EXECUTABLE" ? plain : $0 })
        #expect(result.status == status)
        #expect(result.errors.hasPrefix("trace: \(message)"), "\(result.errors) vs \(message)")
        #expect(result.output.isEmpty)
    }

    @Test("bad options: one line and 64", arguments: [
        ["run"],
        ["run", "--", "true", "{port}"],
        ["run", "--server", "python3 'x", "--", "true"],
        ["run", "--server", "a | b", "--", "true"],
        ["run", "--side", "both", "--", "true"],
        ["run", "--side", "server", "--server", "true", "--", "true"],
        ["run", "--step", "--json", "--", "true"],
        ["run", "--listen-timeout", "0", "--server", "true", "--", "true"],
    ])
    func usage(arguments: [String]) throws {
        let result = try Executable.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.errors)")
        #expect(result.errors.hasPrefix("trace run: "))
    }

    @Test("a server that never listens: stopped after --listen-timeout, one line, status 1, nothing left running")
    func neverListens() throws {
        let scratch = try RunScratch()
        let recording = scratch.path("run.jsonl")
        let result = try Executable.run(["run", "--listen-timeout", "1", "--record", recording, "--server",
                                         "\(python) -c 'import time; time.sleep(600)'", "--", "true"], timeout: 30)
        #expect(result.status == 1)
        #expect(result.errors.contains("the server did not call listen() within 1 s (--listen-timeout 1)"))
        let pids = Set(try JSONLinesReader.events(fromFile: recording).compactMap(\.pid))
        #expect(!pids.isEmpty)
        #expect(pids.allSatisfy { !RunOutput.isAlive($0) })
    }

    @Test("the client fails: its status; the server, stopped, is not left running")
    func clientFails() throws {
        let scratch = try RunScratch()
        let server = try scratch.write("server.py", RunPrograms.server)
        let recording = scratch.path("run.jsonl")
        let result = try Executable.run(["run", "--record", recording, "--server", "\(python) \(server) 0", "--",
                                         python, "-c", "import sys; sys.exit(5)"], timeout: 60)
        #expect(result.status == 5)
        #expect(result.errors.contains("the server was still running 5 s after the client ended: trace stopped it"))
        let events = try JSONLinesReader.events(fromFile: recording)
        #expect(events.contains { $0.operation == .stop && $0.origin == .tool })
        #expect(Set(events.compactMap(\.pid)).allSatisfy { !RunOutput.isAlive($0) })
    }

    @Test("a program reading its standard input gets trace's")
    func standardInput() throws {
        let scratch = try RunScratch()
        let result = try Executable.run(["run"] + Self.display + ["--", python, try scratch.write("stdin.py", RunPrograms.stdin)],
                                        input: "one\ntwo\n")
        #expect(result.status == 0)
        #expect(result.output.contains("print(\"read 8 bytes\")"))
    }
}
