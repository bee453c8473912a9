import Testing
import TraceCore

@Suite("JSON Lines: what a traced program's events add")
struct ProgramEventJSONTests {
    @Test("the real system call, the process's end and its signal survive a round trip, in their place")
    func programFields() throws {
        var accept = TraceEvent(seq: 4, time: 10, phase: .done, actor: .server, operation: .accept, fd: 3)
        accept.pid = 4242
        accept.tid = 4243
        accept.callID = 3
        accept.systemCall = "accept4"
        accept.newFD = 4
        var exit = TraceEvent(seq: 5, time: 11, phase: .instant, actor: .server, operation: .exit)
        exit.pid = 4242
        exit.exitStatus = 3
        var killed = TraceEvent(seq: 6, time: 12, phase: .instant, actor: .client, operation: .signal)
        killed.pid = 4300
        killed.signal = "SIGSEGV"
        killed.text = "core dumped"
        let text = [accept, exit, killed].map(JSONLinesWriter.line(for:)).joined()
        #expect(text.contains("\"op\":\"accept\",\"syscall\":\"accept4\",\"id\":3"))
        #expect(text.contains("\"status\":3"))
        #expect(text.contains("\"signal\":\"SIGSEGV\""))
        #expect(try JSONLinesReader.events(from: Array(text.utf8), source: "mem") == [accept, exit, killed])
    }

    @Test("a header names the programs and their command lines; a clock given to the tracer is kept")
    func headerPrograms() throws {
        let clock = TraceHeader.Clock(monotonicOrigin: 1_000, wallAtOrigin: 2_000)
        let header = TraceHeader(source: .program, command: "run", traced: [.server, .client], clock: clock,
                                 programs: [.init(actor: .server, arguments: ["python3", "servidor.py", "0"]),
                                            .init(actor: .client, arguments: ["python3", "cliente.py", "a b"])])
        let sink = MemorySink()
        let tracer = Tracer(sink: sink, header: header)
        #expect(tracer.origin == 1_000)
        #expect(tracer.header.clock == clock)
        #expect(tracer.relative(1_500) == 500)
        let line = JSONLinesWriter.line(for: sink.events[0])
        #expect(line.contains("\"programs\":[{\"actor\":\"server\",\"argv\":[\"python3\",\"servidor.py\",\"0\"]}"))
        let back = try JSONLinesReader.events(from: Array(line.utf8), source: "mem")
        #expect(back.first?.header == header)
    }

    @Test("a header's programs must be actors with words")
    func malformedPrograms() {
        let line = "{\"v\":1,\"seq\":1,\"t_ns\":0,\"phase\":\"instant\",\"actor\":\"trace\",\"op\":\"header\",\"header\":"
            + "{\"source\":\"program\",\"command\":\"run\",\"traced\":[\"client\"],\"tool\":\"trace\",\"programs\":[{\"actor\":\"client\",\"argv\":[1]}]}}"
        #expect {
            _ = try JSONLinesReader.events(from: Array(line.utf8), source: "rec")
        } throws: { ($0 as? JSONLinesError)?.reason.contains("header.programs.argv") == true }
    }
}
