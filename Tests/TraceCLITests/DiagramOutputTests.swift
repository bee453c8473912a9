import Foundation
import Testing
import TraceText
import TraceCore
import TraceRender

/// The step number a diagram line starts with, if any.
func stepNumber(of line: Substring) -> Int? {
    Int(line.prefix(3).filter { $0 != " " })
}

extension Executable.Result {
    var lines: [Substring] { output.split(separator: "\n", omittingEmptySubsequences: false) }
    var steps: [Int] { lines.compactMap(stepNumber) }
    /// What follows the title: the diagram and the debrief.
    var afterTitle: String {
        guard let blank = output.range(of: "\n\n") else { return output }
        return String(output[blank.upperBound...])
    }
}

@Suite("trace draws the seed, end to end")
struct DiagramOutputTests {
    @Test("stdout a pipe: the nine steps in order, no escape sequences, exit 0", arguments: ["en", "es"])
    func pipe(language: String) throws {
        let result = try Executable.run(["--lang", language])
        #expect(result.status == 0)
        #expect(result.errors.isEmpty)
        #expect(result.steps == Array(1...9))
        #expect(!result.outputBytes.contains(0x1B))
        #expect(result.lines.allSatisfy { DisplayWidth.of($0) <= 80 }, "80 columns when the width is unknown")
        let words = language == "es" ? ["Cliente", "Servidor", "¿Qué pasa detrás?", "cierre detectado"]
                                      : ["Client", "Server", "What happens behind the scenes?", "closure detected"]
        for word in words { #expect(result.output.contains(word), "\(word)") }
    }

    @Test("the language comes from the locale when --lang is not given")
    func locale() throws {
        #expect(try Executable.run([], environment: ["LANG": "es_ES.UTF-8"]).output.contains("Servidor"))
        #expect(try Executable.run([], environment: ["LC_ALL": "en_US.UTF-8", "LANG": "es_ES.UTF-8"]).output.contains("Server"))
    }

    @Test("--record, then replay: the same diagram and debrief, times and all")
    func recordAndReplay() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let live = try Executable.run(["--lang", "es", "--record", file.path])
        #expect(live.status == 0)
        let events = try JSONLinesReader.events(fromFile: file.path)
        #expect(Set(events.compactMap(\.step)) == Set(1...9))
        let replay = try Executable.run(["replay", file.path, "--lang", "es"])
        #expect(replay.status == 0)
        #expect(replay.afterTitle == live.afterTitle)
        #expect(replay.afterTitle.contains("Nota:"))
    }

    @Test("--color always colours even a pipe (and despite NO_COLOR); auto and never do not")
    func colour() throws {
        let always = try Executable.run(["--color", "always"], environment: ["LANG": "C", "NO_COLOR": "1"])
        #expect(always.output.contains("\u{1B}[36m") && always.output.contains("\u{1B}[0m"))
        #expect(always.steps.isEmpty, "the step numbers are wrapped in colour codes")
        #expect(always.output.withoutSGR.split(separator: "\n").compactMap(stepNumber) == Array(1...9))
        for choice in ["auto", "never"] {
            #expect(!(try Executable.run(["--color", choice]).outputBytes.contains(0x1B)), "\(choice)")
        }
    }

    @Test("--ascii: pure ASCII, even in Spanish")
    func ascii() throws {
        let result = try Executable.run(["--ascii", "--lang", "es"])
        #expect(result.status == 0)
        #expect(result.outputBytes.allSatisfy { $0 < 0x80 })
        #expect(result.steps == Array(1...9))
        #expect(result.output.contains("Que pasa detras?"))
    }

    @Test("--width: every line fits", arguments: [60, 100, 120])
    func width(columns: Int) throws {
        let result = try Executable.run(["--width", String(columns), "--message", "¡Hola, señor! 日本語 😀"])
        #expect(result.status == 0)
        #expect(result.lines.allSatisfy { DisplayWidth.of($0) <= columns })
        #expect(result.steps == Array(1...9))
    }

    @Test("a message with escape sequences and control bytes is shown escaped")
    func hostileMessage() throws {
        let result = try Executable.run(["--message", "\u{1B}[31mred\u{07}\u{1B}[2J", "--reply", "ok\u{0}"])
        #expect(result.status == 0)
        #expect(!result.outputBytes.contains(0x1B) && !result.outputBytes.contains(0x07) && !result.outputBytes.contains(0))
        #expect(result.output.contains("\\x1b[31mred\\x07"))
    }

    @Test("--host ::1: the same exchange over IPv6")
    func ipv6() throws {
        let result = try Executable.run(["--host", "::1", "--width", "100"])
        #expect(result.status == 0)
        #expect(result.output.contains("[::1]:"))
        #expect(result.steps == Array(1...9))
    }

    @Test("help lists every option, in the chosen language", arguments: ["--help", "-h"])
    func help(flag: String) throws {
        let english = try Executable.run([flag])
        #expect(english.status == 0)
        for option in ["--message", "--reply", "--lang", "--host", "--port", "--ascii", "--color", "--width", "--json", "--record", "--delay", "trace replay"] {
            #expect(english.output.contains(option), "\(option)")
        }
        #expect(english.output.hasPrefix("usage: trace"))
        #expect(english.lines.allSatisfy { DisplayWidth.of($0) <= 80 })
        let spanish = try Executable.run([flag, "--lang", "es"])
        #expect(spanish.output.hasPrefix("uso: trace") && spanish.output.contains("opciones:"))
        let replay = try Executable.run(["replay", flag], environment: ["LANG": "es_ES.UTF-8"])
        #expect(replay.output.contains("uso: trace replay [opciones] ARCHIVO"))
    }

    @Test("bad values: one line on stderr, exit 64, nothing on stdout", arguments: [
        ["--width", "10"], ["--width", "wide"], ["--width", "241"], ["--color", "purple"], ["--delay", "-5"],
        ["--delay", "20000"], ["--message", ""], ["--reply", String(repeating: "x", count: 1025)],
        ["--host", "8.8.8.8"], ["--lang", "xx"], ["--port", "70000"],
    ])
    func badValues(arguments: [String]) throws {
        let result = try Executable.run(arguments)
        #expect(result.status == 64)
        #expect(result.output.isEmpty)
        #expect(result.errors.split(separator: "\n").count == 1, "\(result.errors)")
        #expect(result.errors.contains("--" + arguments[0].dropFirst(2)))
    }

    @Test("a wrong word: the usage follows, exit 64", arguments: [["--bogus"], ["nonsense"], ["replay"], ["replay", "a", "b"]])
    func usage(arguments: [String]) throws {
        let result = try Executable.run(arguments)
        #expect(result.status == 64)
        #expect(result.errors.contains("usage: trace"))
    }

    @Test("replay: a missing file is exit 66, a malformed one 65, each one line naming the file")
    func badRecordings() throws {
        let missing = try Executable.run(["replay", "/nonexistent/trace.jsonl"])
        #expect(missing.status == 66)
        #expect(missing.errors == "trace: /nonexistent/trace.jsonl: no such file\n")

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let good = #"{"v":1,"seq":1,"t_ns":5,"phase":"instant","actor":"server","op":"note","text":"hi"}"#
        try (good + "\n{\"v\":1,\"seq\":2,\n").write(to: file, atomically: true, encoding: .utf8)
        let malformed = try Executable.run(["replay", file.path])
        #expect(malformed.status == 65)
        #expect(malformed.errors.hasPrefix("trace: \(file.path):2: not JSON"))
        #expect(malformed.errors.split(separator: "\n").count == 1)
    }

    @Test("replay of a hostile recording: its control characters are shown escaped")
    func hostileRecording() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("evil-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let lines = [
            #"{"v":1,"seq":1,"t_ns":5,"phase":"done","actor":"client","op":"connect","step":1,"fd":4,"dur_ns":9,"addr":"\u001b]0;owned\u0007"}"#,
            #"{"v":1,"seq":2,"t_ns":7,"phase":"instant","actor":"server","op":"print","step":2,"preview":"\u001b[2J\u009b31m"}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try Executable.run(["replay", file.path, "--color", "never"])
        #expect(result.status == 0)
        #expect(!result.outputBytes.contains(0x1B) && !result.outputBytes.contains(0x07))
        #expect(result.output.contains("\\x1b]0;owned"))
    }

    @Test("--record into a folder that does not exist: one line, exit 73, nothing drawn")
    func unwritableRecording() throws {
        let result = try Executable.run(["--record", "/nonexistent/dir/run.jsonl"])
        #expect(result.status == 73)
        #expect(result.output.isEmpty)
        #expect(result.errors.hasPrefix("trace: --record /nonexistent/dir/run.jsonl: "))
    }

    @Test("a port already in use: the diagram shows bind() failing with EADDRINUSE, exit 1")
    func portInUse() throws {
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(holder, $0, length) == 0 && listen(holder, 1) == 0 && getsockname(holder, $0, &length) == 0 }
        }
        try #require(bound)
        let port = UInt16(bigEndian: address.sin_port)
        let result = try Executable.run(["--port", String(port)])
        #expect(result.status == 1)
        #expect(result.output.contains("EADDRINUSE"))
        #expect(result.errors.contains("EADDRINUSE"))
        #expect(result.errors.split(separator: "\n").count == 1)
    }
}

