#if os(Linux)
import Testing
import TraceCore
import TraceProcess
import TraceSockets

@Suite("The seed pair in Python, traced")
struct PythonSeedTests {
    @Test("server and client: their calls in order with real results", .enabled(if: Tools.has("python3"), "SKIPPED: python3 is not installed"))
    func seedPair() throws {
        let scratch = Scratch()
        let server = scratch.write("server.py", SeedPrograms.pythonServer)
        let client = scratch.write("client.py", SeedPrograms.pythonClient)
        let serverEvents = Recorder()
        let serverTracer = ProcessTracer(quiet(["python3", server]), handler: serverEvents.handler)
        try serverTracer.start()
        defer { serverTracer.stop() }
        let address = try #require(serverEvents.waitFor { $0.listeningAddress })
        let (clientOutcome, clientEvents) = try traceToEnd(quiet(["python3", client, "127.0.0.1", String(address.port)]))
        let serverOutcome = try #require(serverTracer.wait(timeout: .seconds(30)))
        #expect(clientOutcome.shellStatus == 0)
        #expect(serverOutcome.shellStatus == 0)
        #expect(clientOutcome.filter == .seccomp)
        #expect(!serverOutcome.wasStopped)

        let serverCalls = serverEvents.drawnCalls
        #expect(serverCalls.map(\.0.lessonName) == [.socket, .setsockopt, .bind, .listen, .getsockname, .accept,
                                                     .getsockname, .recv, .send, .recv, .close, .close])
        #expect(serverCalls.map(\.0.call.name).filter { ["accept4", "sendto", "recvfrom"].contains($0) }
                == ["accept4", "recvfrom", "sendto", "recvfrom"])
        let byCall = Dictionary(grouping: serverCalls, by: \.0.lessonName)
        let listen = try #require(byCall[.listen]?.first)
        #expect(listen.0.arguments.backlog == 1)
        #expect(listen.1.kernel?.state == .listen)
        #expect(listen.1.localAddress == address)
        let bind = try #require(byCall[.bind]?.first)
        #expect(bind.0.arguments.address == SocketAddress(numericHost: "127.0.0.1", port: 0))
        let option = try #require(byCall[.setsockopt]?.first)
        #expect(option.0.arguments.option == .reuseAddress)
        #expect(option.0.arguments.optionValue == .integer(1))
        let accept = try #require(byCall[.accept]?.first)
        #expect(accept.0.arguments.socketFlags == .closeOnExec)
        #expect(accept.1.kernel?.state == .established)
        #expect(accept.1.newFD != nil && accept.1.newFD != listen.0.fd)
        let receives = try #require(byCall[.recv])
        #expect(receives.map(\.1.bytesMoved) == [21, 0])
        #expect(receives.first?.1.payload == Array("hello from the client".utf8))
        #expect(receives.first?.0.arguments.byteCount == 1024)
        #expect(receives.allSatisfy { $0.0.fd == accept.1.newFD })
        // recv returned 0 because the FIN arrived: the kernel has the connection in CLOSE_WAIT.
        #expect(receives.last?.1.kernel?.state == .closeWait)
        let send = try #require(byCall[.send]?.first)
        #expect(send.1.bytesMoved == 26)
        #expect(send.1.payload == Array("ack: hello from the client".utf8))
        #expect(byCall[.close]?.allSatisfy { $0.1.succeeded && $0.1.kernel == nil } == true)

        let clientCalls = clientEvents.drawnCalls
        #expect(clientCalls.map(\.0.lessonName) == [.socket, .connect, .send, .recv, .close])
        let connect = clientCalls[1]
        #expect(connect.0.arguments.address == address)
        #expect(connect.1.kernel?.state == .established)
        #expect(connect.1.peerAddress == address)
        #expect(connect.1.localAddress == accept.1.peerAddress)
        #expect(clientCalls[3].1.payload == Array("ack: hello from the client".utf8))
        for (entry, outcome) in serverCalls + clientCalls {
            #expect(entry.time <= entry.released && entry.released <= outcome.time)
        }

        #expect(serverEvents.output == "port \(address.port)\ngot hello from the client\n")
        #expect(clientEvents.output == "reply ack: hello from the client\n")
        #expect(clientEvents.events.contains { if case .exec(_, let path, _) = $0 { return path.contains("python") } else { return false } })
        #expect(clientEvents.events.last.map { if case .exited(_, 0, _) = $0 { return true } else { return false } } == true)
    }
}
#endif
