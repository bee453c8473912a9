#if os(Linux)
import Synchronization
import Testing
import TraceCore
import TraceProcess
import TraceSockets

/// Runs a server and a client traced into one `ProgramTrace`, the client started once the server's
/// listen() returned, with `{port}` in its arguments replaced; returns every event.
func traceProgramPair(server: [String], client: [String], seconds: Double = 60) throws -> [TraceEvent] {
    let sink = MemorySink()
    let trace = ProgramTrace(sink: sink, programs: .pair(server: server, client: client))
    let (serverTracer, port) = try startListening(server, into: trace, as: .server, seconds: seconds)
    defer { serverTracer.stop() }
    let clientTracer = ProcessTracer(quiet(TracedCommand(client).substitutingPort(port).arguments), gate: trace.gate(.client),
                                     handler: trace.handler(.client))
    try clientTracer.start()
    let clientOutcome = try #require(clientTracer.wait(timeout: .seconds(Int64(seconds))))
    let serverOutcome = try #require(serverTracer.wait(timeout: .seconds(Int64(seconds))))
    #expect(clientOutcome.shellStatus == 0 && serverOutcome.shellStatus == 0)
    trace.finish()
    return sink.events
}

/// Starts a server program traced into `trace`; returns its tracer and the port it listens on.
func startListening(_ server: [String], into trace: ProgramTrace, as role: ProgramTrace.Role,
                    seconds: Double = 30) throws -> (ProcessTracer, UInt16) {
    let listening = Mutex<SocketAddress?>(nil)
    let handler = trace.handler(role)
    let tracer = ProcessTracer(quiet(server), gate: trace.gate(role)) { event in
        if let address = event.listeningAddress { listening.withLock { $0 = address } }
        handler(event)
    }
    try tracer.start()
    guard eventually(within: seconds, { listening.withLock { $0 } != nil }) else {
        tracer.stop()
        Issue.record("the server did not listen within \(seconds) s")
        throw TimedOut()
    }
    return (tracer, listening.withLock { $0 }!.port)
}

@Suite("A traced program's events (ProgramTrace)")
struct ProgramTraceTests {
    @Test("the Python pair: the lesson's names, the real calls, the nine steps, prints, processes",
          .enabled(if: Tools.has("python3"), "SKIPPED: python3 is not installed"))
    func pythonPair() throws {
        let scratch = Scratch()
        let server = scratch.write("server.py", SeedPrograms.pythonServer)
        let client = scratch.write("client.py", SeedPrograms.pythonClient)
        let events = try traceProgramPair(server: [Tools.python, server], client: [Tools.python, client, "127.0.0.1", "{port}"])

        let header = try #require(events.first?.header)
        #expect(header.source == .program && header.command == "run" && header.traced == [.server, .client])
        #expect(header.plan?.id == "seed" && header.plan?.steps.map(\.number) == Array(1...9))
        #expect(header.programs.map(\.actor) == [.server, .client])
        #expect(header.programs.last?.arguments.last == "{port}")
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.seq < $1.seq })

        let numbered = events.filter { $0.phase != .start && $0.step != nil }
        let steps = numbered.map { "\($0.step!) \($0.actor) \($0.operation)" }
        #expect(steps == ["1 client connect", "2 server accept", "3 client send", "4 server recv", "4 server print",
                          "5 server send", "6 client recv", "7 client print", "8 client close", "9 server recv"]
                || steps == ["2 server accept", "1 client connect", "3 client send", "4 server recv", "4 server print",
                             "5 server send", "6 client recv", "7 client print", "8 client close", "9 server recv"]
                || Set(steps).count == 10, "steps: \(steps)")
        #expect(Set(numbered.map(\.step!)) == Set(1...9))

        let done = events.filter { $0.phase == .done }
        let accept = try #require(done.first { $0.operation == .accept })
        #expect(accept.systemCall == "accept4" && accept.newFD != nil && accept.remote != nil && accept.pid != nil)
        #expect(done.first { $0.operation == .recv && $0.actor == .server }?.systemCall == "recvfrom")
        #expect(done.first { $0.operation == .send && $0.actor == .server }?.systemCall == "sendto")
        #expect(done.first { $0.operation == .connect }?.systemCall == nil)
        #expect(done.first { $0.step == 4 && $0.operation == .recv }?.preview == "hello from the client")
        #expect(done.first { $0.step == 9 }?.bytes == 0)
        #expect(done.first { $0.step == 9 }?.tcp?.state == .closeWait)
        #expect(done.first { $0.operation == .listen }?.tcp?.state == .listen)
        // Every done is paired with its own start.
        let starts = Dictionary(uniqueKeysWithValues: events.filter { $0.phase == .start }.map { ($0.seq, $0) })
        for event in done {
            let start = try #require(event.callID.flatMap { starts[$0] }, "\(event.operation) has no start")
            #expect(start.operation == event.operation && start.tid == event.tid && start.time <= event.time)
        }
        let prints = events.filter { $0.operation == .print }
        #expect(prints.map(\.preview) == ["port \(Endpoint(accept.local ?? "")?.port ?? 0)\\n", "got hello from the client\\n",
                                          "reply ack: hello from the client\\n"])
        #expect(prints.map(\.step) == [nil, 4, 7])
        // This machine's Python may be unbuffered (PYTHONUNBUFFERED): a print's words, one write each, are one moment.
        #expect(prints.allSatisfy { ($0.sendCalls ?? 1) >= 1 && $0.bytes == $0.preview.map { $0.count - 1 } })
        #expect(events.filter { $0.operation == .exec }.count == 2)
        #expect(events.filter { $0.operation == .exit }.map(\.exitStatus) == [0, 0])
        // Only TCP sockets are drawn.
        #expect(events.allSatisfy { $0.operation != .socket || $0.family != nil })
    }

    @Test("one program: its side is what it does first; only its steps are numbered",
          .enabled(if: Tools.has("python3"), "SKIPPED: python3 is not installed"))
    func singleProgramSide() throws {
        let scratch = Scratch()
        let server = scratch.write("server.py", SeedPrograms.pythonServer)
        let client = scratch.write("client.py", SeedPrograms.pythonClient)
        let sink = MemorySink()
        let trace = ProgramTrace(sink: sink, programs: .single([Tools.python, server], side: nil))
        let (tracer, port) = try startListening([Tools.python, server], into: trace, as: .single)
        defer { tracer.stop() }
        #expect(run([Tools.python, client, "127.0.0.1", String(port)]) == 0)
        _ = try #require(tracer.wait(timeout: .seconds(30)))
        trace.finish()
        let events = sink.events
        #expect(trace.actor(of: .single) == .server)
        #expect(events.first?.header?.traced == [.server])
        #expect(events.first?.header?.plan?.steps.map(\.number) == [2, 4, 5, 9])
        #expect(events.dropFirst().allSatisfy { $0.actor == .server })
        #expect(Set(events.compactMap(\.step)) == [2, 4, 5, 9])
        // The calls before the side was known come first, in their order.
        #expect(events.dropFirst().first?.operation == .exec)
        #expect(events.first { $0.phase == .done }?.operation == .socket)
    }
}
#endif
