#if os(Linux)
import Testing
import TraceCore
import TraceProcess
import TraceSockets

@Suite("exec, vfork, and stopping during a blocking gate")
struct ExecTests {
    @Test("a process that execs another program: one lifeline, an exec event per program, the last one's status")
    func execChain() throws {
        let (outcome, recorder) = try traceToEnd(quiet(["sh", "-c", "exec sh -c 'exit 4'"]))
        #expect(outcome.shellStatus == 4)
        let execs = recorder.events.compactMap { if case .exec(let pid, let path, _) = $0 { return (pid, path) } else { return nil } }
        #expect(execs.count == 2)
        #expect(Set(execs.map(\.0)).count == 1)
        #expect(execs.allSatisfy { $0.1.hasSuffix("sh") || $0.1.contains("dash") || $0.1.contains("bash") })
        #expect(!recorder.events.contains { if case .processStarted = $0 { return true } else { return false } })
    }

    @Test("a Python program starting a subprocess: the child announced with its parent, its socket calls its own",
          .enabled(if: Tools.has("python3"), "SKIPPED: python3 is not installed"))
    func subprocess() throws {
        let scratch = Scratch()
        let program = scratch.write("parent.py", """
        import subprocess, sys
        code = subprocess.call([sys.executable, "-c", "import socket; socket.socket().close()"])
        print("child said", code, flush=True)
        """)
        let (outcome, recorder) = try traceToEnd(quiet(["python3", program]))
        #expect(outcome.shellStatus == 0)
        // (A version manager's shim in front of python3 starts processes of its own: find the child by its calls.)
        let childPID = try #require(recorder.drawnCalls.first?.0.pid)
        #expect(recorder.drawnCalls.map(\.0.lessonName) == [.socket, .close])
        #expect(recorder.drawnCalls.allSatisfy { $0.0.pid == childPID })
        let start = try #require(recorder.events.lazy.compactMap { event -> ProcessStart? in
            if case .processStarted(let s) = event, s.pid == childPID { return s } else { return nil }
        }.first)
        #expect([.fork, .vfork, .clone].contains(start.kind))
        func ranPython(_ pid: Int32) -> Bool {
            recorder.events.contains { if case .exec(pid, let path, _) = $0 { return path.contains("python") } else { return false } }
        }
        #expect(ranPython(start.parentPID))
        #expect(ranPython(childPID))
        #expect(recorder.output == "child said 0\n")
    }

    @Test("stop() while the gate blocks: the gate sees isStopping, the tree is killed, nothing is left")
    func stopDuringGate() throws {
        let scratch = Scratch()
        let program = scratch.write("listen.py", """
        import socket
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        s.accept()
        """)
        let holding = Flag()
        let tracerBox = TracerBox()
        let gate: ProcessTracer.Gate = { entry in
            guard entry.lessonName == .listen else { return .proceed }
            holding.set()
            _ = eventually(within: 30) { tracerBox.tracer?.isStopping == true }
            return .proceed
        }
        let recorder = Recorder()
        let tracer = ProcessTracer(quiet(["python3", program]), gate: gate, handler: recorder.handler)
        tracerBox.tracer = tracer
        let pid = try tracer.start()
        #expect(eventually(within: 20) { holding.isSet })
        #expect(isAlive(pid))
        tracer.stop()
        let outcome = try #require(tracer.wait(timeout: .seconds(20)))
        #expect(outcome.wasStopped)
        #expect(!isAlive(pid))
        #expect(!recorder.drawnCalls.contains { $0.0.lessonName == .listen })
    }
}

/// Lets a gate reach the tracer it belongs to (set once, before start).
final class TracerBox: @unchecked Sendable {
    var tracer: ProcessTracer?
}
#endif
