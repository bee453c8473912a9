import Foundation
import Testing
import TraceCore

/// `trace run` on programs that are more than one process or thread, in other languages, or that never end.
@Suite("trace run: processes, threads, C, Go, Ctrl-C")
struct RunProcessesTests {
    let python = RunPrograms.python ?? "python3"
    static let display = RunCommandTests.display

    @Test("threads: one process that listens (so it is the server); its rows say which thread",
          .enabled(if: RunPrograms.python != nil, "SKIPPED: python3 is not installed"))
    func threads() throws {
        let scratch = try RunScratch()
        let result = try Executable.run(["run"] + Self.display + ["--", python, try scratch.write("threads.py", RunPrograms.threads)],
                                        timeout: 60)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("new thread: tid "))
        let connect = try #require(result.output.split(separator: "\n").first { $0.contains("connect(") })
        #expect(connect.contains("tid "), "\(connect)")
        // One process, drawn as the server (it listens first): every row on the server's side.
        #expect(!result.output.contains("│ socket("))
    }

    @Test("fork: the child gets its own rows, labelled with its pid; the fork and both ends are shown",
          .enabled(if: RunPrograms.python != nil, "SKIPPED: python3 is not installed"))
    func fork() throws {
        let scratch = try RunScratch()
        let server = try scratch.write("forking.py", RunPrograms.forkingServer)
        let client = try scratch.write("client.py", RunPrograms.client)
        let recording = scratch.path("run.jsonl")
        let result = try Executable.run(["run", "--record", recording] + Self.display
                                        + ["--server", "\(python) \(server) 0", "--", python, client, "127.0.0.1", "{port}"],
                                        timeout: 60)
        #expect(result.status == 0, "\(result.errors)")
        let events = try JSONLinesReader.events(fromFile: recording)
        let fork = try #require(events.first { $0.operation == .fork && $0.actor == .server })
        let child = try #require(fork.returnValue.map(Int32.init))
        #expect(result.output.contains("fork() → pid \(child)"))
        let childRows = result.output.split(separator: "\n").filter { $0.contains("pid \(child) ") }
        #expect(childRows.contains { $0.contains("send(") } && childRows.contains { $0.contains("exit(0)") }, "\(result.output)")
        #expect(events.filter { $0.operation == .exit && $0.actor == .server }.count == 2)
    }

    @Test("the C pair, compiled now: read() and write() on sockets are the lesson's recv() and send(); steps 1-9",
          .enabled(if: RunPrograms.gcc != nil, "SKIPPED: gcc is not installed (apt-get install gcc)"))
    func cPair() throws {
        let scratch = try RunScratch()
        let server = try #require(scratch.build("server", [RunPrograms.gcc!, "-O1"], source: try scratch.write("server.c", RunPrograms.cServer)))
        let client = try #require(scratch.build("client", [RunPrograms.gcc!, "-O1"], source: try scratch.write("client.c", RunPrograms.cClient)))
        let result = try Executable.run(["run"] + Self.display + ["--server", "\(server) 0", "--", client, "{port}"], timeout: 60)
        #expect(result.status == 0, "\(result.errors)")
        #expect(RunOutput.stepNumbers(result.output) == Array(1...9), "\(result.output)")
        let rows = RunOutput.numberedRows(result.output)
        #expect(rows[3]?.contains("send(\"hello in C\") [write]") == true)
        #expect(rows[4]?.contains("recv(1024) [read] → 10 bytes") == true)
        #expect(rows[2]?.contains("accept() → fd") == true)
    }

    @Test("a Go client: its non-blocking connect (EINPROGRESS) is step 1, then the wait and SO_ERROR that complete it",
          .enabled(if: RunPrograms.go != nil && RunPrograms.python != nil, "SKIPPED: go or python3 is not installed (apt-get install golang-go)"))
    func goClient() throws {
        let scratch = try RunScratch()
        let source = try scratch.write("client.go", RunPrograms.goClient)
        let environment = ["HOME": scratch.url.path, "GOCACHE": "/tmp/trace-tests-go-cache", "GOPATH": scratch.path("go"),
                           "CGO_ENABLED": "0", "GO111MODULE": "off"]
        let client = try #require(scratch.build("client", [RunPrograms.go!, "build"], source: source, environment: environment))
        let server = try scratch.write("server.py", RunPrograms.server)
        let result = try Executable.run(["run"] + Self.display + ["--server", "\(python) \(server) 0", "--", client, "{port}"],
                                        timeout: 120)
        #expect(result.status == 0, "\(result.errors)")
        let rows = RunOutput.numberedRows(result.output)
        #expect(rows[1]?.contains("EINPROGRESS") == true, "\(result.output)")
        #expect(result.output.contains("getsockopt(SO_ERROR) → 0"))
        #expect(rows[3]?.contains("[write]") == true && rows[6]?.contains("[read]") == true)
        #expect(Set(RunOutput.stepNumbers(result.output)).isSuperset(of: [1, 2, 3, 4, 5, 6, 8, 9]))
    }

    @Test("a program that never ends: Ctrl-C ends the whole traced tree (130), nothing left running",
          .enabled(if: RunPrograms.python != nil, "SKIPPED: python3 is not installed"))
    func interrupt() throws {
        let scratch = try RunScratch()
        let recording = scratch.path("run.jsonl")
        let forever = "import os, socket\nif os.fork() == 0:\n    os.execvp('sleep', ['sleep', '600'])\n"
            + "s = socket.socket()\ns.bind(('127.0.0.1', 0))\ns.listen(1)\ns.accept()\n"
        let trace = try Spawned(trace: ["run", "--record", recording] + Self.display + ["--", python, try scratch.write("forever.py", forever)])
        #expect(trace.waitFor("waiting for a client", timeout: 30))
        trace.send(signal: SIGINT)
        #expect(trace.exitStatus(timeout: 20) == 130)
        let all = try JSONLinesReader.events(fromFile: recording)
        #expect(all.contains { $0.operation == .stop && $0.text == "interrupt" })
        let everyPID = Set(all.compactMap(\.pid)).union(all.compactMap { $0.operation == .fork ? $0.returnValue.map(Int32.init) : nil })
        #expect(everyPID.count >= 2)
        #expect(everyPID.allSatisfy { !RunOutput.isAlive($0) })
    }

    @Test("100 children that make no network call: traced, waited for, and not drawn",
          .enabled(if: RunPrograms.python != nil, "SKIPPED: python3 is not installed"))
    func hundredChildren() throws {
        let scratch = try RunScratch()
        let program = "import os\nfor _ in range(100):\n    if os.fork() == 0:\n        os._exit(0)\nfor _ in range(100):\n    os.wait()\n"
        let recording = scratch.path("run.jsonl")
        let result = try Executable.run(["run", "--record", recording] + Self.display
                                        + ["--", python, try scratch.write("children.py", program)], timeout: 60)
        #expect(result.status == 0)
        let events = try JSONLinesReader.events(fromFile: recording)
        #expect(events.filter { $0.operation == .fork }.count == 100)
        #expect(events.filter { $0.operation == .exit }.count == 101)
        #expect(!result.output.contains("fork()"))
        #expect(RunOutput.diagram(result.output).count < 10)
    }

    @Test("a shell that execs the client: one process, the program it became, its steps",
          .enabled(if: RunPrograms.python != nil, "SKIPPED: python3 is not installed"))
    func execChain() throws {
        let scratch = try RunScratch()
        let server = try scratch.write("server.py", RunPrograms.server)
        let client = try scratch.write("client.py", RunPrograms.client)
        let result = try Executable.run(["run"] + Self.display
                                        + ["--server", "\(python) \(server) 0", "--", "/bin/sh", "-c", "exec \"$0\" \"$@\"",
                                           python, client, "127.0.0.1", "{port}"], timeout: 60)
        #expect(result.status == 0, "\(result.errors)")
        #expect(RunOutput.stepNumbers(result.output) == Array(1...9))
        let clientExec = result.output.split(separator: "\n").filter { $0.contains("│ exec ") }
        #expect(clientExec.count == 1 && clientExec.first?.contains("python") == true, "\(clientExec)")
    }
}
