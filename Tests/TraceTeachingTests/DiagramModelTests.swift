import Testing
import TraceCore
import TraceModel
import TracePrograms
import TraceTeaching
import TraceText

/// The public diagram model, built from real runs.
@Suite("The diagram model: participants, rows, and arrows observed or inferred")
struct DiagramModelTests {
    @Test("lesson 8's recording: two clients and a server, each row on its participant, each connection numbered")
    func threeParticipants() throws {
        let run = try LessonRun.of("8")
        var builder = DiagramBuilder(options: DiagramOptions(plan: run.lesson.scenario.stepPlan))
        var rows: [Row] = []
        for event in run.events { rows += builder.add(event) }
        rows += builder.finish()
        let programs = builder.participants.filter { $0.kind == .program }
        #expect(Set(programs.map(\.id)) == [ParticipantID(actor: .server), ParticipantID(actor: .client, connection: 1),
                                             ParticipantID(actor: .client, connection: 2)])
        #expect(programs.allSatisfy { $0.side == ($0.id.actor == .server ? .right : .left) })
        // Every event but the header and the starts that do not wait makes exactly one row, on its own participant.
        #expect(rows.allSatisfy { $0.participant == ParticipantID($0.event) })
        #expect(rows.filter { $0.kind == .call }.count == run.events.filter { $0.phase == .done }.count)
        // Both clients connect, each with the handshake drawn as an inferred arrow from its own side.
        for client in [1, 2] {
            let connect = try #require(rows.first { $0.participant == ParticipantID(actor: .client, connection: client) && $0.event.operation == .connect })
            #expect(connect.arrow == Arrow(.outgoing, .handshake, evidence: .inferred))
        }
        // The server's accepted connections are numbered, and each row about one says whose it is.
        let accepts = rows.filter { $0.participant.actor == .server && $0.event.operation == .accept && $0.kind == .call }
        #expect(Set(accepts.compactMap(\.connection)) == [1, 2])
        #expect(accepts.allSatisfy { $0.endpoint != nil })
        // Step numbers are shown once per step, in the plan's order.
        let shown = rows.compactMap(\.number)
        #expect(shown == shown.sorted() && Set(shown).count == shown.count, "\(shown)")
    }

    @Test("captured segments for one connection switch its inferred arrows off, and only its")
    func observedConnection() throws {
        let run = try LessonRun.of("8")
        let connect = try #require(run.events.first { $0.phase == .done && $0.operation == .connect && $0.connection == 1 })
        let observed = try #require(ConnectionKey(connect))
        let inferred = DiagramBuilder.rows(of: run.events)
        let captured = DiagramBuilder.rows(of: run.events, options: DiagramOptions(observed: .only([observed])))
        func arrows(_ rows: [Row], on key: ConnectionKey?, matching: Bool) -> Int {
            rows.filter { ($0.arrow != nil) && ((ConnectionKey($0.event) == key) == matching) }.count
        }
        #expect(arrows(inferred, on: observed, matching: true) > 0)
        #expect(arrows(captured, on: observed, matching: true) == 0)
        #expect(arrows(captured, on: observed, matching: false) == arrows(inferred, on: observed, matching: false))
        #expect(arrows(captured, on: observed, matching: false) > 0)
        // Everything else about the rows is the same.
        #expect(captured.map(\.event) == inferred.map(\.event))
    }

    @Test("the seed's header configures the model: its plan orders the steps, its traced sides the view")
    func headerConfigures() throws {
        let run = try LessonRun.of("1")
        var builder = DiagramBuilder()
        _ = builder.add(try #require(run.events.first))
        #expect(builder.header != nil && builder.options.view == .both)
        var serverOnly = TraceHeader(source: .builtIn, command: "server", traced: [.server])
        serverOnly.clock = .init(monotonicOrigin: 0, wallAtOrigin: 0)
        var oneSided = DiagramBuilder()
        _ = oneSided.add(TraceEvent(header: serverOnly))
        #expect(oneSided.options.view == .only(.server))
        #expect(oneSided.participants == [Participant(id: ParticipantID(actor: .client), kind: .network, side: .left)])
    }
}
