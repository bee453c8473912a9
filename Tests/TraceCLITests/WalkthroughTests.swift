import Foundation
import Synchronization
import Testing
import TracePrograms
import TraceModel
import TraceText
import TraceCore
import TraceRender
import TraceSockets
import TraceTeaching
import SocketTracing
@testable import TraceCLI

/// Commands given in order; the monotonic time each one was handed over is kept.
final class ScriptedInput: WalkthroughInput {
    private let state: Mutex<(commands: [WalkthroughCommand], handedAt: [UInt64])>

    /// A learner who reads each card for `readingPolls` of the walkthrough's waits before answering:
    /// long enough for a card to say "now: …" when the kernel's state changes meanwhile.
    private let readingPolls: Int
    private let polled = Mutex(0)

    init(_ commands: [WalkthroughCommand], readingPolls: Int = 0) {
        state = Mutex((commands, []))
        self.readingPolls = readingPolls
    }

    func nextCommand() -> WalkthroughCommand {
        state.withLock { s in
            s.handedAt.append(MonotonicClock.now())
            return s.commands.isEmpty ? .endOfInput : s.commands.removeFirst()
        }
    }

    var handedAt: [UInt64] { state.withLock { $0.handedAt } }

    func command(within milliseconds: Int32) -> WalkthroughCommand? { nil }

    func nextCommand(within milliseconds: Int32) -> WalkthroughCommand? {
        let reading = polled.withLock { count -> Bool in
            count += 1
            if count > readingPolls { count = 0 }
            return count != 0
        }
        guard reading else { return nextCommand() }
        _ = poll(nil, 0, milliseconds)
        return nil
    }
}

@Suite("The step-by-step walkthrough, on real sockets")
struct WalkthroughTests {
    struct Outcome {
        let ending: WalkthroughEnding
        let runOutcome: ScenarioRun.Outcome
        let events: [TraceEvent]
        let origin: UInt64
        let output: String
        let walkthrough: Walkthrough
        let input: ScriptedInput
    }

    func walk(_ commands: [WalkthroughCommand], language: Language = .en, glossary: any TermLookup = NoGlossary(),
              readingPolls: Int = 0) throws -> Outcome {
        let sink = MemorySink()
        let tracer = Tracer(sink: sink)
        let scenario = Scenario.seed(message: "Hola, servidor", reply: "Mensaje recibido")
        let output = StringOutput()
        let screen = LineWalkthroughScreen(style: DiagramStyle(language: language, width: 80), output: output, erasesPrompt: false)
        let walkthrough = Walkthrough(scenario: scenario, language: language, screen: screen, glossary: glossary)
        let options = RunOptions()
        let run = ScenarioRun(scenario: scenario, tracer: tracer, options: options, pacer: walkthrough)
        let runner = BlockingThread { run.run() }
        let input = ScriptedInput(commands, readingPolls: readingPolls)
        let ending = walkthrough.drive(run, input: input, options: options)
        let runOutcome = try runner.join(timeout: .seconds(20))
        return Outcome(ending: ending, runOutcome: runOutcome, events: sink.events, origin: tracer.origin,
                       output: output.text, walkthrough: walkthrough, input: input)
    }

    @Test("no stop's system call starts before the learner asked for it, and steps come in order")
    func callsStartAfterTheKey() throws {
        let stops = WalkthroughStop.stops(of: .seed(message: "a", reply: "b"))
        let result = try walk(Array(repeating: .advance, count: stops.count))
        #expect(result.ending == .finished)
        guard case .completed = result.runOutcome else { Issue.record("run: \(result.runOutcome)"); return }
        let scenario = result.walkthrough.scenario
        let asked = result.input.handedAt
        #expect(asked.count == stops.count)
        _ = scenario
        for (k, stop) in stops.enumerated() {
            // Every event of this stop's step starts after the key that asked for it.
            if let step = stop.step {
                let starts = result.events.filter { $0.step == step && $0.phase != .done }
                #expect(!starts.isEmpty)
                for event in starts { #expect(result.origin + event.time >= asked[k], "step \(step) started before its key") }
            }
        }
        let stepOrder = result.events.filter { $0.phase != .done && $0.step != nil }.map { $0.step! }
        #expect(stepOrder == stepOrder.sorted())
        #expect(Set(stepOrder) == Set(1...9))
    }

    @Test("quitting half-way stops the run and closes every socket")
    func quitHalfWay() throws {
        let result = try walk([.advance, .advance, .advance, .advance, .quit])
        #expect(result.ending == .quit)
        guard case .cancelled = result.runOutcome else { Issue.record("run: \(result.runOutcome)"); return }
        let opened = result.events.filter { $0.phase == .done && $0.error == nil && ($0.operation == .socket || $0.operation == .accept) }
        let closed = result.events.filter { $0.phase == .done && $0.operation == .close }
        #expect(opened.count == closed.count)
        // Four advances: server setup, client socket, step 1, step 2. Nothing of step 3 on may have run.
        #expect(result.events.contains { $0.step == 2 })
        #expect(!result.events.contains { ($0.step ?? 0) >= 3 })
    }

    @Test("end of input stops cleanly and says where")
    func endOfInput() throws {
        let result = try walk([.advance, .advance])
        #expect(result.ending == .endOfInput(beforeStop: 2))
        let opened = result.events.filter { $0.phase == .done && ($0.operation == .socket || $0.operation == .accept) }
        #expect(opened.count == result.events.filter { $0.phase == .done && $0.operation == .close }.count)
    }

    @Test("'a' runs the rest without pausing")
    func all() throws {
        let result = try walk([.advance, .all])
        #expect(result.ending == .finished)
        guard case .completed = result.runOutcome else { Issue.record("run: \(result.runOutcome)"); return }
        #expect(Set(result.events.compactMap(\.step)) == Set(1...9))
    }

    #if os(Linux)
    @Test("the cards say what the kernel already did, read from the kernel at that moment")
    func kernelNotes() throws {
        let stops = WalkthroughStop.stops(of: .seed(message: "a", reply: "b"))
        // Each card is read a while: on a loaded machine the kernel may finish a step's work (a segment
        // handled late by its softirq) after the card was drawn, and the card then says "now: …".
        let result = try walk(Array(repeating: .advance, count: stops.count), readingPolls: 1)
        let text = result.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("queued: 1"))
        #expect(text.contains("14 bytes are waiting in the receive buffer"))
        #expect(text.contains("16 bytes are waiting in the receive buffer"))
        #expect(text.contains("socket is in CLOSE_WAIT"))
        #expect(text.contains("The server is already listening"))
    }
    #endif

    @Test("Spanish and English cards are complete: every stop has its title, program and kernel lines",
          arguments: [Language.es, Language.en])
    func cardsComplete(language: Language) throws {
        let stops = WalkthroughStop.stops(of: .seed(message: "a", reply: "b"))
        let result = try walk(Array(repeating: .advance, count: stops.count), language: language)
        let program = language == .es ? "Programa" : "Program"
        let kernel = language == .es ? "Núcleo" : "Kernel"
        let calls = result.walkthrough.scenario.actions.count
        #expect(result.output.components(separatedBy: "  \(program)").count - 1 == calls)
        #expect(result.output.components(separatedBy: "  \(kernel)").count - 1 == calls)
        #expect(result.output.components(separatedBy: "━━ ").count - 1 == stops.count)
        for step in 1...9 {
            #expect(result.output.contains(language == .es ? "Paso \(step) de 9" : "Step \(step) of 9"))
        }
        #expect(result.output.split(separator: "\n").allSatisfy { DisplayWidth.of($0) <= 80 })
    }

    @Test("'g' shows definitions and '?' the keys, without running anything")
    func glossaryAndHelp() throws {
        let result = try walk([.glossary, .help, .quit])
        #expect(result.output.contains("Enter, space, n or →"))
        #expect(result.output.contains("socket: "))
        #expect(result.events.filter { $0.phase == .start }.isEmpty)
    }

    @Test("'g' reads the glossary's definitions without their Markdown backticks", arguments: Language.allCases)
    func definitionsWithoutBackticks(language: Language) throws {
        let result = try walk([.glossary, .quit], language: language, glossary: TeachingGlossary.lookup)
        let text = result.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains(language.pick(es: "lo crea con socket() y", en: "creates it with socket() and")))
        #expect(!result.output.contains("`"))
    }
}

/// A learner who reads each card until `ready` says the screen shows what they are waiting for.
final class PatientInput: WalkthroughInput {
    private let ready: @Sendable (Int) -> Bool
    private let given = Mutex(0)

    init(ready: @escaping @Sendable (Int) -> Bool) { self.ready = ready }

    func nextCommand() -> WalkthroughCommand { .advance }

    func nextCommand(within milliseconds: Int32) -> WalkthroughCommand? {
        let n = given.withLock { $0 }
        guard ready(n) else {
            Thread.sleep(forTimeInterval: Double(milliseconds) / 1000)
            return nil
        }
        given.withLock { $0 += 1 }
        return .advance
    }

    func command(within milliseconds: Int32) -> WalkthroughCommand? { nil }
}

@Suite("A card says what the kernel holds now when it changes while the learner reads")
struct StaleCardTests {
    @Test("trace server's step-9 card: 'nothing has arrived yet', then, once the client closes, 'now: … CLOSE_WAIT'")
    func refreshedWhenThePeerCloses() throws {
        let scenario = Scenario.serverAlone(reply: "ok")
        let output = StringOutput()
        let screen = LineWalkthroughScreen(style: DiagramStyle(language: .en, width: 100), output: output, erasesPrompt: false)
        let walkthrough = Walkthrough(scenario: scenario, language: .en, screen: screen, glossary: NoGlossary())
        let stops = walkthrough.stops
        let lastRecv = try #require(stops.firstIndex { $0.step == 9 })
        // Every card is read at once but the step-9 one, which waits until the screen says the kernel changed.
        let input = PatientInput { n in n != lastRecv || output.text.contains("Now: ") }
        let options = RunOptions(timeout: .seconds(20))
        let run = ScenarioRun(scenario: scenario, tracer: Tracer(sink: DiscardSink()), options: options, pacer: walkthrough)
        let runner = BlockingThread { run.run() }
        let conductor = BlockingThread { walkthrough.drive(run, input: input, options: options) }
        let deadline = Date(timeIntervalSinceNow: 10)
        var address: SocketAddress?
        while address == nil && Date() < deadline {
            address = run.listeningAddressIfKnown(of: "server")
            if address == nil { Thread.sleep(forTimeInterval: 0.002) }
        }
        let client = try Socket.tcp()
        try client.connect(to: try #require(address))
        try client.sendAll("hola")
        _ = try client.withDeadline(.seconds(10)) { () throws(SocketError) in try client.receive(upTo: 16) }
        // The step-9 card is up, saying nothing has arrived; then the client closes while it is read.
        func stepNineCard() -> Substring? {
            let text = output.text
            return text.range(of: "Step 9").map { text[$0.lowerBound...] }
        }
        while stepNineCard()?.contains("Nothing has arrived yet") != true && Date() < deadline { Thread.sleep(forTimeInterval: 0.002) }
        #expect(stepNineCard()?.contains("Nothing has arrived yet") == true)
        try client.close()
        #expect(try conductor.join(timeout: .seconds(10)) == .finished)
        #expect(output.text.contains("Now: The kernel already did it: the other side's FIN arrived and the socket is in CLOSE_WAIT"))
        guard case .completed = try runner.join(timeout: .seconds(10)) else { Issue.record("the run did not complete"); return }
    }
}
