#if os(Linux)
import Testing
import TraceCore
import TraceProcess

@Suite("Commands that cannot start")
struct StartFailureTests {
    @Test("a command not on the PATH: 127, like a shell")
    func notFound() {
        let tracer = ProcessTracer(quiet(["no-such-command-for-trace-tests"])) { _ in }
        #expect(throws: ProcessTraceError.commandNotFound("no-such-command-for-trace-tests")) { try tracer.start() }
        #expect(ProcessTraceError.commandNotFound("x").exitStatus == 127)
        #expect(tracer.wait().shellStatus == 127)
    }

    @Test("a file that is not executable: 126")
    func notExecutable() throws {
        let scratch = Scratch()
        let file = scratch.write("script.sh", "#!/bin/sh\necho hi\n", executable: false)
        let tracer = ProcessTracer(quiet([file])) { _ in }
        do {
            try tracer.start()
            Issue.record("a non-executable file started")
        } catch {
            guard case .notExecutable(let path, let errno) = error else { Issue.record("\(error)"); return }
            #expect(path == file)
            #expect(errno.name == "EACCES")
            #expect(error.exitStatus == 126)
        }
    }

    @Test("an executable whose interpreter does not exist: exec fails, 127")
    func missingInterpreter() throws {
        let scratch = Scratch()
        let file = scratch.write("script.sh", "#!/no/such/interpreter\n", executable: true)
        let tracer = ProcessTracer(quiet([file])) { _ in }
        #expect(throws: ProcessTraceError.commandNotFound(file)) { try tracer.start() }
        #expect(tracer.wait(timeout: .seconds(10))?.shellStatus == 127)
    }

    @Test("an empty command line")
    func empty() {
        #expect(throws: ProcessTraceError.emptyCommand) { try ProcessTracer(TracedCommand([])) { _ in }.start() }
    }

    @Test("a tracer starts once")
    func twice() throws {
        let tracer = ProcessTracer(quiet(["true"])) { _ in }
        try tracer.start()
        #expect(throws: ProcessTraceError.alreadyStarted) { try tracer.start() }
        #expect(tracer.wait(timeout: .seconds(10))?.shellStatus == 0)
    }
}
#endif
