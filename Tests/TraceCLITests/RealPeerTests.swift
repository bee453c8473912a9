import Foundation
import Testing
import TraceText
import TraceCore

/// Peers not written here. Each test is skipped, with the reason shown, when its tool is missing.
enum Peers {
    /// OpenBSD netcat (Debian's `netcat-openbsd`): its `-N` and `-l host port` are what the tests use.
    static let netcat: URL? = {
        guard let nc = which("nc"), let help = try? Spawned(nc, ["-h"]) else { return nil }
        _ = help.exitStatus(timeout: 5)
        return (help.errors + help.output).contains("OpenBSD") ? nc : nil
    }()
    static let python: URL? = which("python3")
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/python")
}

@Suite("trace server and trace client with real peers: netcat and Python's socket module")
struct RealPeerTests {
    func startServer(_ extra: [String] = []) throws -> (Spawned, UInt16) {
        let server = try Spawned(trace: ["server", "--port", "0", "--color", "never", "--width", "200"] + extra)
        let port = try #require(server.lines(1)?.first.flatMap(Spawned.port(in:)))
        return (server, port)
    }

    /// Runs `trace client` until the peer server is listening (it starts asynchronously), at most 10 s.
    func clientWhenListening(_ port: UInt16, message: String) throws -> Executable.Result {
        let deadline = Date(timeIntervalSinceNow: 10)
        for _ in 0..<1000 {
            let result = try Executable.run(["client", "--port", String(port), "--message", message, "--color", "never"])
            if !result.errors.contains("ECONNREFUSED") || Date() > deadline { return result }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return try Executable.run(["client", "--port", String(port), "--message", message])
    }

    @Test("netcat as the client: trace server answers it and sees it close",
          .enabled(if: Peers.netcat != nil, "SKIPPED: OpenBSD netcat (nc) is not installed (apt-get install netcat-openbsd)"))
    func netcatClient() throws {
        let (server, port) = try startServer()
        let nc = try Spawned(Peers.netcat!, ["-N", "127.0.0.1", String(port)])
        nc.input.fileHandleForWriting.write(Data("hola desde nc\n".utf8))
        try nc.input.fileHandleForWriting.close()
        #expect(nc.exitStatus() == 0)
        #expect(nc.output == "Message received")
        #expect(server.exitStatus() == 0)
        #expect(server.output.contains("print(\"hola desde nc\\n\")"))
        #expect(server.output.contains("recv(1024) → 0 bytes [CLOSE_WAIT]"))
        #expect(server.output.contains("closure detected: leaves its loop (break)"))
    }

    @Test("netcat as the server: trace client sends, netcat's reply is printed",
          .enabled(if: Peers.netcat != nil, "SKIPPED: OpenBSD netcat (nc) is not installed (apt-get install netcat-openbsd)"))
    func netcatServer() throws {
        let port = try unusedPort()
        let nc = try Spawned(Peers.netcat!, ["-l", "127.0.0.1", String(port)])
        nc.input.fileHandleForWriting.write(Data("hola desde nc".utf8))
        let client = try clientWhenListening(port, message: "Hola, servidor")
        try nc.input.fileHandleForWriting.close()
        #expect(client.status == 0)
        #expect(client.output.contains("print(\"hola desde nc\")"))
        #expect(nc.exitStatus() == 0)
        #expect(nc.output == "Hola, servidor")
    }

    @Test("Python's cliente.py against trace server",
          .enabled(if: Peers.python != nil, "SKIPPED: python3 is not installed"))
    func pythonClient() throws {
        let (server, port) = try startServer(["--reply", "Mensaje recibido"])
        let python = try Spawned(Peers.python!, [Peers.fixtures.appendingPathComponent("cliente.py").path,
                                                 "127.0.0.1", String(port), "Hola, servidor"])
        #expect(python.exitStatus() == 0)
        #expect(python.output == "received b'Mensaje recibido'\n")
        #expect(server.exitStatus() == 0)
        #expect(server.output.contains("print(\"Hola, servidor\")"))
    }

    @Test("trace client against Python's servidor.py",
          .enabled(if: Peers.python != nil, "SKIPPED: python3 is not installed"))
    func pythonServer() throws {
        let python = try Spawned(Peers.python!, [Peers.fixtures.appendingPathComponent("servidor.py").path, "0", "Mensaje recibido"])
        let port = try #require(python.lines(1)?.first.flatMap(Spawned.port(in:)))
        let client = try Executable.run(["client", "--port", String(port), "--message", "Hola, servidor", "--json"])
        #expect(client.status == 0)
        let events = try JSONLinesReader.events(from: client.outputBytes, source: "client")
        #expect(events.first { $0.operation == .print }?.preview == "Mensaje recibido")
        #expect(python.exitStatus() == 0)
        #expect(python.output.contains("received b'Hola, servidor'"))
    }
}
