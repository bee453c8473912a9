import Foundation
import Testing
import TracePrograms
import TraceModel
import TraceText
import TraceCore
import TraceTeaching
import SocketTracing

@Suite("The classroom pace (--delay)")
struct ClassroomPacerTests {
    let scenario = Scenario.seed(message: "Hola, servidor", reply: "Mensaje recibido")

    @Test("the server is already waiting in accept() when the delayed connect() comes; each beat waits its delay")
    func beats() throws {
        let sink = MemorySink()
        let run = ScenarioRun(scenario: scenario, tracer: Tracer(sink: sink),
                              pacer: ClassroomPacer(scenario: scenario, delay: .milliseconds(30)))
        guard case .completed = run.run() else { Issue.record("the run did not complete"); return }
        let events = sink.events
        let acceptStart = try #require(events.first { $0.operation == .accept && $0.phase == .start })
        let connectStart = try #require(events.first { $0.operation == .connect && $0.phase == .start })
        #expect(acceptStart.seq < connectStart.seq)
        let accept = try #require(events.first { $0.operation == .accept && $0.phase == .done })
        #expect(accept.duration! >= 25_000_000, "accept() waited through the client's pause")
        let starts = events.filter { $0.phase != .done && [.connect, .sendall, .print, .close].contains($0.operation) && $0.step != nil }
        let gaps = zip(starts, starts.dropFirst()).filter { $0.0.actor == $0.1.actor }.map { $0.1.time - $0.0.time }
        #expect(!gaps.isEmpty && gaps.allSatisfy { $0 >= 25_000_000 }, "\(gaps)")
    }

    @Test("cancelling during a long pause stops the run at once")
    func cancel() {
        let run = ScenarioRun(scenario: scenario, tracer: Tracer(sink: DiscardSink()),
                              pacer: ClassroomPacer(scenario: scenario, delay: .seconds(10)))
        let accept = scenario.actions.firstIndex { if case .accept = $0.call { return true }; return false }!
        let canceller = Thread {
            for _ in 0..<2000 where !run.hasStarted(accept) { Thread.sleep(forTimeInterval: 0.001) }
            run.cancel()
        }
        let began = Date()
        canceller.start()
        let outcome = run.run()
        guard case .cancelled = outcome else { Issue.record("expected cancelled, got \(outcome)"); return }
        #expect(Date().timeIntervalSince(began) < 5, "the 10 s pause was cut short")
    }
}
