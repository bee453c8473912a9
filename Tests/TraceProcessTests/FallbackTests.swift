#if os(Linux)
import Testing
import TraceCore
@testable import TraceProcess
import TraceSockets

@Suite("When the kernel refuses something")
struct FallbackTests {
    @Test("seccomp refused in the child: the tracer stops at every system call instead, says so, sees the same calls",
          .enabled(if: Tools.has("python3"), "SKIPPED: python3 is not installed"))
    func seccompRefused() throws {
        let scratch = Scratch()
        let program = scratch.write("threads.py", SeedPrograms.pythonThreads)
        var options = ProcessTracer.Options()
        options.faults.seccompRefused = true
        let (outcome, recorder) = try traceToEnd(quiet(["python3", program]), options: options)
        #expect(outcome.shellStatus == 0)
        guard case .everySystemCall(let reason) = outcome.filter else { Issue.record("\(outcome.filter)"); return }
        #expect(reason.contains("seccomp is unavailable (EINVAL)"))
        #expect(recorder.drawnCalls.filter { $0.0.lessonName == .connect }.count == 2)
        #expect(recorder.drawnCalls.filter { $0.0.lessonName == .accept }.count == 2)
        #expect(recorder.output == "both done\n")
    }

    @Test("ptrace refused: a typed error with the cause and the remedy, nothing left running")
    func ptraceRefused() {
        var options = ProcessTracer.Options()
        options.faults.ptraceRefused = true
        let tracer = ProcessTracer(quiet(["sleep", "100"]), options: options) { _ in }
        do {
            try tracer.start()
            Issue.record("started although ptrace was refused")
        } catch {
            guard case .ptraceRefused(let errno, let cause) = error else { Issue.record("\(error)"); return }
            #expect(errno == .notPermitted)
            #expect(error.description.contains(cause.explanation) && error.description.contains(cause.remedy))
            #expect(error.exitStatus == 69)
        }
        #expect(tracer.wait(timeout: .seconds(10)) != nil)
        #expect(tracer.livePIDs.isEmpty)
    }

    @Test("no duplicates of the program's sockets (pidfd_getfd refused): no kernel view, the listening port from /proc",
          .enabled(if: Tools.has("python3"), "SKIPPED: python3 is not installed"))
    func duplicatesRefused() throws {
        let scratch = Scratch()
        let server = scratch.write("server.py", SeedPrograms.pythonServer)
        let client = scratch.write("client.py", SeedPrograms.pythonClient)
        var options = ProcessTracer.Options()
        options.faults.duplicatesRefused = true
        let serverEvents = Recorder()
        let serverTracer = ProcessTracer(quiet(["python3", server]), options: options, handler: serverEvents.handler)
        try serverTracer.start()
        defer { serverTracer.stop() }
        let address = try #require(serverEvents.waitFor { $0.listeningAddress })
        #expect(address.host == "127.0.0.1" && address.port != 0)
        let (clientOutcome, clientEvents) = try traceToEnd(quiet(["python3", client, "127.0.0.1", String(address.port)]),
                                                           options: options)
        #expect(clientOutcome.shellStatus == 0)
        #expect(serverTracer.wait(timeout: .seconds(30))?.shellStatus == 0)
        #expect(serverEvents.output.hasPrefix("port \(address.port)\n"))
        #expect((serverEvents.drawnCalls + clientEvents.drawnCalls).allSatisfy { $0.1.kernel == nil })
        #expect(clientEvents.drawnCalls.map(\.0.lessonName) == [.socket, .connect, .send, .recv, .close])
    }
}
#endif
