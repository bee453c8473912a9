import Foundation
import Testing
import TracePrograms
import TraceModel
import TraceText
import TraceCore
import TraceSockets
import TraceTeaching
import SocketTracing

@Suite("trace server and trace client as programs, on real sockets")
struct ServerProgramTests {
    /// What one lane did, as `op/phase[step]`, in order.
    func script(_ events: [TraceEvent]) -> [String] {
        events.map { "\($0.operation.rawValue)/\($0.phase.rawValue)" + ($0.step.map { "[\($0)]" } ?? "") }
    }

    @Test("without --forever: one client served the seed's way, then the server ends and closes everything")
    func oneClient() throws {
        let harness = try ServerHarness(forever: false)
        let clientEvents = MemorySink()
        let reply = try harness.client("Hola, servidor", sink: clientEvents)
        #expect(String(decoding: reply.bytes, as: UTF8.self) == "Mensaje recibido")
        let summary = try #require(harness.finish(stopping: false))
        #expect(summary.accepted == 1 && summary.served == 1)
        #expect(script(harness.connection(1)) == [
            "accept/start[2]", "accept/done[2]", "recv/start[4]", "recv/done[4]", "print/instant[4]",
            "sendall/start[5]", "sendall/done[5]", "recv/start", "recv/done[9]", "peer_closed/instant[9]",
            "close/start", "close/done",
        ])
        #expect(script(clientEvents.events.filter { $0.operation != .header }) == [
            "socket/start", "socket/done", "connect/start[1]", "connect/done[1]", "sendall/start[3]",
            "sendall/done[3]", "recv/start[6]", "recv/done[6]", "print/instant[7]", "close/start[8]", "close/done[8]",
        ])
        // The listener's own calls carry no connection id; its last event is its close.
        let listener = harness.events.events.filter { $0.connection == nil }
        #expect(listener.last?.operation == .close && listener.last?.phase == .done)
        #expect(harness.events.events.allSatisfy { $0.error == nil })
    }

    @Test("each connection carries its own steps: 2 accept, 4 recv and print, 5 reply, 9 the recv of 0; nothing else numbered",
          arguments: [false, true])
    func stepsPerConnection(atOnce: Bool) throws {
        let harness = try ServerHarness()
        let clients = 40
        if atOnce {
            let results = onThreads(clients) { i in try harness.client("hola \(i)") }
            #expect(results.allSatisfy { if case .success? = $0 { return true }; return false })
        } else {
            for i in 0..<clients { _ = try harness.client("hola \(i)") }
        }
        // Every client closed; the server learns it from each recv of 0 bytes, on its own threads.
        #expect(eventually { harness.events.events.filter { $0.operation == .peerClosed }.count == clients })
        let summary = try #require(harness.finish())
        #expect(summary.served == clients)
        for id in 1...clients {
            let events = harness.connection(id).filter { $0.phase != .start }
            let tagged = events.compactMap { e in e.step.map { "\(e.operation.rawValue)/\($0)" } }
            #expect(tagged == ["accept/2", "recv/4", "print/4", "sendall/5", "recv/9", "peer_closed/9"], "connection \(id): \(tagged)")
            #expect(events.first { $0.operation == .close }?.step == nil)
        }
    }

    @Test("IPv6 on ::1, and a client that names the server (localhost) instead of giving an address")
    func ipv6AndNames() throws {
        let six = try ServerHarness(forever: false, host: "::1")
        let reply = try six.client("hola")
        #expect(reply.server.description == "[::1]:\(six.address.port)")
        #expect(six.finish(stopping: false)?.served == 1)
        #expect(six.connection(1).first { $0.operation == .accept && $0.phase == .done }?.remote?.hasPrefix("[::1]:") == true)

        let four = try ServerHarness(forever: false)
        let options = ClientOptions(host: "localhost", port: four.address.port, message: "hola")
        #expect(try ClientProgram(options: options, tracer: Tracer(sink: DiscardSink())).run().bytes == Array("Mensaje recibido".utf8))
        #expect(four.finish(stopping: false)?.served == 1)
    }

    @Test("30 clients at once: each gets an id, its own label and its own answer; the server stops cleanly")
    func aClassOfThirty() throws {
        let harness = try ServerHarness()
        let results = onThreads(30) { i in try harness.client("alumno \(i)") }
        for result in results {
            let reply = try #require(try result?.get())
            #expect(String(decoding: reply.bytes, as: UTF8.self) == "Mensaje recibido")
        }
        #expect(eventually { harness.server.openConnections == 0 })
        let summary = try #require(harness.finish())
        #expect(summary.served == 30 && summary.failed == 0)
        let events = harness.events.events
        let ids = Set(events.compactMap(\.connection))
        #expect(ids.isSuperset(of: Set(1...30)))
        // Every connection printed exactly one student's message, and each message arrived once.
        let printed = events.filter { $0.operation == .print }.compactMap(\.preview)
        #expect(Set(printed) == Set((0..<30).map { "alumno \($0)" }))
        for id in 1...30 {
            let accepted = try #require(harness.connection(id).first { $0.operation == .accept && $0.phase == .done })
            let peer = try #require(accepted.remote)
            // Every later event of that connection names the same peer: one label per client.
            #expect(harness.connection(id).filter { $0.phase == .done && $0.operation != .close }.allSatisfy { $0.remote == peer })
        }
        #expect(events.last?.operation == .close && events.last?.connection == nil)
    }

    @Test("a reset, a silent client, a flood of hostile bytes: the others are served, bytes shown escaped with the real count")
    func misbehavingPeers() throws {
        let harness = try ServerHarness()
        // A client that stays silent (it holds a thread, nothing more).
        let silent = try rawClient(harness.address)
        // A client that resets the connection (SO_LINGER 0) after sending.
        let resetter = try rawClient(harness.address)
        try resetter.sendAll("bye")
        try resetter.setOption(.linger, 0)
        try resetter.close()
        // A client that sends 4 MiB of escape sequences, NUL and invalid UTF-8, then closes its side.
        let hostile: [UInt8] = Array("\u{1B}[2J\u{1B}]0;pwned\u{07}".utf8) + [0, 0xFF, 0xC3, 0x28]
        let flood = Array((0..<(4 << 20) / hostile.count).map { _ in hostile }.joined())
        let flooder = try rawClient(harness.address)
        Thread {
            _ = try? flooder.sendAll(flood)
            try? flooder.shutdown(.write)
        }.start()
        // The flooder reads its replies while it sends (a peer that never reads would block the server's
        // sendall, on that connection only), until the server closes after the end of the flood.
        let replies = try readToEnd(flooder, limit: 64 << 20, timeout: .seconds(30))
        #expect(replies.count >= "Mensaje recibido".utf8.count)
        // Meanwhile, ordinary clients are served.
        for result in onThreads(5, { i in try harness.client("normal \(i)") }) {
            #expect(try result?.get().bytes == Array("Mensaje recibido".utf8))
        }
        let events = harness.events.events
        let printed = events.filter { $0.operation == .print }
        #expect(printed.allSatisfy { !($0.preview ?? "").utf8.contains(0x1B) && !($0.preview ?? "").utf8.contains(0) })
        let floodConnection = try #require(printed.first { $0.preview?.hasPrefix("\\x1b[2J") == true }?.connection)
        let floodPrints = printed.filter { $0.connection == floodConnection }
        #expect(floodPrints.reduce(0) { $0 + ($1.bytes ?? 0) } == flood.count)
        #expect(floodPrints.allSatisfy { ($0.preview ?? "").count < 500 })
        // Every recv was bounded by the seed's 1024 bytes.
        #expect(events.filter { $0.operation == .recv && $0.phase == .done }.allSatisfy { ($0.bytes ?? 0) <= 1024 })
        let summary = try #require(harness.finish())
        #expect(summary.served >= 6)
        #expect(summary.interrupted == 1)  // the silent one, cut short by the stop
        #expect(summary.failed == 1)  // the reset one, and only it
        #expect(events.contains { $0.operation == .note && $0.text?.hasPrefix("connection ended (E") == true })
        #expect(try readToEnd(silent).isEmpty)
    }

    @Test("--max-clients: beyond the limit a client is told the server is busy, then sees the end of the stream")
    func maxClients() throws {
        let harness = try ServerHarness(maxClients: 2)
        let first = try rawClient(harness.address), second = try rawClient(harness.address)
        #expect(eventually { harness.server.openConnections == 2 })
        let third = try rawClient(harness.address)
        try third.sendAll("¿hay sitio?")
        let told = String(decoding: try readToEnd(third), as: UTF8.self)
        #expect(told == "trace server: busy, 2 clients are already connected (--max-clients 2); try again later\n")
        try third.close()
        // Once one leaves, the next is served.
        try first.close()
        #expect(eventually { harness.server.openConnections == 1 })
        #expect(try harness.client("ahora sí").bytes == Array("Mensaje recibido".utf8))
        try second.close()
        #expect(eventually { harness.server.openConnections == 0 })
        let summary = try #require(harness.finish())
        #expect(summary.refused == 1 && summary.served == 3 && summary.accepted == 4)
        #expect(harness.events.events.contains { $0.operation == .note && $0.text?.contains("--max-clients 2") == true })
    }

    @Test("a flood of clients beyond --max-clients: every one is told, the served one is undisturbed")
    func refusalFlood() throws {
        let harness = try ServerHarness(maxClients: 1)
        let served = try rawClient(harness.address)
        #expect(eventually { harness.server.openConnections == 1 })
        let results = onThreads(150) { _ in String(decoding: try readToEnd(try rawClient(harness.address)), as: UTF8.self) }
        #expect(results.allSatisfy { (try? $0?.get()) == "trace server: busy, 1 client is already connected (--max-clients 1); try again later\n" })
        try served.sendAll("sigo aquí")
        #expect(String(decoding: try served.withDeadline(.seconds(5)) { () throws(SocketError) in try served.receive(upTo: 64) }, as: UTF8.self) == "Mensaje recibido")
        try served.close()
        #expect(eventually { harness.server.openConnections == 0 })
        let summary = try #require(harness.finish())
        #expect(summary.refused == 150 && summary.served == 1 && summary.mostAtOnce == 1)
    }

    @Test("half a connection (the client shuts down writing at once) and nothing at all: both end cleanly")
    func halfAndNothing() throws {
        let harness = try ServerHarness()
        let half = try rawClient(harness.address)
        try half.shutdown(.write)
        #expect(try readToEnd(half).isEmpty)  // the server saw the end of stream and closed its side
        let nothing = try rawClient(harness.address)
        try nothing.close()
        #expect(eventually { harness.server.openConnections == 0 && harness.events.events.filter { $0.operation == .peerClosed }.count == 2 })
        let summary = try #require(harness.finish())
        #expect(summary.served == 2 && summary.failed == 0)
    }

    @Test("--idle-timeout: a silent client is told why and closed; another is served meanwhile")
    func idleTimeout() throws {
        let harness = try ServerHarness(idleTimeout: .milliseconds(300))
        let silent = try rawClient(harness.address)
        #expect(try harness.client("hola").bytes == Array("Mensaje recibido".utf8))
        let told = String(decoding: try readToEnd(silent), as: UTF8.self)
        #expect(told == "trace server: closing the connection: nothing arrived for 0.3 s (--idle-timeout 0.3)\n")
        let summary = try #require(harness.finish())
        #expect(summary.idle == 1 && summary.served == 1)
        // The wait is a call of its own, with its real result: poll() returned 0, and no recv() ran.
        let silentConnection = try #require(harness.events.events.first { $0.operation == .poll && $0.phase == .done && $0.returnValue == 0 })
        #expect(silentConnection.timeout == 300)
        #expect(!harness.events.events.contains { $0.operation == .recv && $0.error?.name == "ETIMEDOUT" })
        #expect(!harness.events.events.contains {
            $0.operation == .recv && $0.phase == .start && $0.connection == silentConnection.connection
        })
    }

    @Test("stop() while clients are connected: serve returns, every client sees its connection end")
    func stopWithClients() throws {
        let harness = try ServerHarness()
        let clients = try (0..<3).map { _ in try rawClient(harness.address) }
        #expect(eventually { harness.server.openConnections == 3 })
        let summary = try #require(harness.finish())
        #expect(summary.interrupted == 3)
        for client in clients { #expect(try readToEnd(client).isEmpty) }
        let events = harness.events.events
        #expect(events.contains { $0.operation == .stop && $0.origin == .tool })
        // What the stop did is the tool's: a shutdown of each connection's reading side. The recv it woke
        // is no closure of the peer's: no step 9, no peer_closed (the clients never closed).
        #expect(events.filter { $0.operation == .shutdown && $0.phase == .done && $0.origin == .tool && $0.connection != nil }.count == 3)
        #expect(!events.contains { $0.operation == .peerClosed })
        #expect(!events.contains { $0.step == 9 })
    }

    @Test("client errors: nothing listening (ECONNREFUSED), unknown host, a server that never accepts (ETIMEDOUT)")
    func clientErrors() throws {
        let probe = try Socket.tcp()
        try probe.bind(to: .loopback())
        let closedPort = try #require(probe.localAddress).port
        try probe.close()
        func run(_ host: String, _ port: UInt16, timeout: Duration = .seconds(5)) -> SocketError? {
            let options = ClientOptions(host: host, port: port, message: "x", connectTimeout: timeout)
            do { _ = try ClientProgram(options: options, tracer: Tracer(sink: DiscardSink())).run() } catch { return error }
            return nil
        }
        let refused = try #require(run("127.0.0.1", closedPort))
        #expect(refused.name == "ECONNREFUSED")
        #expect(NetworkText.failure(refused, host: "127.0.0.1", port: closedPort, .en)
                == "nothing is listening on 127.0.0.1:\(closedPort) (ECONNREFUSED): start `trace server` first")
        let unknown = try #require(run("no-such-host.invalid", 50007))
        #expect(NetworkText.failure(unknown, host: "no-such-host.invalid", port: 50007, .es).hasPrefix("host desconocido 'no-such-host.invalid'"))

        // A listener with a full backlog that never accepts: the kernel drops further SYNs.
        let full = try Socket.tcp()
        try full.bind(to: .loopback())
        try full.listen(backlog: 0)
        let target = try #require(full.localAddress)
        var queued: [Socket] = []
        for _ in 0..<8 {
            let s = try Socket.tcp()
            do { try s.withDeadline(.milliseconds(300)) { () throws(SocketError) in try s.connect(to: target) } } catch {
                try s.close()
                break
            }
            queued.append(s)
        }
        let timedOut = run(target.host, target.port, timeout: .milliseconds(300))
        #expect(timedOut?.name == "ETIMEDOUT")
        #expect(NetworkText.failure(try #require(timedOut), host: target.host, port: target.port, timeout: "0.3", .en)
                == "no answer from \(target) within 0.3 s (ETIMEDOUT): check the address, the network and any firewall")
        for s in queued { try s.close() }
        try full.close()
    }

    @Test("port in use: the second server fails with EADDRINUSE and the message says what to do, in both languages")
    func portInUse() throws {
        let harness = try ServerHarness()
        let second = ServerProgram(options: ServerOptions(port: harness.address.port, reply: "x"), tracer: Tracer(sink: DiscardSink()))
        var failure: SocketError?
        do { _ = try second.listen() } catch { failure = error }
        let error = try #require(failure)
        #expect(error.name == "EADDRINUSE")
        let port = harness.address.port
        #expect(NetworkText.failure(error, host: "127.0.0.1", port: port, .en) == "port \(port) is in use (EADDRINUSE): choose another with --port")
        #expect(NetworkText.failure(error, host: "127.0.0.1", port: port, .es) == "el puerto \(port) está en uso (EADDRINUSE): elige otro con --port")
        _ = harness.finish()
    }
}
