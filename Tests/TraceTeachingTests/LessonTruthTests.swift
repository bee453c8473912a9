import Foundation
import Testing
import TracePrograms
import TraceModel
import TraceText
import TraceCore
import TraceRender
@testable import TraceTeaching
import TraceSockets
import TracePackets

/// Every claim a lesson makes about the kernel, observed on the real kernel by running the lesson.
@Suite("What the lessons say is what the kernel does")
struct LessonTruthTests {
    static let references = (1...9).map(String.init)

    @Test("every lesson runs to the end in both languages, over IPv4 and IPv6, with every socket closed",
          arguments: references)
    func everyLessonRuns(reference: String) throws {
        for language in Language.allCases {
            for host in ["127.0.0.1", "::1"] {
                let run = try LessonRun.of(reference, language, host: host)
                let opened = run.events.filter { $0.phase == .done && $0.error == nil && ($0.operation == .socket || $0.operation == .accept) }
                let closed = run.events.filter { $0.phase == .done && $0.operation == .close }
                #expect(opened.count == closed.count, "\(run.lesson.source) on \(host)")
                #expect(run.events.allSatisfy { $0.error == nil || $0.phase == .done })
            }
        }
    }

    // MARK: 1 · the seed

    @Test("lesson 1: the accepted socket is new; the reply goes out on it; recv gets 0 bytes and CLOSE_WAIT at the end")
    func seed() throws {
        let run = try LessonRun.of("1", .es)
        let listen = try #require(run.finished(.listen, .server).first)
        let accept = try #require(run.finished(.accept, .server, step: 2).first)
        #expect(accept.newFD != nil && accept.newFD != listen.fd)
        #expect(run.finished(.sendall, .server, step: 5).first?.fd == accept.newFD)
        #expect(run.finished(.sendall, .client, step: 3).first?.bytes == 14)
        #expect(run.finished(.recv, .server, step: 4).first?.bytes == 14)
        #expect(run.finished(.recv, .client, step: 6).first?.bytes == 16)
        #expect(run.finished(.print, .client, step: 7).first?.preview == "Mensaje recibido")
        #expect(run.finished(.connect, .client, step: 1).first?.tcp?.state == TCPState(name: "ESTABLISHED"))
        let last = try #require(run.finished(.recv, .server, step: 9).first)
        #expect(last.bytes == 0)
        #expect(last.tcp?.state == TCPState(name: "CLOSE_WAIT"))
        #expect(run.finished(.peerClosed, .server, step: 9).count == 1)
    }
}

extension LessonTruthTests {
    // MARK: 2 · before the first step

    @Test("lesson 2: socket() gives a descriptor and no address; port 0 lets the kernel choose; LISTEN with backlog 5; the accepted socket's local address is the one the client used")
    func setup() throws {
        let run = try LessonRun.of("2")
        let socket = try #require(run.finished(.socket, .server, step: 1).first)
        #expect(socket.newFD != nil && socket.local == nil)
        let bind = try #require(run.finished(.bind, .server, step: 3).first)
        #expect(bind.local?.hasPrefix("0.0.0.0:") == true)
        let port = try #require(run.port(bind.local))
        #expect(port != 0)
        #if os(Linux)
        let listen = try #require(run.finished(.listen, .server, step: 4).first)
        #expect(listen.tcp?.state == TCPState(name: "LISTEN"))
        #expect(listen.tcp?.backlog == 5)
        #endif
        let clientSocket = try #require(run.finished(.socket, .client, step: 5).first)
        #expect(clientSocket.local == nil)
        let connect = try #require(run.finished(.connect, .client, step: 6).first)
        let accept = try #require(run.finished(.accept, .server, step: 7).first)
        #expect(accept.remote == connect.local)
        let recv = try #require(run.finished(.recv, .server, step: 8).first)
        #expect(recv.local == "127.0.0.1:\(port)")
        #expect(recv.remote == connect.local)
        #if os(Linux)
        let range = try String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8)
            .split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        let clientPort = try #require(run.port(connect.local))
        #expect(range.count == 2 && (range[0]...range[1]).contains(Int(clientPort)))
        #endif
        let overIPv6 = try LessonRun.of("2", host: "::1")
        #expect(overIPv6.finished(.bind, .server, step: 3).first?.local?.hasPrefix("[::]:") == true)
        #expect(overIPv6.finished(.recv, .server, step: 8).first?.local?.hasPrefix("[::1]:") == true)
    }

    @Test("lesson 2: a server restarting while its old connection still holds the port needs SO_REUSEADDR")
    func reuseAddress() throws {
        let scenario = try ScenarioText.parse("""
            server  socket
            server  setsockopt SO_REUSEADDR 1
            server  bind
            server  listen 5
            client  socket
            client  connect server
            server  accept
            server  close
            server  close listener                      as gone
            client  recv 1024
            client  close                               as closed
            server2 socket                              after gone, closed
            server2 bind same-as server                 expect EADDRINUSE
            server2 close
            server2 socket
            server2 setsockopt SO_REUSEADDR 1
            server2 bind same-as server
            server2 close
            """)
        let run = try ScenarioText.run(scenario)
        let binds = run.filter { $0.operation == .bind && $0.phase == .done }
        #expect(binds.map { $0.error?.name } == [nil, "EADDRINUSE", nil])
    }

    #if os(Linux)
    @Test("lesson 2: bound to 127.0.0.1 a server takes only connections to 127.0.0.1; bound to 0.0.0.0 it takes them at any address")
    func boundAddressMatters() throws {
        func connects(serverBoundTo host: String) throws -> Bool {
            let listener = try Socket.tcp()
            defer { try? listener.close() }
            try listener.bind(to: SocketAddress(numericHost: host, port: 0)!)
            try listener.listen(backlog: 5)
            let port = try #require(listener.localAddress?.port)
            let client = try Socket.tcp()
            defer { try? client.close() }
            do {
                try client.withDeadline(.seconds(5)) { () throws(SocketError) in try client.connect(to: SocketAddress(numericHost: "127.0.0.2", port: port)!) }
                return true
            } catch {
                #expect(error.name == "ECONNREFUSED")
                return false
            }
        }
        #expect(try connects(serverBoundTo: "0.0.0.0"))
        #expect(try !connects(serverBoundTo: "127.0.0.1"))
    }
    #endif

    // MARK: 3 · a byte stream

    @Test("lesson 3: two sendall come back in one recv; a long message takes several recv(16); sendall returned before recv was called",
          arguments: Language.allCases)
    func byteStream(language: Language) throws {
        for _ in 0..<10 {
            let run = try LessonRun.of("3", language)
            let first = try #require(run.finished(.sendall, .client, step: 1).first)
            let second = try #require(run.finished(.sendall, .client, step: 2).first)
            let recv = try #require(run.finished(.recv, .server, step: 3).first)
            let recvStart = try #require(run.start(of: recv))
            #expect(first.seq < recvStart.seq && second.seq < recvStart.seq)
            #expect(first.sendCalls == 1 && second.sendCalls == 1)
            #expect(recv.bytes == (first.bytes ?? 0) + (second.bytes ?? 0))
            #expect(run.finished(.print, .server, step: 3).first?.preview == language.pick(es: "Hola, servidor", en: "Hello, server"))

            let long = try #require(run.finished(.sendall, .client, step: 4).first)
            let pieces = run.finished(.recv, .server, step: 5)
            let length = try #require(long.bytes)
            #expect(long.bytes == long.requestedBytes)
            #expect(pieces.count >= (length + 15) / 16)
            #expect(pieces.allSatisfy { ($0.bytes ?? 0) <= 16 && ($0.bytes ?? 0) > 0 })
            #expect(pieces.reduce(0) { $0 + ($1.bytes ?? 0) } == length)
            #expect(run.finished(.print, .server, step: 5).first?.preview?.hasSuffix("\\n") == true)
        }
    }

    // MARK: 4 · closing

    @Test("lesson 4: after shutdown(SHUT_WR) send fails with EPIPE, the server reads to 0 and still answers, the client still receives")
    func halfClose() throws {
        let run = try LessonRun.of("4")
        #expect(run.finished(.shutdown, .client, step: 2).first?.error == nil)
        #expect(run.finished(.send, .client, step: 2).first?.error?.name == "EPIPE")
        let reads = run.finished(.recv, .server, step: 3)
        #expect(reads.last?.bytes == 0)
        #expect(reads.dropLast().reduce(0) { $0 + ($1.bytes ?? 0) } == "First part, second part.".utf8.count)
        #expect(run.finished(.peerClosed, .server, step: 3).count == 1)
        let reply = try #require(run.finished(.sendall, .server, step: 4).first)
        #expect(reply.error == nil)
        #expect(run.finished(.recv, .client, step: 5).first?.bytes == reply.bytes)
        #expect(run.finished(.recv, .client, step: 7).first?.bytes == 0)
    }

    // MARK: 5 · errors

    @Test("lesson 5: ECONNREFUSED, EADDRINUSE, ECONNRESET, and EPIPE only after a first send that succeeds",
          arguments: Language.allCases)
    func errors(language: Language) throws {
        let run = try LessonRun.of("5", language)
        #expect(run.finished(.connect, .client, step: 1).first?.error?.name == "ECONNREFUSED")
        #expect(run.finished(.bind, .server, step: 2).first?.error?.name == "EADDRINUSE")
        #expect(run.finished(.close, .server, step: 3).first?.error == nil)
        #expect(run.finished(.recv, .client, step: 3).first?.error?.name == "ECONNRESET")
        #expect(run.finished(.recv, .client, step: 4).first?.bytes == 0)
        let sends = run.finished(.send, .client, step: 4)
        #expect(sends.first?.error == nil && (sends.first?.bytes ?? 0) > 0)
        #expect(sends.last?.error?.name == "EPIPE")
        #expect(sends.dropLast().allSatisfy { $0.error == nil })
        #expect(sends.count >= 2 && sends.count <= 20)
    }

    @Test("lesson 5: the diagram draws each error as the text says: its name on the failing call's line, the system's message in parentheses when the line has room, the number in --json",
          arguments: Language.allCases)
    func errorLines(language: Language) throws {
        let run = try LessonRun.of("5", language)
        let intro = try #require(run.lesson.sections.first { $0.kind == .introduction }).body.joined(separator: " ")
        #expect(intro.contains(language.pick(es: "con su nombre y, si cabe en la línea, su explicación entre paréntesis",
                                              en: "with its name and, when the line has room, the system's message in parentheses")))
        #expect(!intro.contains(language.pick(es: "su número", en: "its number")))
        // The example the text quotes, between backticks, with its message in parentheses.
        let examples = intro.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 && $0.element.hasPrefix("E") && $0.element.contains(" (") }.map { String($0.element) }
        // In Spanish the explanation is translated (ErrnoText), the name kept; in English it is the system's.
        #expect(examples == [language.pick(es: "ECONNREFUSED (Conexión rechazada)", en: "ECONNREFUSED (Connection refused)")])
        let failures = run.events.filter { $0.phase == .done && $0.error != nil }
        #expect(failures.compactMap(\.error?.name).sorted() == ["EADDRINUSE", "ECONNREFUSED", "ECONNRESET", "EPIPE"])
        for width in [60, 80, 120] {
            let lines = DiagramRenderer.render(run.events, style: DiagramStyle(language: language, width: width))
            for failure in failures {
                let error = try #require(failure.error)
                let drawn = lines.filter { $0.contains("→ \(error.name)") }
                #expect(drawn.count == 1, "\(width) columns, \(error.name): \(drawn)")
                guard let line = drawn.first else { continue }
                #expect(!line.contains("\(error.name) \(error.code)") && !line.contains("(\(error.code))"), "\(line)")
                let explanation = ErrnoText.explanation(of: error.name, system: error.message, language)
                if width == 120 { #expect(line.contains("\(error.name) (\(explanation))"), "\(line)") }
            }
            if width == 120 { #expect(examples.allSatisfy { example in lines.contains { $0.contains(example) } }) }
        }
        for failure in failures {
            let line = JSONLinesWriter.line(for: failure)
            #expect(line.contains("\"code\":\(failure.error!.code)"), "\(line)")
        }
    }

    // MARK: 6 · the backlog

    @Test("lesson 6: connect and sendall return before any accept; the queue holds 3; accept takes them in order and the queue shrinks")
    func backlog() throws {
        for _ in 0..<10 {
            let run = try LessonRun.of("6")
            let connects: [TraceEvent] = (1...3).compactMap { run.finished(.connect, .client, connection: $0).first }
            let sends: [TraceEvent] = (1...3).compactMap { run.finished(.sendall, .client, connection: $0).first }
            let accepts = run.finished(.accept, .server)
            try #require(connects.count == 3 && accepts.count == 3 && sends.count == 3)
            let firstAccept = try #require(run.start(of: accepts[0]))
            let beforeAccept = (connects + sends).filter { $0.seq < firstAccept.seq && $0.error == nil }
            #expect(beforeAccept.count == 6)
            for k in 0..<3 {
                #expect(accepts[k].remote == connects[k].local)
                #expect(run.finished(.print, .server, step: 6 + k).first?.preview == "I am client \(k + 1)")
                #expect(run.finished(.recv, .server, step: 6 + k).first?.connection == k + 1)
            }
            #if os(Linux)
            #expect(run.finished(.listen, .server).first?.tcp?.backlog == 5)
            #expect(run.finished(.tcpInfo, .server, step: 5).first?.tcp?.acceptQueue == 3)
            #expect(accepts.map { $0.tcp?.acceptQueue } == [2, 1, 0])
            #endif
        }
    }

    // MARK: 8 · several clients

    @Test("lesson 8: client 2 connects and sends while the server serves client 1, then waits in recv until the server answers it")
    func severalClients() throws {
        let run = try LessonRun.of("8")
        let accepts = run.finished(.accept, .server)
        try #require(accepts.count == 2)
        let client1 = try #require(run.finished(.connect, .client, connection: 1).first)
        let client2 = try #require(run.finished(.connect, .client, connection: 2).first)
        #expect(accepts[0].remote == client1.local)
        #expect(accepts[1].remote == client2.local)
        #if os(Linux)
        #expect(run.finished(.tcpInfo, .server, step: 1).first?.tcp?.acceptQueue == 2)
        #expect(accepts[0].tcp?.acceptQueue == 1)
        #endif
        let secondAccept = try #require(run.start(of: accepts[1]))
        let sent = try #require(run.finished(.sendall, .client, step: 5, connection: 2).first)
        #expect(client2.seq < secondAccept.seq && sent.seq < secondAccept.seq)
        let answer = try #require(run.finished(.sendall, .server, step: 11).first)
        let answerStart = try #require(run.start(of: answer))
        let waited = try #require(run.finished(.recv, .client, step: 12, connection: 2).first)
        #expect(waited.seq > answerStart.seq)
        #expect(waited.bytes == answer.bytes)
        #expect(run.finished(.print, .server, step: 10).first?.preview == "Hello, I am client 2")
        #expect(run.finished(.print, .client, step: 12, connection: 2).first?.preview == "Served, client 2")
    }
}

#if os(Linux)
extension LessonTruthTests {
    // MARK: 7 · TCP states

    @Test("lesson 7: LISTEN, ESTABLISHED before and after accept, FIN_WAIT1/2, CLOSE_WAIT, then CLOSE and a 60-second TIME_WAIT record",
          arguments: ["127.0.0.1", "::1"])
    func states(host: String) throws {
        let run = try LessonRun.of("7", .es, host: host)
        func state(_ op: TraceEvent.Operation, _ actor: TraceEvent.Actor, _ step: Int) -> String? {
            run.finished(op, actor, step: step).first?.tcp?.state?.name
        }
        #expect(state(.listen, .server, 1) == "LISTEN")
        #expect(state(.connect, .client, 2) == "ESTABLISHED")
        #expect(run.finished(.tcpInfo, .server, step: 3).first?.tcp?.acceptQueue == 1)
        #expect(state(.tcpInfo, .server, 4) == "ESTABLISHED")
        #expect(state(.sendall, .client, 5) == "ESTABLISHED")
        #expect(state(.recv, .server, 5) == "ESTABLISHED")
        let received = try #require(run.finished(.recv, .server, step: 5).first)
        #expect(received.tcp?.bytesReceived == UInt64(received.bytes ?? -1))
        #expect(run.finished(.sendall, .client, step: 5).first?.tcp?.rttMicroseconds != nil)
        #expect(["FIN_WAIT1", "FIN_WAIT2"].contains(state(.shutdown, .client, 6)))
        #expect(state(.tcpInfo, .client, 6) == "FIN_WAIT2")
        #expect(state(.recv, .server, 7) == "CLOSE_WAIT")
        #expect(run.finished(.recv, .server, step: 7).first?.bytes == 0)
        let last = try #require(run.finished(.recv, .client, step: 9).first)
        #expect(last.bytes == 0)
        #expect(last.tcp?.state == TCPState(name: "CLOSE"))

        let clientPort = try #require(run.port(run.finished(.connect, .client, step: 2).first?.local))
        let serverPort = try #require(run.port(run.finished(.bind, .server).first?.local))
        // The record exists once the client's recv has returned 0: the FIN that ended it created it.
        let record = try ProcNetTCP.entries(ipv6: host.contains(":")).first {
            $0.localPort == clientPort && $0.remotePort == serverPort
        }
        #expect(record?.state == ProcNetTCP.timeWait, "no TIME_WAIT record for \(clientPort) → \(serverPort): \(String(describing: record))")
        #expect(record?.timerKind == ProcNetTCP.timeWaitTimer)
        let seconds = Double(record?.timerTicks ?? 0) / 100
        #expect(seconds > 50 && seconds <= 60, "TIME_WAIT has \(seconds) s left")
    }
}
#endif

extension LessonTruthTests {
    // MARK: 9 · the segments under the calls

    @Test("lesson 9: the handshake inside connect() and before accept(); each send a PSH-ACK with its ACK; FIN, the delayed ACK, the last FIN and ACK; SO_LINGER 0 sends RST",
          .enabled(if: LoopbackCapture.isPermitted, "SKIPPED: capturing on lo needs CAP_NET_RAW (run the tests as root)"),
          arguments: Language.allCases)
    func packets(language: Language) throws {
        let run = try LessonRun.of("9", language, packets: true)
        func name(_ s: TraceEvent) -> String { s.segment!.flags.name }
        let connect = try #require(run.finished(.connect, .client, step: 1).first)
        let client = try #require(connect.local)
        // The first connection's segments, in order; a call's window may hold others too (a thread that
        // loses its processor after a call is late to read the clock), so each claim is about these.
        let first = run.segments.filter { [$0.local, $0.remote].contains(client) }
        try #require(first.count == 11, "\(first.map(name))")
        #expect(first.map(name) == ["SYN", "SYN-ACK", "ACK", "PSH-ACK", "ACK", "PSH-ACK", "ACK", "FIN-ACK", "ACK", "FIN-ACK", "ACK"])
        #expect(first.map { $0.local == client } == [true, false, true, true, false, false, true, true, false, false, true])
        func during(_ call: TraceEvent, _ indices: ClosedRange<Int>) -> Bool {
            first[indices].allSatisfy { run.window(of: call).contains($0.time) }
        }

        // 1-2: the handshake inside connect(), all of it before accept() started; nothing while accept() ran.
        #expect(during(connect, 0...2))
        let accept = try #require(run.finished(.accept, .server, step: 2).first)
        #expect(first[2].time < run.window(of: accept).lowerBound)
        #expect(run.finished(.tcpInfo, .server, step: 2).first?.tcp?.acceptQueue == 1)
        #expect(run.segments(during: accept).isEmpty)

        // 3: one PSH-ACK with the message at Seq=1, and the server's ACK of it, before sendall() returned.
        let hello = try #require(run.finished(.sendall, .client, step: 3).first)
        let sent = try #require(hello.bytes)
        #expect(during(hello, 3...4))
        #expect(first[3].segment?.payloadLength == sent && first[3].segment?.sequence == 1)
        #expect(first[4].segment?.acknowledgement == UInt32(sent + 1))
        // 4: nothing while the server's recv() ran.
        #expect(run.segments(during: try #require(run.finished(.recv, .server, step: 4).first)).isEmpty)
        // 5: the reply, and the client's ACK at once.
        let reply = try #require(run.finished(.sendall, .server, step: 5).first)
        #expect(during(reply, 5...6) && first[5].segment?.payloadLength == reply.bytes)

        // 6-7: the client's FIN-ACK, answered only by a lone ACK tens of milliseconds later.
        let shutdown = try #require(run.finished(.shutdown, .client, step: 6).first)
        #expect(during(shutdown, 7...7))
        #expect(first[8].segment?.payloadLength == 0 && first[8].segment?.acknowledgement == first[7].segment!.sequence + 1)
        #expect(first[8].time - first[7].time >= 30_000_000, "the ACK of the FIN came \(first[8].time - first[7].time) ns after it")
        let finWait2 = try #require(run.finished(.tcpInfo, .client, step: 7).first)
        #expect(finWait2.tcp?.state == .finWait2 && first[8].seq < finWait2.seq)

        // 8: recv() returns 0; close() sends the server's FIN-ACK, and the client's kernel ACKs it at once. (A
        // close sends when the socket's last reference goes: a process another test spawns at that moment
        // holds a copy of this one's descriptors until its exec, so the FIN may leave just after close().)
        #expect(run.finished(.recv, .server, step: 8).first?.bytes == 0)
        let serverClose = try #require(run.finished(.close, .server, step: 8).first)
        #expect(run.window(of: serverClose).lowerBound <= first[9].time && first[10].time - first[9].time < 1_000_000)
        // 9: the client's close() sends nothing: every segment of the connection came before it.
        let clientClose = try #require(run.finished(.close, .client, step: 9).first)
        #expect(first.allSatisfy { $0.time < run.window(of: clientClose).lowerBound })

        // 10-12: the second connection's handshake, its RST instead of FIN, ECONNRESET on the server.
        let second = try #require(run.finished(.connect, .client, step: 10).first)
        let other = run.segments.filter { [$0.local, $0.remote].contains(second.local) }
        #expect(other.map(name) == ["SYN", "SYN-ACK", "ACK", "RST-ACK"])
        #expect(other.prefix(3).allSatisfy { run.window(of: second).contains($0.time) })
        let reset = try #require(run.finished(.close, .client, step: 11).first)
        #expect(other.last?.local == second.local && run.window(of: reset).lowerBound <= other.last!.time)
        #expect(run.finished(.recv, .server, step: 12).first?.error?.name == "ECONNRESET")
    }
}
