import Foundation
import Testing
import TraceText
import TraceCore
import TraceSockets

/// `trace --step` driven through a real pseudo-terminal, as a learner would: keys in, screen out.
@Suite("trace --step in a terminal")
struct StepModeTests {
    /// A walkthrough session with its recording file.
    final class Session {
        let terminal: PseudoTerminal
        let recording: String
        let before: [UInt32]

        init(_ extra: [String] = [], language: String = "en") throws {
            recording = FileManager.default.temporaryDirectory.appendingPathComponent("step-\(UUID().uuidString).jsonl").path
            terminal = try PseudoTerminal(executable: Executable.traceURL.path,
                                          arguments: ["--step", "--lang", language, "--record", recording] + extra,
                                          environment: ["LANG": "C", "TERM": "xterm"], columns: 100)
            before = terminal.settings().modes
        }

        deinit { try? FileManager.default.removeItem(atPath: recording) }

        /// The events recorded so far (the recording is written as events happen).
        func events() -> [TraceEvent] {
            (try? JSONLinesReader.events(fromFile: recording)) ?? []
        }

        /// Waits for the prompt to appear `count` times in all.
        func waitForPrompt(_ count: Int) -> Bool {
            terminal.read(until: { $0.components(separatedBy: "Enter: ").count - 1 >= count })
        }

        /// Every socket opened (socket, accept) was closed.
        func everySocketClosed() -> Bool {
            let events = self.events()
            let opened = events.filter { $0.phase == .done && $0.error == nil && ($0.operation == .socket || $0.operation == .accept) }.count
            let closed = events.filter { $0.phase == .done && $0.operation == .close }.count
            return opened > 0 && opened == closed
        }
    }

    /// The seed walkthrough's stops: server setup, client socket, steps 1-9, server cleanup.
    static let stops = 12

    @Test("each step's calls start only after its key, steps come in order, and the run completes")
    func stepsFollowKeys() throws {
        let session = try Session()
        for stop in 1...StepModeTests.stops {
            #expect(session.waitForPrompt(stop), "prompt \(stop) never came")
            // The card is shown and the program waits: the recording holds nothing of this stop yet.
            let numbered = stop - 2
            if (1...9).contains(numbered) {
                #expect(!session.events().contains { $0.step == numbered }, "step \(numbered) ran before its key")
            }
            session.terminal.type("\r")
            if (1...9).contains(numbered) {
                #expect(session.terminal.read(until: { _ in session.events().contains { $0.step == numbered && $0.phase != .start } }))
            }
        }
        #expect(session.terminal.waitForExit())
        #expect(session.terminal.exitStatus == 0)
        let steps = session.events().filter { $0.phase != .done }.compactMap(\.step)
        #expect(steps == steps.sorted())
        #expect(Set(steps) == Set(1...9))
        #expect(session.everySocketClosed())
        #expect(session.terminal.text.contains("What happens behind the scenes?"))
        #expect(session.terminal.settings().modes == session.before)
    }

    @Test("q half-way exits 0 with every socket closed and the terminal as it was")
    func quitHalfWay() throws {
        let session = try Session()
        for stop in 1...5 {
            #expect(session.waitForPrompt(stop))
            session.terminal.type(stop == 5 ? "q" : " ")
        }
        #expect(session.terminal.waitForExit())
        #expect(session.terminal.exitStatus == 0)
        #expect(session.everySocketClosed())
        #expect(!session.events().contains { ($0.step ?? 0) >= 3 })
        #expect(session.terminal.text.contains("every socket is closed"))
        #expect(session.terminal.settings().modes == session.before)
    }

    @Test("Ctrl-C exits 130 the same way")
    func controlC() throws {
        let session = try Session()
        for stop in 1...4 {
            #expect(session.waitForPrompt(stop))
            session.terminal.type(stop == 4 ? "\u{03}" : "n")
        }
        #expect(session.terminal.waitForExit())
        #expect(session.terminal.exitStatus == 130)
        #expect(session.everySocketClosed())
        #expect(session.terminal.settings().modes == session.before)
    }

    @Test("SIGTERM stops the walkthrough cleanly: sockets closed, terminal restored, exit 143")
    func terminate() throws {
        let session = try Session()
        for stop in 1...3 {
            #expect(session.waitForPrompt(stop))
            if stop < 3 { session.terminal.type("\r") }
        }
        session.terminal.interrupt(SIGTERM)
        #expect(session.terminal.waitForExit())
        #expect(session.terminal.exitSignal == nil)
        #expect(session.terminal.exitStatus == 143)
        #expect(session.everySocketClosed())
        #expect(session.terminal.settings().modes == session.before)
    }

    @Test("a runs the rest without pausing")
    func all() throws {
        let session = try Session()
        #expect(session.waitForPrompt(1))
        session.terminal.type(" ")
        #expect(session.waitForPrompt(2))
        session.terminal.type("a")
        #expect(session.terminal.waitForExit())
        #expect(session.terminal.exitStatus == 0)
        #expect(Set(session.events().compactMap(\.step)) == Set(1...9))
        #expect(session.terminal.text.contains("What happens behind the scenes?"))
        #expect(session.everySocketClosed())
    }

    @Test("? lists the keys and g the terms, without running the step")
    func helpAndGlossary() throws {
        let session = try Session()
        #expect(session.waitForPrompt(1))
        session.terminal.type("?")
        #expect(session.terminal.read(until: { $0.contains("run the rest without pausing") }))
        session.terminal.type("g")
        #expect(session.terminal.read(until: { $0.contains("file descriptor: ") }))
        #expect(session.events().allSatisfy { $0.operation == .header })
        session.terminal.type("q")
        #expect(session.terminal.waitForExit())
        #expect(session.terminal.exitStatus == 0)
    }

    @Test("Spanish and English cards are complete", arguments: ["es", "en"])
    func cards(language: String) throws {
        let session = try Session(language: language)
        #expect(session.waitForPrompt(1))
        session.terminal.type("a")
        #expect(session.terminal.waitForExit())
        #expect(session.terminal.exitStatus == 0)
        let first = language == "es" ? "Antes del paso 1" : "Before step 1"
        #expect(session.terminal.text.contains(first))
        #expect(session.terminal.text.contains(language == "es" ? "Programa" : "Program"))
        #expect(session.terminal.text.contains(language == "es" ? "Núcleo" : "Kernel"))
    }

    @Test("every card in both languages, drawn in full: nine steps, program and kernel for each call",
          arguments: ["es", "en"])
    func everyCard(language: String) throws {
        let session = try Session(language: language)
        for stop in 1...StepModeTests.stops {
            #expect(session.waitForPrompt(stop))
            session.terminal.type("\r")
        }
        #expect(session.terminal.waitForExit())
        let text = session.terminal.text
        for step in 1...9 {
            #expect(text.contains(language == "es" ? "Paso \(step) de 9" : "Step \(step) of 9"))
        }
        let program = language == "es" ? "  Programa " : "  Program "
        #expect(text.components(separatedBy: program).count - 1 == 17)
    }
}

@Suite("trace --step with piped input")
struct PipedStepTests {
    @Test("each line read advances one step; the end of input quits cleanly with a one-line note")
    func threeLines() throws {
        let result = try Executable.run(["--step", "--lang", "en"], input: "\n\n\n")
        #expect(result.status == 0)
        #expect(result.errors.split(separator: "\n").count == 1)
        #expect(result.errors.contains("end of input"))
        // Three lines run three stops (server setup, client socket, step 1); the card of step 2 is
        // shown, then the input ends: step 2's accept() never runs.
        #expect(result.output.contains("connect(127.0.0.1:"))
        #expect(result.output.contains("Step 2 of 9"))
        #expect(!result.output.contains("accept() → fd"))
        #expect(!result.outputBytes.contains(0x1B))
    }

    @Test("enough lines walk the whole lesson, exit 0")
    func wholeLesson() throws {
        let result = try Executable.run(["--step", "--lang", "es"], input: String(repeating: "\n", count: 12))
        #expect(result.status == 0)
        #expect(result.errors.isEmpty)
        #expect(result.output.contains("Paso 9 de 9"))
        #expect(result.output.contains("¿Qué pasa detrás?"))
    }

    @Test("a q line quits at once; --step with --json is refused")
    func quitLineAndBadPair() throws {
        let quit = try Executable.run(["--step", "--lang", "en"], input: "\nq\n\n\n")
        #expect(quit.status == 0)
        #expect(quit.output.contains("every socket is closed"))
        let json = try Executable.run(["--step", "--json"])
        #expect(json.status == 64)
        #expect(json.errors.contains("--json"))
    }
}

@Suite("trace server --step and trace client --step")
struct NetworkStepTests {
    /// The port a server's diagram says it was given (`bind(...) → port N`).
    static func port(in text: String) -> String? {
        guard let range = text.range(of: #"→ port \d+"#, options: .regularExpression) else { return nil }
        return String(text[range].split(separator: " ").last!)
    }

    @Test("the server's walkthrough waits for a real client at accept(), then goes on step by step")
    func serverWalkthrough() throws {
        let recording = FileManager.default.temporaryDirectory.appendingPathComponent("server-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: recording) }
        let server = try PseudoTerminal(executable: Executable.traceURL.path,
                                        arguments: ["server", "--step", "--port", "0", "--lang", "en", "--record", recording],
                                        environment: ["LANG": "C", "TERM": "xterm"], columns: 100)
        let before = server.settings().modes
        #expect(server.read(until: { $0.contains("Enter: ") }))
        server.type("\r")  // setup
        #expect(server.read(until: { NetworkStepTests.port(in: $0) != nil && $0.contains("accept()") }))
        let port = try #require(NetworkStepTests.port(in: server.text))
        server.type("\r")  // step 2: accept() waits
        #expect(server.read(until: { $0.contains("waits for the other program") }))
        let client = BlockingThread { try Executable.run(["client", "--port", port, "--lang", "en"]) }
        // Steps 4, 5, 9, then the server's own closing: each key once its prompt is up (a key typed while
        // accept() still waits for the slow client is read and dropped).
        var prompts = server.text.components(separatedBy: "Enter: ").count - 1
        for _ in 0..<4 {
            #expect(server.read(until: { $0.components(separatedBy: "Enter: ").count - 1 > prompts }))
            prompts = server.text.components(separatedBy: "Enter: ").count - 1
            server.type("\r")
        }
        let clientResult = try client.join(timeout: .seconds(30))
        #expect(clientResult.status == 0)
        #expect(clientResult.output.contains("Message received"))
        #expect(server.waitForExit())
        #expect(server.exitStatus == 0)
        let events = try JSONLinesReader.events(fromFile: recording)
        let steps = events.filter { $0.phase != .start }.compactMap(\.step)
        #expect(steps.first == 2 && steps.last == 9 && steps == steps.sorted())
        #expect(events.filter { $0.phase == .done && $0.operation == .close }.count == 2)
        #expect(server.settings().modes == before)
    }

    @Test("the client's walkthrough against a real server: steps 1, 3, 6, 7, 8")
    func clientWalkthrough() throws {
        let server = try PseudoTerminal(executable: Executable.traceURL.path,
                                        arguments: ["server", "--port", "0", "--lang", "en"],
                                        environment: ["LANG": "C", "TERM": "dumb"], columns: 100)
        // The whole line, up to its newline: a partial read could cut the port short.
        #expect(server.read(until: { $0.range(of: #"listening on \S+:\d+\r?\n"#, options: .regularExpression) != nil }))
        // (A terminal ends lines with "\r\n", one Character in Swift: match the text, do not split it.)
        let match = try #require(server.text.range(of: #"listening on \S+:\d+"#, options: .regularExpression))
        let port = String(server.text[match].reversed().prefix { $0.isNumber }.reversed())
        let piped = try Executable.run(["client", "--step", "--port", port, "--lang", "en"],
                                       input: String(repeating: "\n", count: 6))
        #expect(piped.status == 0)
        #expect(piped.output.contains("Step 8 (5 of 5)"))
        #expect(piped.output.contains("print(\"Message received\")"))
        #expect(server.waitForExit())
        #expect(server.exitStatus == 0)
    }

    @Test("--step does not go with --forever")
    func forever() throws {
        let result = try Executable.run(["server", "--step", "--forever"])
        #expect(result.status == 64)
        #expect(result.errors.contains("--forever"))
    }
}
