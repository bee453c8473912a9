import Foundation
import Testing
import TraceCore
import TraceText

/// What `trace` does to stop is drawn and recorded as the tool's, never as the peer's: checked against a
/// peer that logs every call it makes and never closes.
@Suite("Stopping trace client is the tool's doing, not the peer's", .serialized)
struct ToolStopTruthTests {
    /// A server that accepts one client, reads its message, logs every recv, and never answers or closes
    /// until the client does.
    static let silentServer = """
        import socket, sys
        s = socket.socket()
        s.bind(("127.0.0.1", 0)); s.listen()
        print("port", s.getsockname()[1], flush=True)
        c, _ = s.accept()
        while True:
            data = c.recv(1024)
            print("recv", len(data), flush=True)
            if not data:
                break
        print("peer-closed-first", flush=True)
        """

    @Test("SIGTERM while trace client waits in recv(): the tool's shutdown, a woken recv with no step 9 and no FIN",
          .enabled(if: Peers.python != nil, "SKIPPED: python3 is not installed"), arguments: [SIGTERM, SIGINT, SIGHUP])
    func stopWhileReceiving(signal: Int32) throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("silent-\(getpid())-\(signal).py")
        try Self.silentServer.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let peer = try Spawned(Peers.python!, [script.path])
        let port = try #require(peer.lines(1)?.first.flatMap { $0.split(separator: " ").last.flatMap { UInt16($0) } })
        let recording = FileManager.default.temporaryDirectory.appendingPathComponent("stop-\(getpid())-\(signal).jsonl").path
        defer { unlink(recording) }
        let client = try Spawned(trace: ["client", "--port", String(port), "--record", recording, "--color", "never", "--width", "120"])
        // The client is waiting for the reply once the peer has read its message.
        #expect(peer.waitFor("recv 13"))
        let events = { (try? JSONLinesReader.events(fromFile: recording)) ?? [] }
        #expect(eventuallyTrue { events().contains { $0.operation == .recv && $0.phase == .start } })
        client.send(signal: signal)
        #expect(client.exitStatus() != 0)
        // The peer saw the end of the stream only after the tool's stop: it never closed first.
        #expect(peer.waitFor("peer-closed-first"))
        #expect(peer.exitStatus() == 0)

        let recorded = events()
        let stop = try #require(recorded.first { $0.operation == .stop })
        #expect(stop.origin == .tool)
        let shutdown = try #require(recorded.first { $0.operation == .shutdown && $0.phase == .done })
        #expect(shutdown.origin == .tool && shutdown.how == "SHUT_RD" && shutdown.seq > stop.seq)
        let shutdownStart = try #require(recorded.first { $0.operation == .shutdown && $0.phase == .start })
        let recv = try #require(recorded.last { $0.operation == .recv && $0.phase == .done })
        // The recv returned once the tool's shutdown had begun, and says it was woken by it.
        #expect(recv.bytes == 0 && recv.step != 9 && recv.seq > shutdownStart.seq && recv.wokenBy == .tool)
        #expect(!recorded.contains { $0.operation == .peerClosed })
        #expect(!recorded.contains { $0.step == 8 })
        #expect(recorded.last { $0.operation == .close }?.origin == .tool)

        // The diagram says so: the stop and its shutdown are trace's, the recv was woken by it, no FIN came in.
        let lines = client.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("trace stops the run") })
        #expect(lines.contains { $0.contains("trace: shutdown(fd ") && $0.contains("SHUT_RD") })
        let woken = try #require(lines.first { $0.contains("recv(1024) → 0 bytes") })
        #expect(woken.contains("woken by the stop") && !woken.contains("FIN"))
        #expect(!lines.contains { $0.contains("closure detected") })
    }

    func eventuallyTrue(within seconds: Double = 10, _ condition: () -> Bool) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        for _ in 0..<100_000 {
            if condition() { return true }
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return condition()
    }
}
