#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import Foundation
import Testing
import TraceCore

/// `trace server` and `trace client` end truthfully: a closed output stops the server, a refusal or a
/// reset is a failure of the run, a signal is 128 + N.
@Suite("trace server and trace client: how they end")
struct ServerClientExitTests {
    /// Starts `trace server --port 0 ...` and reads the port from its first line.
    func startServer(_ extra: [String] = []) throws -> (Spawned, UInt16) {
        let server = try Spawned(trace: ["server", "--port", "0"] + extra)
        let port = try #require(server.lines(1)?.first.flatMap(Spawned.port(in:)))
        return (server, port)
    }

    /// The first line a descriptor gives, read byte by byte so nothing after it is taken; nil after `seconds`.
    func firstLine(of fd: Int32, within seconds: Double = 10) -> String? {
        let deadline = Date(timeIntervalSinceNow: seconds)
        var bytes: [UInt8] = []
        for _ in 0..<100_000 {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let left = Int32(max(deadline.timeIntervalSinceNow, 0) * 1000)
            guard poll(&poller, 1, left) == 1 else { return nil }
            var byte: UInt8 = 0
            guard read(fd, &byte, 1) == 1 else { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return nil
    }

    @Test("trace server --forever | head -1: the closed output stops it, every socket closed, summary on stderr, 74")
    func closedOutput() throws {
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let recording = FileManager.default.temporaryDirectory.appendingPathComponent("head-\(UUID().uuidString).jsonl").path
        defer { unlink(recording) }
        let process = Process()
        process.executableURL = Executable.traceURL
        process.arguments = ["server", "--port", "0", "--forever", "--record", recording]
        process.environment = ["LANG": "C"]
        process.standardOutput = FileHandle(fileDescriptor: ends[1], closeOnDealloc: false)
        let err = Pipe()
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        close(ends[1])
        let errors = ReadAll(err.fileHandleForReading)
        defer { if process.isRunning { process.terminate() } }
        let first = firstLine(of: ends[0])
        let port = try #require(first.flatMap(Spawned.port(in:)))
        // A client being served when the output goes: its connection is closed too.
        let peer = try #require(LoopbackPeer.open(to: port))
        defer { peer.closeSocket() }
        let events = { (try? JSONLinesReader.events(fromFile: recording)) ?? [] }
        #expect(eventually { events().contains { $0.operation == .accept && $0.phase == .done && $0.error == nil } })
        close(ends[0])   // what `head -1` does once it has its line

        let deadline = Date(timeIntervalSinceNow: 15)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        #expect(!process.isRunning, "the server still runs after its output was closed")
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 74)
        #expect(LoopbackPeer.isRefused(port))
        #expect(peer.seesEndOfStream(within: 5))
        let lines = String(decoding: errors.wait(), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("trace server: done; 1 connections") || $0.hasPrefix("trace server: done; 1 connection") })
        #expect(lines.last == "trace: the output was closed before the end (EPIPE): what followed was not written")
        // The recording says what happened: the tool stopped the run because its output was closed, and closed every socket.
        let recorded = events()
        let stop = try #require(recorded.first { $0.operation == .stop })
        #expect(stop.origin == .tool && stop.text == "output closed")
        let opened = recorded.filter { $0.phase == .done && $0.error == nil && ($0.operation == .socket || $0.operation == .accept) }.count
        let closed = recorded.filter { $0.phase == .done && $0.operation == .close }.count
        #expect(opened == 2 && closed == 2)
    }

    @Test("a client turned away by a busy server: exit 1, the server's whole line on stderr, not cut at 80 columns")
    func busy() throws {
        let (server, port) = try startServer(["--forever", "--max-clients", "1"])
        let first = try #require(LoopbackPeer.open(to: port))
        defer { first.closeSocket() }
        #expect(server.waitFor("accept() → fd"))
        let client = try Executable.run(["client", "--port", String(port)])
        #expect(client.status == 1)
        let busy = "trace server: busy, 1 client is already connected (--max-clients 1); try again later"
        #expect(client.errors == "trace: the server turned this client away: \(busy)\n")
        let spanish = try Executable.run(["client", "--port", String(port), "--lang", "es"])
        #expect(spanish.status == 1)
        #expect(spanish.errors.split(separator: "\n").count == 1)
        #expect(spanish.errors.hasPrefix("trace: el servidor rechazó a este cliente: trace server: busy, 1 client"))
        server.send(signal: SIGINT)
        #expect(server.exitStatus() == 0)
    }

    @Test("a one-client server whose client resets (SO_LINGER 0): exit 1, one line saying so")
    func reset() throws {
        let (server, port) = try startServer()
        let peer = try #require(LoopbackPeer.open(to: port))
        peer.reset()
        #expect(server.exitStatus() == 1)
        let lines = server.errors.split(separator: "\n").map(String.init)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("trace: the client 127.0.0.1:") == true)
        #expect(lines.first?.contains("reset the connection (ECONNRESET, an RST) during recv(): the exchange did not finish") == true)
    }

    @Test("trace server stopped by a signal exits 128 + N: SIGTERM 143, SIGHUP 129, SIGINT 130",
          arguments: [(SIGTERM, Int32(143)), (SIGHUP, Int32(129)), (SIGINT, Int32(130))])
    func serverSignals(signal: Int32, status: Int32) throws {
        let (server, port) = try startServer()
        server.send(signal: signal)
        #expect(server.exitStatus() == status)
        #expect(LoopbackPeer.isRefused(port))
        #expect(server.errors.isEmpty)
    }

    @Test("trace server --forever: SIGTERM 143, SIGHUP 129; Ctrl-C is how it ends, 0",
          arguments: [(SIGTERM, Int32(143)), (SIGHUP, Int32(129)), (SIGINT, Int32(0))])
    func foreverSignals(signal: Int32, status: Int32) throws {
        let (server, port) = try startServer(["--forever"])
        server.send(signal: signal)
        #expect(server.exitStatus() == status)
        #expect(LoopbackPeer.isRefused(port))
        #expect(server.output.contains("trace server: done; 0 connections"))
    }

    @Test("trace client stopped by a signal while it waits in recv(): SIGTERM 143, SIGHUP 129, SIGINT 130",
          arguments: [(SIGTERM, Int32(143)), (SIGHUP, Int32(129)), (SIGINT, Int32(130))])
    func clientSignals(signal: Int32, status: Int32) throws {
        let silent = try SilentListener()
        let client = try Spawned(trace: ["client", "--port", String(silent.port), "--json"])
        #expect(client.waitFor("\"op\":\"recv\""))
        client.send(signal: signal)
        #expect(client.exitStatus() == status)
        #expect(client.errors.isEmpty)
    }

    func eventually(within seconds: Double = 10, _ condition: () -> Bool) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        for _ in 0..<100_000 {
            if condition() { return true }
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return condition()
    }
}
