import Testing
import TraceText
import TraceCore
import TraceModel
import TraceRender

@Suite("What a close() sends, as the diagram draws it")
struct CloseArrowTests {
    func events(lastState: String, error: String?) -> [TraceEvent] {
        var seq: UInt64 = 0
        func next() -> UInt64 { seq += 1; return seq }
        var connect = TraceEvent(seq: next(), time: 1_000, phase: .done, actor: .client, operation: .connect, fd: 4)
        connect.address = "127.0.0.1:5000"
        connect.tcp = .init(state: TCPState(name: "ESTABLISHED"))
        var recv = TraceEvent(seq: next(), time: 2_000, phase: .done, actor: .client, operation: .recv, fd: 4)
        recv.requestedBytes = 1024
        if let error { recv.error = .init(name: error, code: 104, message: "Connection reset by peer", call: "recv") } else { recv.bytes = 5 }
        recv.tcp = .init(state: TCPState(name: lastState))
        let close = TraceEvent(seq: next(), time: 3_000, phase: .done, actor: .client, operation: .close, fd: 4)
        return [connect, recv, close]
    }

    @Test("a close on a live connection sends a FIN")
    func fin() {
        let lines = DiagramRenderer.render(events(lastState: "ESTABLISHED", error: nil), style: DiagramStyle(width: 80))
        #expect(lines.contains { $0.contains("close(fd 4)") && $0.contains("FIN") })
    }

    @Test("after a reset (state CLOSE) the kernel has nothing left to send: no FIN arrow")
    func afterReset() {
        let lines = DiagramRenderer.render(events(lastState: "CLOSE", error: "ECONNRESET"), style: DiagramStyle(width: 80))
        let close = lines.first { $0.contains("close(fd 4)") }
        #expect(close != nil)
        #expect(close?.contains("FIN") == false)
    }
}
