import Foundation
import Testing
import TraceText
import TraceCore

@Suite("trace server and trace client as two processes")
struct ServerClientCommandTests {
    /// Starts `trace server --port 0 ...` and reads the port from its first line.
    func startServer(_ extra: [String] = [], json: Bool = false, environment: [String: String] = ["LANG": "C"]) throws -> (Spawned, UInt16) {
        let server = try Spawned(trace: ["server", "--port", "0", "--width", "200"] + extra, environment: environment)
        let first = try #require(server.lines(1, fromErrors: json)?.first)
        let port = try #require(Spawned.port(in: first))
        return (server, port)
    }

    @Test("the server says where it listens on its first line; the client meets it there; both exit 0")
    func meet() throws {
        let (server, port) = try startServer()
        let lines = try #require(server.lines(2))
        #expect(lines[0] == "trace server: listening on 127.0.0.1:\(port)")
        #expect(lines[1].hasPrefix("reachable from this machine only"))
        let client = try Executable.run(["client", "--port", String(port), "--message", "Hola, servidor", "--color", "never"])
        #expect(client.status == 0)
        #expect(client.output.contains("print(\"Mensaje recibido\")") == false)
        #expect(client.output.contains("print(\"Message received\")"))
        #expect(server.exitStatus() == 0)
        #expect(server.output.contains("print(\"Hola, servidor\")"))
        #expect(server.output.contains("#1 127.0.0.1:"))
    }

    @Test("--json and --record on both sides; trace merge of the two recordings, one clock skewed by 5 s, is causal")
    func recordAndMerge() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("trace-merge-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let serverFile = dir.appendingPathComponent("server.jsonl").path, clientFile = dir.appendingPathComponent("client.jsonl").path
        let (server, port) = try startServer(["--json", "--record", serverFile], json: true)
        let client = try Executable.run(["client", "--port", String(port), "--json", "--record", clientFile])
        #expect(client.status == 0)
        #expect(server.exitStatus() == 0)
        // Standard output is pure JSON Lines, and the same as the recording.
        let serverOut = try JSONLinesReader.events(from: server.outputBytes, source: "server stdout")
        #expect(serverOut == (try JSONLinesReader.events(fromFile: serverFile)))
        #expect(try JSONLinesReader.events(from: client.outputBytes, source: "client stdout") == (try JSONLinesReader.events(fromFile: clientFile)))

        // The client's machine runs 5 s ahead.
        let skewedFile = dir.appendingPathComponent("client-skewed.jsonl").path
        let skewed = try JSONLinesReader.events(fromFile: clientFile).map { var e = $0; e.time += 5_000_000_000; return e }
        try skewed.map(JSONLinesWriter.line(for:)).joined().write(toFile: skewedFile, atomically: true, encoding: .utf8)

        for clientRecording in [clientFile, skewedFile] {
            let merge = try Executable.run(["merge", serverFile, clientRecording, "--json"])
            #expect(merge.status == 0 && merge.errors.isEmpty)
            let events = try JSONLinesReader.events(from: merge.outputBytes, source: "merge")
            #expect(events.count == serverOut.count + skewed.count - 1)
            func at(_ actor: String, _ op: String, _ phase: TraceEvent.Phase, _ test: (TraceEvent) -> Bool = { _ in true }) -> Int {
                events.firstIndex { $0.actor.rawValue == actor && $0.operation.rawValue == op && $0.phase == phase && test($0) } ?? -1
            }
            #expect(at("client", "connect", .start) < at("server", "accept", .done))
            #expect(at("client", "sendall", .start) < at("server", "recv", .done))
            #expect(at("server", "sendall", .start) < at("client", "recv", .done))
            #expect(at("client", "close", .start) < at("server", "recv", .done, { $0.bytes == 0 }))
            #expect(at("client", "connect", .start) >= 0)
        }
        let drawn = try Executable.run(["merge", serverFile, skewedFile, "--color", "never", "--width", "200"])
        #expect(drawn.status == 0)
        // Both ends of the connection carry the number the server gave it, with the client's address.
        let numbered = drawn.output.split(separator: "\n").filter { $0.contains("#1 127.0.0.1:") }
        #expect(numbered.contains { $0.contains("connect(127.0.0.1:\(port))") })
        #expect(numbered.contains { $0.contains("accept() → fd") })
    }

    @Test("--forever serves several clients, and Ctrl-C (SIGINT) ends it cleanly with a summary")
    func foreverThenInterrupt() throws {
        let (server, port) = try startServer(["--forever"])
        for i in 0..<3 {
            #expect(try Executable.run(["client", "--port", String(port), "--message", "n\(i)"]).status == 0)
        }
        #expect(server.waitFor("print(\"n2\")"))
        server.send(signal: SIGINT)
        #expect(server.exitStatus() == 0)
        #expect(server.output.contains("trace stops the run (SIGINT)"))
        #expect(server.output.contains("3 connections: 3 served"))
        #expect(server.errors.isEmpty)
    }

    @Test("in Spanish (from LANG): where it listens, the diagram's words, the client's default message")
    func spanish() throws {
        let (server, port) = try startServer(environment: ["LANG": "es_ES.UTF-8"])
        let lines = try #require(server.lines(2))
        #expect(lines[0] == "trace server: escuchando en 127.0.0.1:\(port)")
        #expect(lines[1].hasPrefix("solo accesible desde esta máquina"))
        let client = try Executable.run(["client", "--port", String(port), "--width", "200"], environment: ["LANG": "es_ES.UTF-8"])
        #expect(client.status == 0)
        #expect(client.output.contains("Cliente") && client.output.contains("print(\"Mensaje recibido\")"))
        #expect(server.exitStatus() == 0)
        #expect(server.output.contains("print(\"Hola, servidor\")") && server.output.contains("cierre detectado"))
    }

    @Test("--record to a place that cannot be written: one line, exit 73, no server left listening")
    func recordNowhere() throws {
        let result = try Executable.run(["server", "--port", "0", "--record", "/nonexistent/dir/s.jsonl"])
        #expect(result.status == 73)
        #expect(result.errors.hasPrefix("trace: --record /nonexistent/dir/s.jsonl") && result.errors.split(separator: "\n").count == 1)
    }

    @Test("--host 0.0.0.0 says, loudly, that the server is reachable from the network")
    func reachable() throws {
        let (server, port) = try startServer(["--host", "0.0.0.0"])
        let lines = try #require(server.lines(2))
        #expect(lines[0] == "trace server: listening on 0.0.0.0:\(port)")
        #expect(lines[1].hasPrefix("REACHABLE FROM THE NETWORK"))
        server.send(signal: SIGTERM)
        #expect(server.exitStatus() == 143)
    }

    @Test("errors a user will hit: one line on stderr, non-zero exit, in both languages")
    func errors() throws {
        let (server, port) = try startServer(["--forever"])
        defer { server.send(signal: SIGTERM) }
        let free = try unusedPort()
        let cases: [([String], String, Int32)] = [
            (["server", "--port", String(port)], "trace: port \(port) is in use (EADDRINUSE): choose another with --port", 1),
            (["server", "--port", String(port), "--lang", "es"], "trace: el puerto \(port) está en uso (EADDRINUSE): elige otro con --port", 1),
            (["client", "--port", String(free)], "trace: nothing is listening on 127.0.0.1:\(free) (ECONNREFUSED): start `trace server` first", 1),
            (["client", "--port", String(free), "--lang", "es"], "trace: nada escucha en 127.0.0.1:\(free) (ECONNREFUSED): arranca `trace server` primero", 1),
            (["client", "--port", "70000"], "trace client: --port 70000: expected a port from 1 to 65535", 64),
            (["client", "--port", "0", "--lang", "es"], "trace client: --port 0: se espera un puerto de 1 a 65535", 64),
            (["server", "--port", "http"], "trace server: --port http: expected a port from 0 to 65535", 64),
            (["server", "--idle-timeout", "-1"], "trace server: --idle-timeout -1: expected seconds, more than 0 (such as 5 or 0.5)", 64),
            (["client", "--connect-timeout", "soon"], "trace client: --connect-timeout soon: expected seconds, more than 0 (such as 5 or 0.5)", 64),
            (["server", "--max-clients", "0"], "trace server: --max-clients 0: expected a number of clients from 1 to 100000", 64),
        ]
        // Without a name server the resolver says EAI_AGAIN, with one EAI_NONAME: the line names either.
        let unknown = try Executable.run(["client", "--host", "no-such-host.invalid"])
        #expect(unknown.status == 1)
        #expect(unknown.errors == "trace: unknown host 'no-such-host.invalid' (EAI_NONAME): check the name or use an IP address\n"
                || unknown.errors.hasPrefix("trace: could not look up 'no-such-host.invalid' (EAI_AGAIN)"), "\(unknown.errors)")
        for (arguments, message, status) in cases {
            let result = try Executable.run(arguments)
            #expect(result.status == status, "\(arguments)")
            #expect(result.errors == message + "\n", "\(arguments)")
        }
    }

    @Test("a peer's escape sequences never reach the server's terminal output raw")
    func hostileBytes() throws {
        let (server, port) = try startServer(["--color", "never"])
        let result = try Executable.run(["client", "--port", String(port), "--message", "\u{1B}[2J\u{1B}]0;owned\u{07}"])
        #expect(result.status == 0)
        #expect(server.exitStatus() == 0)
        #expect(!server.outputBytes.contains(0x1B) && !server.outputBytes.contains(0x07))
        #expect(server.output.contains("print(\"\\x1b[2J\\x1b]0;owned\\x07\")"))
    }

    @Test("trace merge: missing file 66, malformed file 65, fewer than two 64")
    func mergeErrors() throws {
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("trace-bad-\(getpid()).jsonl").path
        try "not json\n".write(toFile: bad, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: bad) }
        let missing = try Executable.run(["merge", "/nonexistent/a.jsonl", bad])
        #expect(missing.status == 66 && missing.errors == "trace: /nonexistent/a.jsonl: no such file\n")
        let malformed = try Executable.run(["merge", bad, bad])
        #expect(malformed.status == 65 && malformed.errors.hasPrefix("trace: \(bad):1: not JSON"))
        #expect(try Executable.run(["merge", bad]).status == 64)
    }
}
