import Testing
import TracePrograms
import TraceModel
import TraceText
import TraceSockets
@testable import TraceTeaching

@Suite("The scenario syntax a teacher writes")
struct ScenarioSyntaxTests {
    /// Parses `text` (prefixed by a server that listens and a connected client, when asked).
    func parse(_ text: String, connected: Bool = true) -> (Scenario?, [LessonFormatError]) {
        let prefix = connected ? """
            server  socket
            server  bind
            server  listen 5
            client  socket
            client  connect server
            server  accept

            """ : ""
        let lines = (prefix + text).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { NumberedLine($0.offset + 1, String($0.element)) }
        return ScenarioParser.parse(lines, id: "t", file: "t.md")
    }

    func lastAction(_ line: String) throws -> Scenario.Action {
        let (scenario, errors) = parse(line)
        #expect(errors.isEmpty, "\(errors)")
        return try #require(scenario?.actions.last)
    }

    @Test("each call and its arguments", arguments: [
        ("client  send \"hi\"", Scenario.Call.send(.text("hi"))),
        ("client  sendall \"Hola, servidor\"", .sendAll(.text("Hola, servidor"))),
        ("client  sendall \"ab\" * 3", .sendAll(.repeated("ab", count: 3))),
        ("client  sendall \"ab\" *3", .sendAll(.repeated("ab", count: 3))),
        ("client  sendall \"\\xff\\x00\"", .sendAll(.bytes([0xFF, 0x00]))),
        ("client  sendall \"\\x41\\t\\\"\\\\\\n\"", .sendAll(.text("A\t\"\\\n"))),
        ("client  recv 1024", .recv(maxBytes: 1024)),
        ("client  recv 16 until closed", .recv(maxBytes: 16, until: .closed)),
        ("client  recv 16 until 100 bytes", .recv(maxBytes: 16, until: .bytes(100))),
        ("client  recv 16 until \"\\n\"", .recv(maxBytes: 16, until: .delimiter([0x0A]))),
        ("client  print", .print),
        ("client  shutdown SHUT_WR", .shutdown(.write)),
        ("client  shutdown shut_rdwr", .shutdown(.both)),
        ("client  close", .close()),
        ("server  close listener", .closeListener),
        ("server  setsockopt SO_LINGER 0", .setOption(.linger, 0)),
        ("server  setsockopt tcp_nodelay 1", .setOption(.noDelay, 1)),
        ("client  tcpinfo", .tcpInfo()),
        ("client  wait state FIN_WAIT2", .tcpInfo(until: .state(.finWait2))),
        ("server  wait queue 3", .tcpInfo(until: .acceptQueue(3))),
        ("server  wait received 14", .tcpInfo(until: .bytesReceived(14))),
        ("server  wait received all", .tcpInfo(until: .everythingSent)),
        ("server  sendall \"x\" connection 1", .sendAll(.text("x"), connection: 1)),
        ("server  wait received all connection 1", .tcpInfo(until: .everythingSent, connection: 1)),
    ])
    func calls(line: String, call: Scenario.Call) throws {
        #expect(try lastAction(line).call == call)
    }

    @Test("setup calls: socket, bind in its three forms, listen, accept, connect")
    func setupCalls() throws {
        let (scenario, errors) = parse("""
            server  socket
            server  bind
            server  listen 7
            server2 socket
            server2 bind any
            server2 listen 1
            server3 socket
            server3 bind same-as server       expect EADDRINUSE
            client  socket
            client  connect server2
            client2 socket
            client2 connect closed-port       expect ECONNREFUSED
            server2 accept
            """, connected: false)
        #expect(errors.isEmpty, "\(errors)")
        let calls = try #require(scenario).actions.map(\.call)
        #expect(calls == [.socket, .bind(port: .runPort), .listen(backlog: 7), .socket, .bind(port: .anyAddress), .listen(backlog: 1),
                          .socket, .bind(port: .sameAs("server")), .socket, .connect(to: .actor("server2")), .socket,
                          .connect(to: .closedPort), .accept])
        #expect(scenario?.actors.map(\.name) == ["server", "server2", "server3", "client", "client2"])
        #expect(scenario?.actors.map(\.role) == [.server, .server, .server, .client, .client])
    }

    @Test("modifiers: step, expect, repeat, labels and after (one or several, with or without spaces)")
    func modifiers() throws {
        let (scenario, errors) = parse("""
            client  sendall "a"      step 1   as one
            client  sendall "b"      as two   step 2
            server  recv 10          step 3   after one,two
            server  recv 10          after one, two   step 4
            client  send "c"         step 5   repeat 20   expect EPIPE   # a comment
            # a whole-line comment, then a blank line

            """)
        #expect(errors.isEmpty, "\(errors)")
        let actions = try #require(scenario).actions
        let n = actions.count
        #expect(actions[n - 5].step == 1 && actions[n - 4].step == 2)
        #expect(actions[n - 3].after == [n - 5, n - 4])
        #expect(actions[n - 2].after == [n - 5, n - 4] && actions[n - 2].step == 4)
        #expect(actions[n - 1].repeatCount == 20 && actions[n - 1].expectedError == "EPIPE")
        #expect(scenario?.steps == [1, 2, 3, 4, 5])
    }

    @Test("a mistake on a line is reported on that line, saying what is wrong", arguments: [
        ("bob  socket", "unknown actor 'bob'"),
        ("\"server\" socket", "a line starts with who acts"),
        ("server", "after 'server' comes a call"),
        ("server  dance", "unknown call 'dance'"),
        ("server  listen", "missing the backlog"),
        ("server  listen many", "expected the backlog (listen 5), not 'many'"),
        ("server  listen 99999", "is outside 0...4096"),
        ("client  sendall Hola", "missing the data in double quotes"),
        ("client  sendall \"Hola", "no closing quote"),
        ("client  sendall \"a\\q\"", "unknown escape \\q"),
        ("client  sendall \"a\\x4\"", "\\x needs two hexadecimal digits"),
        ("client  sendall \"a\"b", "put a space after the closing quote"),
        ("client  sendall a\"b\"", "a quote inside a word"),
        ("client  sendall \"a\" * 0", "is outside 1..."),
        ("client  sendall \"abcd\" * 16000000", "larger than 16 MiB"),
        ("client  sendall \"a\" banana", "unexpected 'banana' after sendall"),
        ("client  recv 0", "is outside 1...1048576"),
        ("client  recv 10 until", "missing what recv waits for"),
        ("client  recv 10 until soon", "expected what recv waits for"),
        ("client  recv 10 until 5 apples", "write: until 5 bytes"),
        ("client  recv 10 until \"\"", "the delimiter is empty"),
        ("client  recv 10 later", "after recv's size comes nothing or 'until"),
        ("client  connect", "missing whom to connect to"),
        ("client  bind nowhere", "bind takes nothing, 'any', or 'same-as ACTOR'"),
        ("client  close everything", "close takes nothing or 'listener'"),
        ("client  shutdown sideways", "shutdown takes SHUT_WR"),
        ("server  setsockopt SO_FUN 1", "unknown option SO_FUN"),
        ("server  wait state SLEEPING", "unknown TCP state SLEEPING"),
        ("server  wait forever", "wait for state, queue or received"),
        ("client  sendall \"x\" step two", "expected the step number, not 'two'"),
        ("client  sendall \"x\" step 1 step 2", "'step' given twice"),
        ("client  socket expect refused", "expect takes an error name"),
        ("client  socket connection 2", "'connection' applies to"),
        ("client  socket repeat 5000", "is outside 1...1000"),
        ("client  socket as two words", "unexpected 'words'"),
        ("client  socket as a.b", "a label is letters, digits"),
        ("client  socket after nowhere", "no earlier line is labelled 'nowhere'"),
    ])
    func lineErrors(line: String, message: String) {
        let (scenario, errors) = parse(line)
        #expect(scenario == nil)
        #expect(errors.count == 1)
        #expect(errors.first?.line == 7, "\(errors)")
        #expect(errors.first?.file == "t.md")
        #expect(errors.first?.message.contains(message) == true, "\(errors.first?.message ?? "none")")
    }

    @Test("scripts that cannot run are refused before they run", arguments: [
        ("server  socket\nserver  accept", 2, "is not listening yet"),
        ("client  socket\nclient  listen 5", 2, "only a server listens"),
        ("server  socket\nserver  bind\nserver  listen 5\nserver  connect server", 4, "only a client connects"),
        ("server  socket\nserver  listen 5\nclient  socket\nclient  connect server2", 4, "'server2' never listens"),
        ("client  socket\nclient  sendall \"x\"", 2, "has no connection yet"),
        ("server  bind", 1, "has no socket yet"),
        ("client  connect closed-port", 1, "has no socket yet"),
        ("server  socket\nserver  bind same-as server2", 2, "'server2' never binds"),
        ("client  socket   step 2\nclient  close    step 1", 2, "steps never go back"),
        ("client  socket   as a\nclient  close    as a", 2, "the label 'a' is used twice"),
        ("client  socket   after b\nclient  close    as b", 1, "no earlier line is labelled 'b'"),
        ("# only a comment", 0, "the scenario has no actions"),
    ])
    func scriptErrors(text: String, line: Int, message: String) {
        let (scenario, errors) = parse(text, connected: false)
        #expect(scenario == nil)
        #expect(errors.first?.line == max(line, 1), "\(errors)")
        #expect(errors.first?.message.contains(message) == true, "\(errors.first?.message ?? "none")")
    }

    @Test("every mistake in a block is reported, each on its own line")
    func severalErrors() {
        let (_, errors) = parse("server  dance\nclient  jump\nclient  recv 0", connected: false)
        #expect(errors.map(\.line) == [1, 2, 3])
    }
}
