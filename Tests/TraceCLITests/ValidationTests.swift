import Foundation
import Testing
@testable import TraceCLI
import TraceCore
@testable import TracePrograms
import TraceSockets
import TraceText

/// A file in a fresh temporary directory, removed with it.
struct ValidTempDir {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "trace-valid-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A listening socket on 127.0.0.1 at a port the kernel chose, held until closed.
final class HeldListener {
    let socket: Socket
    let port: UInt16
    init() throws {
        socket = try Socket.tcp(.ipv4)
        try socket.bind(to: try SocketAddress.resolve(host: "127.0.0.1", port: 0)[0])
        try socket.listen(backlog: 1)
        port = socket.localAddress?.port ?? 0
    }
    deinit { try? socket.close() }
}

@Suite("Recordings that cannot be are refused (exit 65, file:line: why) by replay and merge")
struct RecordingValidationTests {
    /// A real recording of the demo, one event a line.
    static func realLines() throws -> [String] {
        let run = try Executable.run(["--json", "--lang", "en"])
        #expect(run.status == 0)
        return run.output.split(separator: "\n").map(String.init)
    }

    /// The first line where `match` holds, changed by `change`.
    static func mutate(_ lines: [String], where match: (String) -> Bool, _ change: (String) -> String) -> (lines: [String], line: Int) {
        var lines = lines
        guard let i = lines.firstIndex(where: { !$0.contains(#""op":"header""#) && match($0) }) else { Issue.record("no line to change"); return (lines, 0) }
        lines[i] = change(lines[i])
        return (lines, i + 1)
    }

    static func expectRefused(_ dir: ValidTempDir, _ name: String, _ text: String, line: Int, saying why: String,
                              language: String = "en") throws {
        let file = try dir.write(name, text)
        for command in [["replay", file], ["merge", file, file]] {
            let run = try Executable.run(command + ["--lang", language])
            #expect(run.status == 65, "\(command): \(run.status) \(run.errors)")
            #expect(run.errors.hasPrefix("trace: \(file):\(line): "), "\(command): \(run.errors)")
            #expect(run.errors.contains(why), "\(command): \(run.errors)")
            #expect(run.errors.split(separator: "\n").count == 1, "\(command): \(run.errors)")
        }
    }

    @Test("a client's recv() before its own connect(), on a recording written by hand")
    func recvBeforeConnect() throws {
        let dir = try ValidTempDir()
        defer { dir.remove() }
        let text = """
            {"v":1,"seq":1,"t_ns":100,"phase":"done","actor":"client","op":"socket","dur_ns":10,"new_fd":4}
            {"v":1,"seq":2,"t_ns":200,"phase":"start","actor":"client","op":"recv","fd":4,"asked":1024}
            {"v":1,"seq":3,"t_ns":300,"phase":"done","actor":"client","op":"recv","fd":4,"dur_ns":100,"asked":1024,"bytes":16}
            {"v":1,"seq":4,"t_ns":400,"phase":"start","actor":"client","op":"connect","fd":4,"addr":"127.0.0.1:5000"}
            {"v":1,"seq":5,"t_ns":500,"phase":"done","actor":"client","op":"connect","fd":4,"dur_ns":100,"addr":"127.0.0.1:5000"}

            """
        try Self.expectRefused(dir, "early-recv.jsonl", text, line: 3, saying: "recv() on fd 4 before its connect()")
        // The same events with the recv moved after the connect are a recording like any other.
        var lines = text.split(separator: "\n").map(String.init)
        lines = [lines[0], lines[3], lines[4], lines[1], lines[2]].enumerated().map { i, line in
            line.replacing(#/"seq":\d+/#, with: "\"seq\":\(i + 1)")
        }
        let fixed = try dir.write("fixed.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(try Executable.run(["replay", fixed]).status == 0)
    }

    @Test("a connect() after its socket already moved data, in a real recording reordered")
    func connectAfterData() throws {
        let dir = try ValidTempDir()
        defer { dir.remove() }
        var lines = try Self.realLines()
        // The client's connect (start and done) moved after its first sendall's done, seq renumbered.
        let connect = lines.indices.filter { !lines[$0].contains(#""op":"header""#) && lines[$0].contains(#""actor":"client","op":"connect""#) }
        let send = try #require(lines.lastIndex { $0.contains(#""phase":"done","actor":"client","op":"sendall""#) })
        try #require(connect.count == 2)
        let moved = connect.map { lines[$0] }
        lines.insert(contentsOf: moved, at: send + 1)
        // Without its socket() (a recording that began later), the sendall itself is no contradiction.
        let socket = lines.indices.filter { lines[$0].contains(#""actor":"client","op":"socket""#) && !lines[$0].contains(#""op":"header""#) }
        for i in (connect + socket).sorted().reversed() { lines.remove(at: i) }
        lines = lines.enumerated().map { i, line in line.replacing(#/"seq":\d+/#, with: "\"seq\":\(i + 1)") }
        let line = try #require(lines.firstIndex { !$0.contains(#""op":"header""#) && $0.contains(#""actor":"client","op":"connect""#) }) + 1
        // (The descriptor is whatever the run got: a test process may pass descriptors of its own down.)
        try Self.expectRefused(dir, "late-connect.jsonl", lines.joined(separator: "\n") + "\n", line: line,
                               saying: "after it already moved data: the connect comes first")
    }

    @Test("recv(1024) → 99999 bytes, step -3, an unknown actor, an unknown op, an empty file; in Spanish too")
    func impossibleValues() throws {
        let dir = try ValidTempDir()
        defer { dir.remove() }
        let lines = try Self.realLines()
        func isClientRecvDone(_ l: String) -> Bool {
            l.contains(#""phase":"done","actor":"client","op":"recv""#)
        }
        let big = Self.mutate(lines, where: isClientRecvDone) { $0.replacing(#/"bytes":\d+/#, with: "\"bytes\":99999") }
        try Self.expectRefused(dir, "big.jsonl", big.lines.joined(separator: "\n"), line: big.line,
                               saying: "recv(1024) → 99999 bytes: a call never moves more bytes than it was asked to")
        try Self.expectRefused(dir, "big-es.jsonl", big.lines.joined(separator: "\n"), line: big.line,
                               saying: "recv(1024) → 99999 bytes: una llamada no mueve más bytes de los pedidos", language: "es")
        let step = Self.mutate(lines, where: { $0.contains(#""step":1,"#) }) { $0.replacingOccurrences(of: #""step":1,"#, with: #""step":-3,"#) }
        try Self.expectRefused(dir, "step.jsonl", step.lines.joined(separator: "\n"), line: step.line,
                               saying: "step -3: steps are numbered from 1")
        let actor = Self.mutate(lines, where: { $0.contains(#""phase":"start","actor":"client""#) }) {
            $0.replacingOccurrences(of: #""actor":"client""#, with: #""actor":"martian""#)
        }
        try Self.expectRefused(dir, "actor.jsonl", actor.lines.joined(separator: "\n"), line: actor.line,
                               saying: "unknown actor \"martian\"")
        let op = Self.mutate(lines, where: { $0.contains(#""actor":"client","op":"connect""#) }) {
            $0.replacingOccurrences(of: #""op":"connect""#, with: #""op":"teleport""#)
        }
        try Self.expectRefused(dir, "op.jsonl", op.lines.joined(separator: "\n"), line: op.line,
                               saying: "unknown operation \"teleport\"")
        try Self.expectRefused(dir, "empty.jsonl", "", line: 1, saying: "the recording is empty")
        try Self.expectRefused(dir, "blank.jsonl", "\n\n", line: 2, saying: "the recording is empty")
        try Self.expectRefused(dir, "vacia.jsonl", "", line: 1, saying: "la grabación está vacía", language: "es")
    }

    @Test("a line that is no event says why in Spanish too: a missing member, a wrong type, events out of order")
    func decodingInSpanish() throws {
        let dir = try ValidTempDir()
        defer { dir.remove() }
        let first = #"{"v":1,"seq":1,"t_ns":0,"phase":"start","actor":"client","op":"socket"}"#
        try Self.expectRefused(dir, "missing.jsonl", first + "\n" + #"{"v":1,"seq":2,"t_ns":0,"phase":"start","actor":"client"}"#,
                               line: 2, saying: "falta el campo \"op\"", language: "es")
        try Self.expectRefused(dir, "type.jsonl", #"{"v":1,"seq":1,"t_ns":"ayer","phase":"start","actor":"client","op":"socket"}"#,
                               line: 1, saying: "campo \"t_ns\": se esperaba un entero no negativo", language: "es")
        try Self.expectRefused(dir, "order.jsonl", first + "\n" + first, line: 2,
                               saying: "seq 1 no sigue a seq 1: eventos fuera de orden", language: "es")
        try Self.expectRefused(dir, "order-en.jsonl", first + "\n" + first, line: 2,
                               saying: "seq 1 does not follow seq 1: events out of order")
    }

    @Test("merge: a client's recording that reads the reply before sending its message contradicts the server's: exit 65, both events named")
    func mergeContradiction() throws {
        let dir = try ValidTempDir()
        defer { dir.remove() }
        let lines = try Self.realLines()
        // The demo's one run as two machines' recordings: the server's events and the client's, each with the header.
        func side(_ actor: String) -> [String] {
            [lines[0]] + lines.dropFirst().filter { $0.contains("\"actor\":\"\(actor)\"") }
        }
        func numbered(_ lines: [String]) -> String {
            lines.enumerated().map { i, line in line.replacing(#/"seq":\d+/#, with: "\"seq\":\(i + 1)") }.joined(separator: "\n") + "\n"
        }
        let server = try dir.write("server.jsonl", numbered(side("server")))
        var client = side("client")
        let good = try dir.write("client.jsonl", numbered(client))
        let ok = try Executable.run(["merge", server, good, "--lang", "en"])
        #expect(ok.status == 0, "\(ok.errors)")
        // The client's recv of the reply (its start and done) moved before its sendall of the message.
        let recv = client.indices.filter { $0 > 0 && client[$0].contains(#""actor":"client","op":"recv""#) }
        let send = try #require(client.indices.first { $0 > 0 && client[$0].contains(#""phase":"start","actor":"client","op":"sendall""#) })
        try #require(recv.count == 2 && recv[0] > send)
        let moved = recv.map { client[$0] }
        for i in recv.reversed() { client.remove(at: i) }
        client.insert(contentsOf: moved, at: send)
        let bad = try dir.write("client-bad.jsonl", numbered(client))
        for language in ["en", "es"] {
            let run = try Executable.run(["merge", server, bad, "--lang", language])
            #expect(run.status == 65, "\(run.status) \(run.errors)")
            #expect(run.errors.split(separator: "\n").count == 1, "\(run.errors)")
            #expect(run.errors.contains(language == "es" ? "las grabaciones se contradicen" : "the recordings contradict each other"), "\(run.errors)")
            #expect(run.errors.contains("client-bad.jsonl (seq ") && run.errors.contains("server.jsonl (seq "), "\(run.errors)")
            #expect(run.output.isEmpty, "nothing drawn")
        }
    }

    @Test("members the format does not define stay ignored: the same recording with extras draws the same diagram")
    func unknownMembersIgnored() throws {
        let dir = try ValidTempDir()
        defer { dir.remove() }
        let lines = try Self.realLines()
        let plain = try dir.write("plain.jsonl", lines.joined(separator: "\n") + "\n")
        let extra = try dir.write("extra.jsonl", lines.map {
            String($0.dropLast()) + #","x_future":{"a":[1,2]},"note_v2":"hola"}"#
        }.joined(separator: "\n") + "\n")
        let a = try Executable.run(["replay", plain, "--width", "80", "--lang", "en"])
        let b = try Executable.run(["replay", extra, "--width", "80", "--lang", "en"])
        #expect(a.status == 0 && b.status == 0, "\(a.errors) \(b.errors)")
        // Past the title (which names the file), the same diagram, legend and debrief.
        #expect(a.output.split(separator: "\n").dropFirst() == b.output.split(separator: "\n").dropFirst())
        #expect(a.output.split(separator: "\n").count > 20)
    }

    @Test("every recording the tool makes passes: the demo, a lesson with errors, a lesson of several clients")
    func realRecordingsPass() throws {
        for arguments in [["--json"], ["lesson", "5", "--json"], ["lesson", "8", "--json"], ["lesson", "4", "--json"]] {
            let run = try Executable.run(arguments)
            #expect(run.status == 0, "\(arguments): \(run.errors)")
            var validation = RecordingValidation()
            for event in try JSONLinesReader.events(from: run.outputBytes, source: "\(arguments)") {
                #expect(validation.check(event) == nil, "\(arguments): \(event.json)")
            }
        }
    }
}

@Suite("Lesson files are checked whole before anything runs; an unmet expect says its line and what happened")
struct LessonValidationTests {
    static func lesson(_ scenario: String) -> String {
        """
        ---
        id: my-check
        lang: en
        title: A check
        ---

        Intro.

        ## Step 1 · connect()

        Connect.

        ## Scenario

        ```scenario
        \(scenario)
        ```

        ## Questions

        1. Q?
           > A.

        """
    }

    /// The scenario's first line is the file's line 16.
    static let firstScenarioLine = 16

    @Test("expect EBANANA is an unknown error name, caught at parse time: exit 65, file:line, nothing run")
    func unknownErrorName() throws {
        let dir = try ValidTempDir()
        defer { dir.remove() }
        let file = try dir.write("banana.md", Self.lesson("""
            server  socket
            server  bind
            server  listen 5
            client  socket
            client  connect server    step 1
            client  send "x"          expect EBANANA
            """))
        for language in ["en", "es"] {
            let run = try Executable.run(["lesson", file, "--json", "--lang", language])
            #expect(run.status == 65, "\(run.status) \(run.errors)")
            #expect(run.output.isEmpty, "nothing ran: \(run.output.prefix(200))")
            #expect(run.errors.hasPrefix("trace: \(file):\(Self.firstScenarioLine + 5): expect EBANANA: "), "\(run.errors)")
            #expect(run.errors.contains(language == "es" ? "no es un error que conozca trace" : "not an error trace knows"), "\(run.errors)")
        }
        // Not one socket: with strace beside it (skipped, with its reason, where strace is absent).
        if let strace = which("strace") {
            let traced = try Executable.run(["-f", "-e", "trace=socket,bind,listen,connect", "--", Executable.traceURL.path,
                                             "lesson", file, "--json"], executable: strace)
            #expect(traced.status == 65, "\(traced.errors)")
            #expect(!traced.errors.contains("socket(") && !traced.errors.contains("bind("), "\(traced.errors)")
            #expect(traced.errors.contains("+++ exited with 65 +++"), "\(traced.errors)")
        } else {
            print("skipped: strace is not installed, so the absence of socket() calls is not observed")
        }
        // Every name trace can show can be expected.
        for name in Errno.knownNames { #expect(ErrnoText.isKnown(name), "\(name)") }
    }

    @Test("an unmet expect names its line and what happened instead, unlike a failure with no expect")
    func unmetExpect() throws {
        let dir = try ValidTempDir()
        defer { dir.remove() }
        let refused = """
            client  socket
            client  connect closed-port    step 1
            """
        let plain = try dir.write("plain.md", Self.lesson(refused))
        let wrong = try dir.write("wrong.md", Self.lesson(refused + "   expect EPIPE"))
        let success = try dir.write("success.md", Self.lesson("""
            server  socket
            server  bind
            server  listen 5
            client  socket
            client  connect server    step 1   expect ECONNREFUSED
            """))
        let a = try Executable.run(["lesson", plain, "--lang", "en"])
        let b = try Executable.run(["lesson", wrong, "--lang", "en"])
        let c = try Executable.run(["lesson", success, "--lang", "en"])
        #expect(a.status == 1 && b.status == 1 && c.status == 1, "\(a.status) \(b.status) \(c.status)")
        #expect(a.errors == "trace: client: connect() failed: ECONNREFUSED (Connection refused)\n", "\(a.errors)")
        #expect(b.errors == "trace: \(wrong):\(Self.firstScenarioLine + 1): client: expected EPIPE (expect EPIPE), but connect() failed with ECONNREFUSED (Connection refused)\n", "\(b.errors)")
        #expect(c.errors == "trace: \(success):\(Self.firstScenarioLine + 4): client: expected ECONNREFUSED (expect ECONNREFUSED), but the call succeeded\n", "\(c.errors)")
        let es = try Executable.run(["lesson", wrong, "--lang", "es"])
        #expect(es.errors.contains(":\(Self.firstScenarioLine + 1): client: se esperaba EPIPE (expect EPIPE), pero connect() falló con ECONNREFUSED (Conexión rechazada)"), "\(es.errors)")
    }

    @Test("connect with no accept: the lesson passes, and the listener is closed only by the tool, after the scenario")
    func connectWithNoAccept() throws {
        let dir = try ValidTempDir()
        defer { dir.remove() }
        let file = try dir.write("no-accept.md", Self.lesson("""
            server  socket
            server  bind
            server  listen 1
            client  socket
            client  connect server    step 1
            client  wait state ESTABLISHED
            client  close
            """))
        for _ in 0..<3 {
            let run = try Executable.run(["lesson", file, "--json"])
            #expect(run.status == 0, "\(run.errors)")
            let events = try JSONLinesReader.events(from: run.outputBytes, source: "stdout")
            let clientClose = try #require(events.lastIndex { $0.actor == .client && $0.operation == .close && $0.phase == .done })
            let serverCalls = events.filter { $0.actor == .server && $0.phase == .done }.map(\.operation)
            #expect(serverCalls.prefix(3) == [.socket, .bind, .listen])
            // No accept, no close the scenario did not write: the listener's close is the tool's, at the end.
            #expect(!serverCalls.contains(.accept))
            let closes = events.indices.filter { events[$0].actor == .server && events[$0].operation == .close }
            #expect(!closes.isEmpty && closes.allSatisfy { events[$0].origin == .tool && $0 > clientClose })
        }
    }
}

@Suite("Spanish complete: friendly error lines, translated explanations, al/del, plurals")
struct SpanishCompleteTests {
    @Test("the demo and a lesson on a port in use: the friendly line trace server gives, in Spanish and English")
    func addressInUse() throws {
        let held = try HeldListener()
        for (arguments, language) in [(["--port", "\(held.port)"], "es"), (["lesson", "1", "--port", "\(held.port)"], "es"),
                                      (["--port", "\(held.port)"], "en")] {
            let run = try Executable.run(arguments + ["--lang", language])
            #expect(run.status == 1, "\(arguments): \(run.errors)")
            let expected = language == "es"
                ? "trace: el puerto \(held.port) está en uso (EADDRINUSE): elige otro con --port\n"
                : "trace: port \(held.port) is in use (EADDRINUSE): choose another with --port\n"
            #expect(run.errors == expected, "\(arguments): \(run.errors)")
        }
        // LANG chooses Spanish too.
        let run = try Executable.run(["--port", "\(held.port)"], environment: ["LANG": "es_ES.UTF-8"])
        #expect(run.errors == "trace: el puerto \(held.port) está en uso (EADDRINUSE): elige otro con --port\n", "\(run.errors)")
    }

    @Test("every error the tool can show has its Spanish explanation; the diagram shows it, the name as it is")
    func explanations() throws {
        for name in Errno.knownNames {
            #expect(ErrnoText.explanation(of: name, system: "SYSTEM", .es) != "SYSTEM", "\(name)")
            #expect(ErrnoText.explanation(of: name, system: "SYSTEM", .en) == "SYSTEM", "\(name)")
        }
        let run = try Executable.run(["lesson", "5", "--lang", "es", "--width", "120"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("ECONNREFUSED (Conexión rechazada)"), "\(run.output)")
        for english in ["(Connection refused)", "(Connection reset by peer)", "(Broken pipe)", "(Address already in use)"] {
            #expect(!run.output.contains(english), "\(english)")
        }
    }

    @Test("a recording or an export that cannot be written or created: the errno name, its explanation in Spanish",
          .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "SKIPPED: no /dev/full on this system"))
    func fileErrors() throws {
        let full = try Executable.run(["--record", "/dev/full", "--lang", "es"])
        #expect(full.status == 74, "\(full.errors)")
        #expect(full.errors == "trace: --record /dev/full: ENOSPC (No queda espacio en el dispositivo)\n", "\(full.errors)")
        let english = try Executable.run(["--record", "/dev/full", "--lang", "en"])
        #expect(english.errors == "trace: --record /dev/full: ENOSPC (No space left on device)\n", "\(english.errors)")
        let missing = try Executable.run(["--record", "/nonexistent/dir/run.jsonl", "--lang", "es"])
        #expect(missing.status == 73, "\(missing.errors)")
        #expect(missing.errors == "trace: --record /nonexistent/dir/run.jsonl: ENOENT (No existe el fichero o el directorio)\n", "\(missing.errors)")
        let export = try Executable.run(["--export", "svg:/dev/full", "--lang", "es"])
        #expect(export.status == 74, "\(export.errors)")
        #expect(export.errors.contains("ENOSPC (No queda espacio en el dispositivo)"), "\(export.errors)")
    }

    /// `a el` and `de el` as words (not `falta el`, `de él`), ignoring case.
    static func contractions(in text: String) -> [String] {
        text.split(separator: "\n").filter { $0.contains(#/(?i)(^|[^\p{L}])(a|de) el /#) }.map(String.init)
    }

    @Test("no 'a el' or 'de el' in any Spanish text: help, lessons with answers, glossary, walkthrough, errors, and every source literal")
    func alDel() throws {
        #expect(Self.contractions(in: "va a el puerto; De el estado").count == 1)
        #expect(Self.contractions(in: "falta el nombre; de él; al puerto; del estado").isEmpty)
        var runs: [[String]] = [["glossary", "--all"], ["lesson", "list"], ["--step"]]
        for n in 1...10 { runs.append(["lesson", "\(n)", "--answers", "--no-run"]) }
        for n in [1, 2, 3, 4, 5, 7] { runs.append(["lesson", "\(n)", "--answers"]) }
        for command in ["", "lesson", "glossary", "replay", "merge", "server", "client", "run", "export"] {
            runs.append((command.isEmpty ? [] : [command]) + ["--help"])
        }
        for arguments in runs {
            let run = try Executable.run(arguments + ["--lang", "es", "--width", "100"], input: arguments == ["--step"] ? "a\n" : nil)
            let found = Self.contractions(in: run.output + run.errors)
            #expect(found.isEmpty, "\(arguments): \(found)")
        }
        // The program's own Spanish, wherever it is written in the sources.
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        #expect(files.count > 100)
        for file in files {
            let text = try String(contentsOfFile: sources.appendingPathComponent(file).path, encoding: .utf8)
            let found = Self.contractions(in: text).filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            #expect(found.isEmpty, "\(file): \(found)")
        }
    }

    @Test("the server's summary in the right number: 1 conexión: 1 atendida; 1 connection; 2 connections")
    func plurals() {
        var one = ServerSummary()
        one.accepted = 1
        one.served = 1
        one.mostAtOnce = 1
        #expect(ServerCommand.summaryLine(one, .es)
            == "trace server: fin; 1 conexión: 1 atendida, 0 rechazadas (ocupado), 0 cerradas por silencio, 0 con error, 0 cortadas al parar; 1 a la vez como máximo")
        #expect(ServerCommand.summaryLine(one, .en)
            == "trace server: done; 1 connection: 1 served, 0 refused (busy), 0 closed for silence, 0 with errors, 0 cut short by the stop; at most 1 at once")
        #expect(Plural.of(1, es: ("conexión", "conexiones"), en: ("connection", "connections"), .es) == "1 conexión")
        #expect(Plural.of(0, es: ("conexión", "conexiones"), en: ("connection", "connections"), .es) == "0 conexiones")
        #expect(Plural.of(1, es: ("parada sin hacer", "paradas sin hacer"), en: ("stop not run", "stops not run"), .en) == "1 stop not run")
        var two = one
        two.accepted = 2
        two.served = 1
        two.failed = 1
        #expect(ServerCommand.summaryLine(two, .es).hasPrefix("trace server: fin; 2 conexiones: 1 atendida, 0 rechazadas (ocupado), 0 cerradas por silencio, 1 con error,"))
        #expect(ServerCommand.summaryLine(two, .en).hasPrefix("trace server: done; 2 connections: 1 served, 0 refused (busy), 0 closed for silence, 1 with an error,"))
    }
}
