import Testing
import TraceProcess
import TraceSockets
import TraceText
@testable import TraceCLI

/// What `trace run` says when a program cannot start, in one line, in both languages.
@Suite("trace run's one-line failures")
struct RunTextTests {
    @Test("ptrace refused: the cause and the remedy, in the learner's language", arguments: [
        (PtraceRefusal.yamaScopeThree, "ptrace_scope", "sysctl"),
        (PtraceRefusal.alreadyTraced, "strace, gdb", "trace"),
        (PtraceRefusal.forbidden, "ptrace", "SYS_PTRACE"),
    ])
    func ptraceRefused(cause: PtraceRefusal, causeWord: String, remedyWord: String) {
        let error = ProcessTraceError.ptraceRefused(Errno(rawValue: 1), cause: cause)
        #expect(error.exitStatus == 69)
        for language in Language.allCases {
            let line = RunText.startFailure(error, role: nil, language: language)
            #expect(!line.contains("\n") && line.contains("EPERM") && line.contains(causeWord) && line.contains(remedyWord), "\(line)")
        }
        #expect(RunText.startFailure(error, role: nil, language: .es).hasPrefix("el núcleo no deja trazar el programa"))
    }

    @Test("not found and not executable name the program and, in a pair, the side")
    func startFailures() {
        #expect(RunText.startFailure(.commandNotFound("cliente.py"), role: "the client", language: .en) == "the client: cliente.py: command not found")
        #expect(RunText.startFailure(.commandNotFound("x"), role: nil, language: .es) == "x: no se encuentra esa orden")
        #expect(RunText.startFailure(.unsupportedPlatform, role: nil, language: .en) == "trace run: tracing another program works on Linux only")
    }

    @Test("a command line shown as a shell would need it")
    func commandLine() {
        #expect(RunText.line(["python3", "my server.py", "{port}"]) == "python3 'my server.py' {port}")
    }
}
