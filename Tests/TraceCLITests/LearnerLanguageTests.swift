import Foundation
import Testing
@testable import TraceCLI

/// A learner types the options where they think of them, and reads every refusal in their own language.
@Suite("The learner's command line: options before the subcommand, refusals in --lang")
struct LearnerLanguageTests {
    @Test("options before the subcommand's name are that subcommand's, as after it", arguments: [
        (["--lang", "es", "glossary", "socket"], ["glossary", "socket", "--lang", "es"]),
        (["--lang=en", "lesson", "list"], ["lesson", "list", "--lang", "en"]),
        (["--width", "60", "--lang", "en", "glossary", "backlog"], ["glossary", "backlog", "--width", "60", "--lang", "en"]),
        (["--ascii", "--lang", "es", "lesson", "list"], ["lesson", "list", "--ascii", "--lang", "es"]),
    ])
    func optionsFirst(before: [String], after: [String]) {
        let first = InProcess.run(before), last = InProcess.run(after)
        #expect(first.status == 0, "\(first.errors)")
        #expect(!first.output.isEmpty)
        #expect(first.output == last.output && first.errors == last.errors)
    }

    @Test("an option value that is a subcommand's name stays the option's value; an option the subcommand lacks is refused")
    func valuesAndStrangers() {
        #expect(TraceCommand.subcommand(in: ["--record", "replay"]) == (name: "demo", arguments: ["--record", "replay"]))
        #expect(TraceCommand.subcommand(in: ["--json", "replay", "x"]) == (name: "replay", arguments: ["--json", "x"]))
        #expect(TraceCommand.subcommand(in: ["--", "lesson"]) == (name: "demo", arguments: ["--", "lesson"]))
        let stranger = InProcess.run(["--delay", "5", "--lang", "es", "glossary"])
        #expect(stranger.status == 64)
        #expect(stranger.errors.hasPrefix("trace glossary: opción desconocida --delay"), "\(stranger.errors)")
    }

    @Test("no option is a flag in one subcommand and takes a value in another")
    func oneArityPerOption() {
        let all = TraceCommand.subcommands.flatMap(\.options)
        let flags = Set(all.filter { $0.value == nil }.map(\.name))
        #expect(flags.isDisjoint(with: TraceCommand.optionsTakingValues))
    }

    @Test("a recording that is missing or a directory: one line in Spanish, exit 66")
    func missingRecording() throws {
        let missing = InProcess.run(["replay", "/nonexistent/trace.jsonl", "--lang", "es"])
        #expect(missing.status == 66)
        #expect(missing.errors == "trace: /nonexistent/trace.jsonl: no existe ese archivo\n")
        let directory = InProcess.run(["export", "/tmp", "--format", "svg", "--lang", "es"])
        #expect(directory.status == 66)
        #expect(directory.errors == "trace: /tmp: es un directorio\n")
        let english = InProcess.run(["replay", "/tmp", "--lang", "en"])
        #expect(english.errors == "trace: /tmp: is a directory\n")
    }

    @Test("a malformed recording: why, in Spanish, down to the JSON parser's own words", arguments: [
        ("{\"v\":1,\"seq\":1,\n", "no es JSON: se esperaba un nombre de miembro entre comillas en el byte 16"),
        ("hola\n", "no es JSON: carácter inesperado 'h' en el byte 1"),
        (#"{"v":1,"seq":1,"t_ns":5,"phase":"instant","actor":"trace","op":"note","by":"someone"}"# + "\n",
         #"campo "by": se esperaba "trace", no "someone""#),
        (#"{"v":1,"seq":1,"t_ns":5,"phase":"done","actor":"client","op":"close","tcp":{"state":"DANCING"}}"# + "\n",
         #"campo "tcp.state": estado TCP desconocido "DANCING""#),
    ])
    func malformedInSpanish(text: String, why: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("es-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = InProcess.run(["replay", file.path, "--lang", "es"])
        #expect(result.status == 65)
        #expect(result.errors == "trace: \(file.path):1: \(why)\n", "\(result.errors)")
    }

    @Test("a server command line that a shell would refuse: one line in the learner's language, exit 64", arguments: [
        (["run", "--lang", "es", "--server", "python3 'servidor.py", "--", "true"], "comilla"),
        (["run", "--lang", "en", "--server", "python3 'servidor.py", "--", "true"], "unterminated ' quote"),
        (["run", "--lang", "es", "--server", "python3 servidor.py | tee log", "--", "true"], "necesita un shell"),
        (["lesson", "own-programs", "--lang", "es", "--server", "python3 servidor.py\\"], "barra invertida"),
    ])
    func shellWords(arguments: [String], mentions: String) {
        let result = InProcess.run(arguments)
        #expect(result.status == 64)
        #expect(result.errors.contains(mentions), "\(result.errors)")
        #expect(result.errors.split(separator: "\n").count == 1, "\(result.errors)")
        #expect(result.output.isEmpty)
    }

    @Test("a replay whose rows leave the clock's order says so once, in the learner's language; one in order says nothing",
          arguments: [("es", "Orden: las filas siguen los pasos de la lección"), ("en", "Order: rows follow the lesson's steps")])
    func rowOrderSaid(language: String, words: String) throws {
        let header = #"{"v":1,"seq":1,"t_ns":0,"phase":"instant","actor":"trace","op":"header","header":{"source":"builtin","command":"demo","traced":["client","server"],"plan":{"id":"seed","steps":[{"step":1,"done":[{"actor":"client","op":"connect"}]},{"step":2,"done":[{"actor":"server","op":"accept"}]}]},"pacing":"free","tool":"trace 0.3.0"}}"#
        func recording(acceptDone: Int) -> String {
            [header,
             #"{"v":1,"seq":2,"t_ns":10000,"phase":"start","actor":"server","op":"accept","step":2,"fd":3,"tcp":{"state":"LISTEN","queue":0,"backlog":5}}"#,
             #"{"v":1,"seq":3,"t_ns":100000,"phase":"start","actor":"client","op":"connect","step":1,"fd":4,"addr":"127.0.0.1:5000"}"#,
             #"{"v":1,"seq":4,"t_ns":\#(acceptDone),"phase":"done","actor":"server","op":"accept","id":2,"step":2,"fd":3,"dur_ns":\#(acceptDone - 10000),"ret":5,"remote":"127.0.0.1:40000"}"#,
             #"{"v":1,"seq":5,"t_ns":200000,"phase":"done","actor":"client","op":"connect","id":3,"step":1,"fd":4,"dur_ns":100000,"addr":"127.0.0.1:5000","local":"127.0.0.1:40000","remote":"127.0.0.1:5000"}"#,
            ].joined(separator: "\n") + "\n"
        }
        for (acceptDone, said) in [(150_000, true), (250_000, false)] {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("order-\(UUID().uuidString).jsonl")
            defer { try? FileManager.default.removeItem(at: file) }
            try recording(acceptDone: acceptDone).write(to: file, atomically: true, encoding: .utf8)
            let result = InProcess.run(["replay", file.path, "--lang", language, "--width", "100"])
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.output.contains(words) == said, "\(result.output)")
            #expect(result.output.components(separatedBy: words).count <= 2)
        }
    }

    @Test("a pcap that cannot be created: the errno and its explanation in Spanish, as for --record, exit 73")
    func pcapInSpanish() throws {
        let result = try Executable.run(["--packets", "--pcap", "/nonexistent-directory/x.pcap", "--lang", "es"])
        #expect(result.status == 73, "\(result.errors)")
        #expect(result.errors == "trace: --pcap /nonexistent-directory/x.pcap: ENOENT (No existe el fichero o el directorio)\n")
    }
}
