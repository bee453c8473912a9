import Testing
import TraceCore
import TraceModel
import TraceRender
import TraceText

/// What the model and the terminal make of a traced program's events (`trace run`).
@Suite("A traced program's rows")
struct ProgramRowsTests {
    static func moment(_ operation: TraceEvent.Operation, pid: Int32, tid: Int32? = nil, ret: Int64? = nil, text: String? = nil,
                       actor: TraceEvent.Actor = .server) -> TraceEvent {
        var e = TraceEvent(phase: .instant, actor: actor, operation: operation, text: text, pid: pid, tid: tid ?? pid)
        e.returnValue = ret
        if operation == .exit { e.exitStatus = 0 }
        return e
    }

    static func call(_ operation: TraceEvent.Operation, pid: Int32, tid: Int32? = nil, fd: Int32 = 3, syscall: String? = nil,
                     actor: TraceEvent.Actor = .server) -> TraceEvent {
        var e = TraceEvent(phase: .done, actor: actor, operation: operation, fd: fd, duration: 1000, pid: pid, tid: tid ?? pid,
                           systemCall: syscall)
        if operation == .socket { e.newFD = fd; e.family = "ipv4" }
        return e
    }

    static let header = TraceHeader(source: .program, command: "run", traced: [.server])

    static func rows(_ events: [TraceEvent]) -> [Row] {
        DiagramBuilder.rows(of: ([TraceEvent(header: header)] + events).renumbered())
    }

    @Test("a shim's execs and its helpers make no row; the program that calls shows with what it runs; the first process always ends on the diagram")
    func helpersLeftOut() {
        let rows = Self.rows([
            Self.moment(.exec, pid: 10, text: "/usr/bin/env"), Self.moment(.exec, pid: 10, text: "/usr/bin/bash"),
            Self.moment(.fork, pid: 10, ret: 11), Self.moment(.exec, pid: 11, text: "/usr/bin/readlink"), Self.moment(.exit, pid: 11),
            Self.moment(.exec, pid: 10, text: "/usr/bin/python3"), Self.call(.socket, pid: 10), Self.moment(.exit, pid: 10),
        ])
        #expect(rows.map(\.event.operation) == [.exec, .socket, .exit])
        #expect(rows.first?.event.text == "/usr/bin/python3")
        let quiet = Self.rows([Self.moment(.exec, pid: 20, text: "/usr/bin/true"), Self.moment(.exit, pid: 20)])
        #expect(quiet.map(\.event.operation) == [.exec, .exit])
    }

    @Test("a child that calls: its parent's fork first; rows name their process once the side has two, their thread once the process has two")
    func processAndThreadLabels() {
        let rows = Self.rows([
            Self.call(.socket, pid: 10), Self.moment(.fork, pid: 10, ret: 11), Self.moment(.thread, pid: 10, ret: 12),
            Self.call(.accept, pid: 11), Self.call(.recv, pid: 10, tid: 12), Self.call(.close, pid: 10),
        ])
        #expect(rows.map(\.event.operation) == [.socket, .fork, .accept, .thread, .recv, .close])
        #expect(rows.map(\.process) == [nil, nil, 11, 10, 10, 10])
        #expect(rows[4].thread == 12 && rows[5].thread == 10)
        var builder = DiagramBuilder()
        for e in ([TraceEvent(header: Self.header)] + [Self.call(.socket, pid: 10), Self.call(.socket, pid: 11, fd: 4)]).renumbered() {
            _ = builder.add(e)
        }
        #expect(builder.participants.filter { $0.kind == .program }.map(\.id.pid) == [10, 11])
    }

    @Test("the terminal: the real call beside the lesson's name, a crash by its signal, a thread's birth")
    func labels() {
        var killed = Self.moment(.signal, pid: 10)
        killed.signal = "SIGSEGV"
        killed.exitStatus = 139
        let lines = DiagramRenderer.render(([TraceEvent(header: Self.header)] + [
            Self.call(.accept, pid: 10, syscall: "accept4"), Self.moment(.thread, pid: 10, ret: 12),
            Self.call(.recv, pid: 10, tid: 12, fd: 4, syscall: "read"), killed,
        ]).renumbered(), style: DiagramStyle(language: .en, ascii: false, color: false, width: 100))
        let text = lines.joined(separator: "\n")
        #expect(text.contains("accept() [accept4]"))
        #expect(text.contains("new thread: tid 12") && text.contains("tid 12 recv() [read]"))
        #expect(text.contains("killed by SIGSEGV → status 139"))
    }

    @Test("a client process with several connections is one participant")
    func oneParticipantPerProcess() {
        var a = Self.call(.connect, pid: 30, actor: .client)
        a.connection = 1
        var b = Self.call(.connect, pid: 30, fd: 4, actor: .client)
        b.connection = 2
        #expect(ParticipantID(a) == ParticipantID(b))
        var builtIn = TraceEvent(phase: .done, actor: .client, connection: 1, operation: .connect)
        #expect(ParticipantID(builtIn).connection == 1)
        builtIn.connection = 2
        #expect(ParticipantID(builtIn).connection == 2)
    }
}
