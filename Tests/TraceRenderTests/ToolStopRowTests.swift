import Testing
import TraceCore
import TraceModel

@Suite("A call woken by the tool's stop is said to be, whichever is reported first")
struct ToolStopRowTests {
    /// A blocked recv on fd 5, the tool's shutdown of it, and the recv returning 0 bytes, with the
    /// shutdown's done reported before or after the recv's.
    func events(shutdownDoneFirst: Bool) -> [TraceEvent] {
        var recvStart = TraceEvent(time: 1_000, phase: .start, actor: .client, operation: .recv, fd: 5)
        recvStart.requestedBytes = 1024
        var stopStart = TraceEvent(time: 2_000, phase: .start, actor: .client, operation: .shutdown, fd: 5, origin: .tool)
        stopStart.how = "SHUT_RD"
        var stopDone = stopStart
        stopDone.phase = .done
        stopDone.time = 2_400
        stopDone.duration = 400
        var recvDone = recvStart
        recvDone.phase = .done
        recvDone.time = 2_200
        recvDone.duration = 1_200
        recvDone.bytes = 0
        let tail = shutdownDoneFirst ? [stopDone, recvDone] : [recvDone, stopDone]
        return [TraceEvent(header: TraceHeader(source: .builtIn, command: "client", traced: [.client])), recvStart, stopStart]
            + tail
    }

    @Test("the recv returning 0 after the tool's shutdown started is woken by the stop, with no FIN", arguments: [true, false])
    func woken(shutdownDoneFirst: Bool) {
        let rows = DiagramBuilder.rows(of: events(shutdownDoneFirst: shutdownDoneFirst).renumbered())
        let recv = rows.first { $0.event.operation == .recv && $0.kind == .call }
        #expect(recv?.wokenByStop == true)
        #expect(recv?.arrow == nil)
    }
}
