#if os(Linux)
import Testing
import TraceCore
import TraceProcess
import TraceSockets

@Suite("C programs, compiled at test time", .enabled(if: Tools.has("gcc"), "SKIPPED: gcc is not installed (apt-get install gcc)"))
struct CProgramTests {
    @Test("a C pair: select, accept, read/write on sockets, a non-blocking connect completed by poll and SO_ERROR")
    func pair() throws {
        let scratch = Scratch()
        let server = try #require(scratch.compileC("server", CPrograms.server))
        let client = try #require(scratch.compileC("client", CPrograms.client))
        let serverEvents = Recorder()
        let serverTracer = ProcessTracer(quiet([server]), handler: serverEvents.handler)
        try serverTracer.start()
        defer { serverTracer.stop() }
        let address = try #require(serverEvents.waitFor { $0.listeningAddress })
        let (clientOutcome, clientEvents) = try traceToEnd(quiet([client, String(address.port)]))
        let serverOutcome = try #require(serverTracer.wait(timeout: .seconds(30)))
        #expect(clientOutcome.shellStatus == 0)
        #expect(serverOutcome.shellStatus == 0)

        let serverCalls = serverEvents.calls
        // glibc's select() is the pselect6 system call.
        #expect(serverCalls.map(\.0.call) == [.socket, .setsockopt, .bind, .listen, .getsockname, .pselect6, .accept,
                                              .read, .write, .read, .close, .close])
        #expect(serverCalls[5].0.lessonName == .select)
        let select = serverCalls[5]
        #expect(select.0.arguments.waited?.map(\.fd) == [serverCalls[0].1.newFD!])
        #expect(select.0.arguments.timeout == .forever)
        #expect(select.1.ready?.map(\.ready) == [.readable])
        #expect(serverCalls[7].0.lessonName == .recv)
        #expect(serverCalls[7].1.payload == Array("ping".utf8))
        #expect(serverCalls[8].0.lessonName == .send)
        #expect(serverCalls[9].1.bytesMoved == 0)
        #expect(serverCalls[6].1.peerAddress == nil || serverCalls[6].1.peerAddress?.port != address.port)

        let clientCalls = clientEvents.calls
        #expect(clientCalls.map(\.0.call) == [.socket, .fcntl, .fcntl, .connect, .poll, .getsockopt, .fcntl, .fcntl,
                                              .write, .read, .shutdown, .read, .close])
        #expect(clientCalls[2].1.nonBlocking == true)
        let connect = clientCalls[3]
        #expect(connect.1.error == .inProgress)
        #expect(connect.1.kernel?.state == .synSent || connect.1.kernel?.state == .established)
        let poll = clientCalls[4]
        #expect(poll.0.arguments.waited?.first?.events == .writable)
        #expect(poll.0.arguments.timeout == .nanoseconds(5_000_000_000))
        #expect(poll.1.ready?.first?.ready?.contains(.writable) == true)
        let error = clientCalls[5]
        #expect(error.0.arguments.option == .error)
        #expect(error.1.optionValue == .pendingError(nil))
        #expect(error.1.kernel?.state == .established)
        #expect(clientCalls[10].0.arguments.shutdown == .write)
        // Our FIN is out; the server may already have answered with its own before the tracer looked (a
        // socket whose both FINs are acknowledged, still open here, reports CLOSE).
        let afterFIN: [TCPState?] = [.finWait1, .finWait2, .closing, .timeWait, .close]
        #expect(afterFIN.contains(clientCalls[10].1.kernel?.state), "\(String(describing: clientCalls[10].1.kernel))")
        #expect(clientEvents.output == "echo ping\n")
    }

    @Test("fork: the child's own lifeline, its calls under its pid, the inherited listener known to be a socket")
    func fork() throws {
        let scratch = Scratch()
        let program = try #require(scratch.compileC("forking", CPrograms.forking))
        let (outcome, recorder) = try traceToEnd(quiet([program]))
        #expect(outcome.shellStatus == 0)
        let starts = recorder.events.compactMap { if case .processStarted(let s) = $0 { return s } else { return nil } }
        let child = try #require(starts.first { $0.kind == .fork })
        let root = recorder.calls.first!.0.pid
        #expect(child.parentPID == root)
        let childCalls = recorder.calls(of: child.pid)
        #expect(childCalls.map(\.0.lessonName) == [.close, .socket, .connect, .send, .close])
        #expect(childCalls.first?.0.socket?.isTCP == true)
        #expect(recorder.events.contains(.exited(pid: child.pid, status: 5, time: exitTime(recorder, child.pid))))
        // The child ran only after it was announced.
        let announced = recorder.events.firstIndex(of: .processStarted(child))!
        let firstChildEvent = recorder.events.firstIndex { $0.pid == child.pid && $0 != .processStarted(child) }!
        #expect(announced < firstChildEvent)
    }

    @Test("100 children forked: every one announced, traced and reaped")
    func hundredChildren() throws {
        let scratch = Scratch()
        let program = try #require(scratch.compileC("hundred", CPrograms.hundredChildren))
        let (outcome, recorder) = try traceToEnd(quiet([program]))
        #expect(outcome.shellStatus == 0)
        let children = recorder.events.compactMap { if case .processStarted(let s) = $0, s.kind == .fork { return s.pid } else { return nil } }
        #expect(children.count == 100)
        var exits: [Int32: Int32] = [:]
        for event in recorder.events { if case .exited(let pid, let status, _) = event { exits[pid] = status } }
        #expect(children.allSatisfy { exits[$0] != nil })
        #expect(Set(children.map { exits[$0]! }) == Set(0...6))
        #expect(recorder.calls.filter { $0.0.call == .socket }.count == 100)
        #expect(children.allSatisfy { !isAlive($0) })
    }

    @Test("a crash: the signal by name, 128 + 11 as a shell reports it, the output before it")
    func crash() throws {
        let scratch = Scratch()
        let program = try #require(scratch.compileC("crash", CPrograms.crash))
        let (outcome, recorder) = try traceToEnd(quiet([program]))
        guard case .signalled(let signal, _) = outcome.status else { Issue.record("\(outcome.status)"); return }
        #expect(signal.name == "SIGSEGV")
        #expect(outcome.shellStatus == 139)
        #expect(recorder.output == "about to crash\n")
        #expect(recorder.events.contains { if case .signalled(_, let s, _, _) = $0 { return s == .segmentationFault } else { return false } })
    }
}

func exitTime(_ recorder: Recorder, _ pid: Int32) -> UInt64 {
    for event in recorder.events { if case .exited(pid, _, let time) = event { return time } }
    return 0
}
#endif
