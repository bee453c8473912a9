import Testing
import TracePrograms
import TraceModel
import TraceText
import TraceCore
import TraceSockets
import TraceTeaching
import SocketTracing

@Suite("The seed exchange, run for real")
struct SeedScenarioTests {
    func runSeed(host: String = "127.0.0.1") throws -> [TraceEvent] {
        let sink = MemorySink()
        let run = ScenarioRun(scenario: .seed(message: "Hola, servidor", reply: "Mensaje recibido"),
                              tracer: Tracer(sink: sink), options: RunOptions(host: host))
        let outcome = run.run()
        guard case .completed = outcome else {
            Issue.record("run did not complete: \(outcome)")
            return []
        }
        return sink.events
    }

    /// What each actor did, as `op/phase[step]` strings, in order.
    func script(_ events: [TraceEvent], _ actor: TraceEvent.Actor) -> [String] {
        events.filter { $0.actor == actor }.map { e in
            "\(e.operation.rawValue)/\(e.phase.rawValue)" + (e.step.map { "[\($0)]" } ?? "")
        }
    }

    @Test("each actor emits exactly the expected events, in order", arguments: ["127.0.0.1", "::1"])
    func orderedEvents(host: String) throws {
        let events = try runSeed(host: host)
        #expect(script(events, .server) == [
            "socket/start", "socket/done", "setsockopt/start", "setsockopt/done", "bind/start", "bind/done",
            "listen/start", "listen/done", "accept/start[2]", "accept/done[2]", "recv/start[4]", "recv/done[4]",
            "print/instant[4]", "sendall/start[5]", "sendall/done[5]", "recv/start[9]", "recv/done[9]",
            "peer_closed/instant[9]", "close/start", "close/done", "close/start", "close/done",
        ])
        #expect(script(events, .client) == [
            "socket/start", "socket/done", "connect/start[1]", "connect/done[1]", "sendall/start[3]",
            "sendall/done[3]", "recv/start[6]", "recv/done[6]", "print/instant[7]", "close/start[8]", "close/done[8]",
        ])
        #expect(events.allSatisfy { $0.error == nil })
    }

    @Test("the messages travel whole: bytes counted on both sides, text shown at steps 4 and 7")
    func payloads() throws {
        let events = try runSeed()
        func done(_ op: TraceEvent.Operation, step: Int) -> TraceEvent? {
            events.first { $0.operation == op && $0.step == step && $0.phase != .start }
        }
        #expect(done(.sendall, step: 3)?.bytes == 14)
        #expect(done(.recv, step: 4)?.bytes == 14)
        #expect(done(.print, step: 4)?.preview == "Hola, servidor")
        #expect(done(.sendall, step: 5)?.bytes == 16)
        #expect(done(.recv, step: 6)?.bytes == 16)
        #expect(done(.print, step: 7)?.preview == "Mensaje recibido")
        #expect(done(.recv, step: 9)?.bytes == 0)
    }

    @Test("the server's accepted connection and the client's socket name the same two endpoints")
    func endpoints() throws {
        let events = try runSeed()
        let connect = try #require(events.first { $0.operation == .connect && $0.phase == .done })
        let accept = try #require(events.first { $0.operation == .accept && $0.phase == .done })
        #expect(connect.local == accept.remote)
        #expect(connect.remote == accept.local)
        #expect(connect.local?.hasPrefix("127.0.0.1:") == true)
    }

    #if os(Linux)
    @Test("the kernel's states along the way: ESTABLISHED for the exchange, CLOSE_WAIT when the server sees the closure")
    func kernelStates() throws {
        let events = try runSeed()
        let states = Dictionary(events.filter { $0.phase == .done && $0.step != nil }.compactMap { e in
            e.tcp?.state.map { ("\(e.actor)/\(e.operation)/\(e.step!)", $0.name) }
        }, uniquingKeysWith: { a, _ in a })
        #expect(states["client/connect/1"] == "ESTABLISHED")
        #expect(states["client/sendall/3"] == "ESTABLISHED")
        #expect(states["server/recv/4"] == "ESTABLISHED")
        #expect(states["server/recv/9"] == "CLOSE_WAIT")
    }
    #endif

    @Test("a step's event numbering: every step 1-9 appears, in the seed's order of completion per actor")
    func everyStep() throws {
        let events = try runSeed()
        let steps = Set(events.compactMap(\.step))
        #expect(steps == Set(1...9).subtracting([]) || steps == Set(1...9))
        #expect(Scenario.seed(message: "a", reply: "b").steps == Array(1...9))
    }

    @Test("fifty runs in a row all complete with every socket closed")
    func repeatedRuns() throws {
        for _ in 0..<50 {
            let events = try runSeed()
            let opened = events.filter { $0.phase == .done && ($0.operation == .socket || $0.operation == .accept) }.count
            let closed = events.filter { $0.phase == .done && $0.operation == .close }.count
            #expect(opened == 3 && closed == 3)
        }
    }

    @Test("connecting to a host that does not resolve fails the run with the resolver's error, all sockets closed")
    func badHost() {
        let sink = MemorySink()
        let run = ScenarioRun(scenario: .seed(message: "a", reply: "b"), tracer: Tracer(sink: sink),
                              options: RunOptions(host: "no-such-host.invalid", timeout: .seconds(5)))
        guard case .failed(let error) = run.run() else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.description.contains("EAI_"))
    }
}
