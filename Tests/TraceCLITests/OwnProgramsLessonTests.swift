import Foundation
import Testing
import TraceCore

/// Lesson 10 (`own-programs`) runs the learner's programs: what its text says, observed on a real run
/// of the tests' own pair.
@Suite("Lesson 10: your own programs, what it says is what happens",
       .enabled(if: RunPrograms.python != nil, "SKIPPED: python3 is not installed"))
struct OwnProgramsLessonTests {
    let python = RunPrograms.python ?? "python3"

    func run(_ extra: [String], language: String = "en") throws -> (Executable.Result, RunScratch) {
        let scratch = try RunScratch()
        let server = try scratch.write("servidor.py", RunPrograms.server)
        let client = try scratch.write("cliente.py", RunPrograms.client)
        let result = try Executable.run(["lesson", "own-programs", "--lang", language, "--width", "100", "--color", "never",
                                         "--server", "\(python) \(server) 0", "--client", "\(python) \(client) 127.0.0.1 {port}"]
                                        + extra, timeout: 60)
        return (result, scratch)
    }

    @Test("every step's claim, on the recording of a run")
    func claims() throws {
        let (result, _) = try run(["--json"])
        #expect(result.status == 0, "\(result.errors)")
        let events = try JSONLinesReader.events(from: Array(result.output.utf8), source: "stdout")
        #expect(events.first?.header?.plan?.id == "lesson/own-programs")
        let done = events.filter { $0.phase != .start }
        func step(_ n: Int, _ actor: TraceEvent.Actor, _ op: TraceEvent.Operation) -> [TraceEvent] {
            done.filter { $0.step == n && $0.actor == actor && $0.operation == op }
        }
        let listen = try #require(done.first { $0.operation == .listen })
        let serverPort = try #require(listen.local.flatMap(Endpoint.init)?.port)
        // 1: an ephemeral port for the client, not the server's; ESTABLISHED when connect() returns.
        let connect = try #require(step(1, .client, .connect).first)
        #expect(connect.tcp?.state == .established)
        #expect(connect.local.flatMap(Endpoint.init)?.port != serverPort)
        // 2: accept4; a new descriptor, not the listener's, already ESTABLISHED.
        let accept = try #require(step(2, .server, .accept).first)
        #expect(accept.systemCall == "accept4" && accept.newFD != nil && accept.newFD != accept.fd && accept.tcp?.state == .established)
        // 3: sendall is one sendto for a short message, with all its bytes.
        let sends = step(3, .client, .send)
        #expect(sends.count == 1 && sends.first?.systemCall == "sendto" && sends.first?.bytes == 8)
        // 4: recvfrom returns every byte sent, in one call; print is a write to standard output.
        #expect(step(4, .server, .recv).map(\.bytes) == [8] && step(4, .server, .recv).first?.systemCall == "recvfrom")
        #expect(step(4, .server, .print).first?.fd == 1)
        // 6: the client gets the bytes the server sent.
        #expect(step(6, .client, .recv).first?.bytes == step(5, .server, .send).first?.bytes)
        #expect(step(7, .client, .print).count == 1)
        #expect(step(8, .client, .close).count == 1)
        // 9: 0 bytes, CLOSE_WAIT.
        let last = try #require(step(9, .server, .recv).first)
        #expect(last.bytes == 0 && last.tcp?.state == .closeWait)
        // trace started the client only once the server's listen() had returned.
        let clientExec = try #require(events.first { $0.operation == .exec && $0.actor == .client })
        #expect(clientExec.time > listen.time)
    }

    @Test("drawn with the lesson's text, its legend and its questions, in Spanish")
    func shown() throws {
        let (result, _) = try run([], language: "es")
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Tus propios programas, trazados por el núcleo"))
        #expect(RunOutput.stepNumbers(result.output) == Array(1...9))
        #expect(result.output.contains("paso 2: accept() · descriptor de fichero · llamada al sistema"))
        #expect(result.output.contains("¿Por qué el diagrama dice"))
    }

    @Test("without the programs it names: the server's own failure, in one line")
    func missingPrograms() throws {
        let scratch = try RunScratch()
        let result = try Executable.run(["lesson", "own-programs", "--server", "\(python) \(scratch.path("servidor.py"))"])
        #expect(result.status == 2)
        #expect(result.errors.contains("the server ended (status 2) without calling listen()"))
    }
}
