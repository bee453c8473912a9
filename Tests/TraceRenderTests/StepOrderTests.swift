import Testing
import TraceText
import TraceCore
import TraceModel
import TraceRender

@Suite("Numbered steps in order, whatever the threads did")
struct StepOrderTests {
    let events = SeedEvents.make()
    var plan: StepPlan { StepPlan(deriving: events) }
    let style = DiagramStyle(language: .en, width: 80)

    /// Lines from the first numbered one through the closure: the exchange itself.
    func exchange(_ lines: [String]) -> ArraySlice<String> {
        guard let first = lines.firstIndex(where: { stepNumber(of: $0) == 1 }),
              let last = lines.lastIndex(where: { $0.contains("closure detected") }) else { return [] }
        return lines[first...last]
    }

    @Test("the steps come out 1 to 9 even though events of steps 6 and 9 arrive before those of 5 and 8")
    func racedArrival() {
        let lines = DiagramRenderer.render(events, style: style)
        #expect(lines.compactMap(stepNumber) == Array(1...9))
        let arrival = events.compactMap(\.step)
        #expect(arrival.firstIndex(of: 6)! < arrival.lastIndex(of: 5)!, "the input really is out of order")
    }

    @Test("500 random interleavings of the two programs give the same exchange, steps in order")
    func interleavings() {
        let canonical = exchange(DiagramRenderer.render(events, style: style, options: DiagramOptions(plan: plan)))
        #expect(canonical.count == 11)
        var generator = SeededGenerator(state: 2024)
        for round in 0..<500 {
            let shuffled = events.interleaved(using: &generator)
            let lines = DiagramRenderer.render(shuffled, style: style, options: DiagramOptions(plan: plan))
            let inOrder = lines.compactMap(stepNumber) == Array(1...9)
            let same = exchange(lines) == canonical
            #expect(inOrder && same, "interleaving \(round): steps in order \(inOrder), same exchange \(same)")
            if !(inOrder && same) { break }
        }
    }

    @Test("live: a step's line is returned as soon as its event and every earlier step are in")
    func incremental() {
        var renderer = DiagramRenderer(style: style, options: DiagramOptions(plan: plan))
        var outputs: [(event: TraceEvent, lines: [String])] = []
        for event in events { outputs.append((event, renderer.consume(event))) }
        func lines(after operation: TraceEvent.Operation, _ actor: TraceEvent.Actor, step: Int) -> [String] {
            outputs.first { $0.event.operation == operation && $0.event.actor == actor && $0.event.step == step && $0.event.phase == .done }!.lines
        }
        #expect(lines(after: .connect, .client, step: 1).compactMap(stepNumber) == [1])
        #expect(lines(after: .recv, .client, step: 6).isEmpty, "step 6 waits for step 5")
        #expect(lines(after: .sendall, .server, step: 5).compactMap(stepNumber) == [5, 6])
        #expect(lines(after: .recv, .server, step: 9).isEmpty, "step 9 waits for step 8")
        #expect(lines(after: .close, .client, step: 8).compactMap(stepNumber) == [8, 9])
        let all = outputs.flatMap(\.lines) + renderer.finish()
        #expect(all == DiagramRenderer.render(events, style: style, options: DiagramOptions(plan: plan)))
    }

    @Test("the server's accept() is shown waiting when it starts before the connection, and not otherwise")
    func waitingAccept() {
        let lines = DiagramRenderer.render(events, style: style)
        let waiting = lines.firstIndex { $0.contains("waiting for a client") }
        let stepOne = lines.firstIndex { stepNumber(of: $0) == 1 }
        #expect(waiting != nil && waiting! < stepOne!)

        var late = events
        let start = late.firstIndex { $0.operation == .accept && $0.phase == .start }!
        let acceptStart = late.remove(at: start)
        let connectDone = late.firstIndex { $0.operation == .connect && $0.phase == .done }!
        late.insert(acceptStart, at: connectDone + 1)
        let lateLines = DiagramRenderer.render(late.renumbered(), style: style)
        #expect(!lateLines.contains { $0.contains("waiting for a client") })
        #expect(lateLines.compactMap(stepNumber) == Array(1...9))
    }

    @Test("a run that stops early: finish() releases the held lines in step order")
    func stoppedEarly() {
        let cut = events.filter { !($0.operation == .sendall && $0.actor == .server && $0.phase == .done) }.renumbered()
        var renderer = DiagramRenderer(style: style, options: DiagramOptions(plan: plan))
        var live: [String] = []
        for event in cut { live += renderer.consume(event) }
        #expect(live.compactMap(stepNumber) == [1, 2, 3, 4], "5 never finished, so 6 to 9 wait")
        let rest = renderer.finish()
        #expect(rest.compactMap(stepNumber) == [6, 7, 8, 9])
    }

    @Test("without a plan, lines come out as their events arrive")
    func noPlan() {
        let lines = DiagramRenderer.render(events, style: style, options: DiagramOptions())
        #expect(lines.compactMap(stepNumber) == [1, 2, 3, 4, 6, 5, 7, 9, 8, 9])
    }

    @Test("a hostile recording with 20,000 events, 1,000 actors and 500 steps in no order is drawn whole")
    func manyActorsAndSteps() {
        var generator = SeededGenerator(state: 7)
        let many: [TraceEvent] = (0..<20_000).map { i in
            TraceEvent(seq: UInt64(i + 1), time: UInt64(i) * 1000, phase: .done,
                       actor: .init(rawValue: "a\(Int.random(in: 0..<1000, using: &generator))"), operation: .recv,
                       step: Int.random(in: 1...500, using: &generator), fd: 3)
        }
        let lines = DiagramRenderer.render(many, style: style)
        #expect(lines.count == 20_000 + 3)
        #expect(Set(lines.compactMap(stepNumber)) == Set(many.compactMap(\.step)))
    }
}
