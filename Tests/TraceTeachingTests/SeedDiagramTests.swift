import Testing
import TracePrograms
import TraceModel
import TraceText
import TraceCore
import TraceRender
import TraceTeaching
import SocketTracing

@Suite("The seed drawn live, and its debrief")
struct SeedDiagramTests {
    let scenario = Scenario.seed(message: "Hola, servidor", reply: "Mensaje recibido")

    /// Runs the seed for real, drawing it live; returns the drawn lines and the events.
    func drawLive(style: DiagramStyle) -> (lines: [String], events: [TraceEvent])? {
        let output = StringOutput(), memory = MemorySink()
        let diagram = DiagramSink(style: style, options: DiagramOptions(plan: scenario.stepPlan), output: output)
        let run = ScenarioRun(scenario: scenario, tracer: Tracer(sink: FanOutSink([diagram, memory])))
        guard case .completed = run.run() else { return nil }
        diagram.finish()
        return (output.lines, memory.events)
    }

    @Test("200 runs in a row: steps 1 to 9 in order every time, and replaying the events draws the same lines")
    func repeatedRuns() {
        let style = DiagramStyle(language: .es, width: 80)
        for round in 0..<200 {
            guard let (lines, events) = drawLive(style: style) else {
                Issue.record("run \(round) did not complete")
                return
            }
            let steps = lines.compactMap { Int(String($0.prefix(3)).filter { $0 != " " }) }
            let replayed = DiagramRenderer.render(events, style: style)
            #expect(steps == Array(1...9) && lines == replayed, "run \(round): steps \(steps)")
            if steps != Array(1...9) || lines != replayed { return }
        }
    }

    @Test("the plan: nine steps in the seed's order, step 4 finished by recv and print")
    func plan() {
        let plan = scenario.stepPlan
        #expect(plan.steps.map(\.number) == Array(1...9))
        #expect(plan.steps[3].completions == [.init(.server, .recv), .init(.server, .print)])
        #expect(plan.steps[0].completions == [.init(.client, .connect)])
    }

    @Test("the debrief quotes this run's own measurements", arguments: Language.allCases)
    func debrief(language: Language) throws {
        let (_, events) = try #require(drawLive(style: DiagramStyle(language: language)))
        let run = RunMeasurements(events)
        let debrief = SeedDebrief.make(run, language: language)
        let text = debrief.lines(style: DiagramStyle(language: language, width: 200)).joined(separator: " ")
        let reply = try #require(run.done(.server, .sendall, step: 5))
        #expect(debrief.points.count == (reply.tcp?.state == TCPState(name: "ESTABLISHED") ? 4 : 5))
        let total = try #require(run.exchangeDuration)
        #expect(text.contains(TimeText.total(total)))
        #expect(text.contains("14 + 16"))
        let port = try #require(run.listeningAddress.flatMap(Endpoint.init).map { String($0.port) })
        #expect(text.contains(port))
        let connect = try #require(run.done(.client, .connect, step: 1))
        #expect(text.contains(TimeText.duration(connect.duration!)))
        let closure = try #require(run.closure)
        #expect(closure.detectedBy == .server && closure.leftLoop && closure.cause == .close)
        if let state = closure.state { #expect(text.contains(state.name)) }
        #expect(run.deliveries.map(\.sent) == [14, 16])
        #expect(run.deliveries.allSatisfy { $0.isComplete && $0.sameText == true }, "\(run.deliveries)")
        #expect(SeedDebrief.applies(to: run))
    }

    @Test("a reply whose socket was already in CLOSE_WAIT gets a word about the race")
    func overtaken() throws {
        let (_, events) = try #require(drawLive(style: DiagramStyle(language: .en)))
        let raced = events.map { e -> TraceEvent in
            var e = e
            if e.operation == .sendall && e.step == 5 && e.phase == .done {
                e.tcp = TraceEvent.KernelView(state: TCPState(name: "CLOSE_WAIT"))
                e.time = events.map(\.time).max()!
            }
            return e
        }
        let text = SeedDebrief.make(RunMeasurements(raced), language: .en).points.joined()
        #expect(text.contains("so that step already shows CLOSE_WAIT"))
    }

    @Test("without TCP_INFO, a cut recording, or a pause: no claim the events do not back")
    func missingMeasurements() throws {
        let (_, events) = try #require(drawLive(style: DiagramStyle(language: .en)))
        let noKernel = events.map { e -> TraceEvent in var e = e; e.tcp = nil; return e }
        let plain = SeedDebrief.make(RunMeasurements(noKernel), language: .en)
        let plainText = ([plain.heading] + plain.points + [plain.note ?? ""]).joined(separator: " ")
        #expect(!plainText.contains("ESTABLISHED") && !plainText.contains("CLOSE_WAIT"))
        #expect(plain.points.count == 4)

        let cut = Array(events.prefix { $0.step ?? 0 < 5 })
        let short = SeedDebrief.make(RunMeasurements(cut), language: .en)
        #expect(!([short.note ?? ""] + short.points).joined().contains("FIN"))
        #expect(!SeedDebrief.applies(to: RunMeasurements(cut)))

        let paced = SeedDebrief.make(RunMeasurements(events), language: .es, pacing: .delay(milliseconds: 200))
        #expect(paced.note?.contains("--delay") == true)
    }
}
