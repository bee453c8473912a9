import Foundation
import Testing
import TraceText
import TraceCore
import TraceRender

@Suite("trace lesson")
struct LessonCommandTests {
    static let ids = ["seed", "setup", "byte-stream", "closing", "errors", "backlog", "states", "many-clients", "packets", "own-programs"]

    @Test("list: the ten lessons, numbered, in the chosen language; as JSON with steps and questions")
    func list() throws {
        for words in [["lesson"], ["lesson", "list"]] {
            let en = InProcess.run(words, width: 70)
            #expect(en.status == 0 && en.output.hasPrefix("Lessons"))
            #expect(en.lines.allSatisfy { DisplayWidth.of($0) <= 70 })
            for (i, id) in LessonCommandTests.ids.enumerated() {
                let number = String(i + 1)
                let left = String(repeating: " ", count: 3 - number.count) + number + "  " + id + " "
                #expect(en.lines.contains { $0.hasPrefix(left) }, "\(left)")
            }
        }
        #expect(InProcess.run(["lesson", "list", "--lang", "es"]).output.contains("El intercambio clásico"))
        let json = try JSONParser.parse(Array(InProcess.run(["lesson", "list", "--json"]).output.utf8))
        guard case .array(let lessons) = json else { Issue.record("not an array"); return }
        #expect(lessons.compactMap { if case .string(let id)? = $0["id"] { return id } else { return nil } } == LessonCommandTests.ids)
        #expect(lessons.allSatisfy { if case .array(let q)? = $0["questions"] { return (2...3).contains(q.count) } else { return false } })
    }

    @Test("--no-run: the text, each step with its terms, then the questions; answers only on request")
    func read() {
        let text = InProcess.run(["lesson", "3", "--no-run", "--lang", "es"], width: 72)
        #expect(text.status == 0)
        #expect(text.output.hasPrefix("Lección 3 · TCP es un flujo de bytes\n"))
        #expect(text.output.contains("Paso 1 · sendall(\"Hola, \")\n"))
        #expect(text.output.contains("Términos: recv(), búfer, flujo de bytes"))
        #expect(text.output.contains("Preguntas\n"))
        #expect(!text.output.contains("> Depende"))
        #expect(text.output.contains("trace lesson 3 --answers"))
        #expect(!text.output.contains("```") && !text.output.contains("wait received all      "))
        #expect(text.lines.allSatisfy { DisplayWidth.of($0) <= 72 })
        let answered = InProcess.run(["lesson", "byte-stream", "--no-run", "--answers", "--lang", "es"], width: 72)
        #expect(answered.output.contains("   > Depende: pueden llegar juntos en uno"))
        #expect(InProcess.run(["lesson", "byte", "--no-run", "--lang", "es"], width: 72).output == text.output.replacingOccurrences(of: "trace lesson 3 --answers", with: "trace lesson byte --answers"))
    }

    @Test("--no-run --json: the lesson as one JSON document")
    func lessonJSON() throws {
        let value = try JSONParser.parse(Array(InProcess.run(["lesson", "7", "--no-run", "--json"]).output.utf8))
        #expect(value["id"] == .string("states") && value["lang"] == .string("en"))
        guard case .array(let steps)? = value["steps"] else { Issue.record("no steps"); return }
        #expect(steps.count == 10)
        #expect(steps.first?["terms"] == .array([.string("listen-state"), .string("listen")]))
    }

    @Test("a lesson runs for real: its text, the run, its questions; exit 0; no escape sequences", arguments: ["1", "5", "8"])
    func runs(reference: String) {
        let result = InProcess.run(["lesson", reference])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("The scenario, live on 127.0.0.1:\n") && result.output.contains("\nQuestions\n"))
        #expect(result.output.contains(" 1 │ "))
        #expect(!result.output.contains("\u{1B}"))
    }

    @Test("--json: the run's events as JSON Lines, every step of the lesson, expected errors included")
    func events() throws {
        let result = InProcess.run(["lesson", "5", "--json", "--host", "::1"])
        #expect(result.status == 0, "\(result.errors)")
        let events = try JSONLinesReader.events(from: Array(result.output.utf8), source: "stdout")
        #expect(Set(events.compactMap(\.step)) == [1, 2, 3, 4])
        let errors = Set(events.compactMap(\.error?.name))
        #expect(errors == ["ECONNREFUSED", "EADDRINUSE", "ECONNRESET", "EPIPE"])
        #expect(events.contains { $0.operation == .bind && $0.local?.hasPrefix("[::1]:") == true })
    }

    @Test("a teacher's own file runs; a broken one gives file:line on one line and exit 65")
    func teacherFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("trace-lesson-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let lesson = """
            ---
            id: mine
            lang: en
            title: My own lesson
            ---

            A client that finds nobody.

            ## Step 1 · connect()
            terms: connect, ECONNREFUSED

            Nobody listens there.

            ```scenario
            client  socket
            client  connect closed-port   step 1   expect ECONNREFUSED
            client  close
            ```

            ## Questions

            1. What does ECONNREFUSED mean?
               > Nobody listens at that address and port.
            """
        let good = dir.appendingPathComponent("mine.md")
        try Data(lesson.utf8).write(to: good)
        let ran = InProcess.run(["lesson", good.path, "--answers"])
        #expect(ran.status == 0, "\(ran.errors)")
        #expect(ran.output.hasPrefix("My own lesson\n"))
        #expect(ran.output.contains("→ ECONNREFUSED"))
        #expect(ran.output.contains("> Nobody listens at that address and port."))

        let broken = dir.appendingPathComponent("broken.md")
        try Data(lesson.replacingOccurrences(of: "closed-port", with: "closed-port\"").utf8).write(to: broken)
        let failed = InProcess.run(["lesson", broken.path])
        #expect(failed.status == 65 && failed.output.isEmpty)
        #expect(failed.errors == "trace: \(broken.path):16: a quote inside a word: put a space before \"\n")
        let spanish = InProcess.run(["lesson", broken.path, "--lang", "es"])
        #expect(spanish.status == 65)
        #expect(spanish.errors == "trace: \(broken.path):16: comillas dentro de una palabra: pon un espacio antes de \"\n")

        let unknownTerm = dir.appendingPathComponent("term.md")
        try Data(lesson.replacingOccurrences(of: "terms: connect, ECONNREFUSED", with: "terms: connect, warp drive").utf8).write(to: unknownTerm)
        let term = InProcess.run(["lesson", unknownTerm.path])
        #expect(term.status == 65 && term.errors == "trace: \(unknownTerm.path):10: terms: 'warp drive' is not in the glossary\n")

        let garbage = dir.appendingPathComponent("garbage.md")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: garbage)
        let junk = InProcess.run(["lesson", garbage.path])
        #expect(junk.status == 65 && junk.errors.hasPrefix("trace: \(garbage.path):1: "))
        #expect(junk.errors.filter { $0 == "\n" }.count == 1)
    }

    static let badReferenceCases: [([String], Int32)] = [
        (["lesson", "/no/such/lesson.md"], 66), (["lesson", "42"], 64), (["lesson", "nope"], 64),
        (["lesson", "1", "2"], 64), (["lesson", "1", "--port", "99999"], 64), (["lesson", "1", "--bogus"], 64),
        (["lesson", "."], 64), (["lesson", "/tmp"], 66),
    ]

    @Test("bad references: a missing file is 66, an unknown lesson or extra words are usage errors (64)",
          arguments: LessonCommandTests.badReferenceCases)
    func badReferences(arguments: [String], status: Int32) {
        let result = InProcess.run(arguments)
        #expect(result.status == status, "\(result.errors)")
        #expect(result.output.isEmpty)
        #expect(result.errors.hasPrefix("trace"))
    }

    @Test("the installed binary carries its lessons: trace lesson 1 --json from another directory")
    func binary() throws {
        let result = try Executable.run(["lesson", "1", "--json"])
        #expect(result.status == 0, "\(result.errors)")
        let events = try JSONLinesReader.events(from: result.outputBytes, source: "stdout")
        #expect(Set(events.compactMap(\.step)) == Set(1...9))
        let glossary = try Executable.run(["glossary", "no-such-term"])
        #expect(glossary.status == 1 && glossary.output.isEmpty && glossary.errors.hasPrefix("trace: no term"))
    }
}

@Suite("trace lesson drawn: the diagram, in step order, with what the lessons add")
struct LessonDiagramTests {
    /// The step numbers in the diagram's left column, top to bottom.
    static func steps(_ output: String) -> [Int] {
        output.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "│", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            return Int(parts[0].trimmingCharacters(in: .whitespaces))
        }
    }

    @Test("several clients: every step shown once, in order, ten runs in a row", arguments: ["6", "8"])
    func severalClientsInOrder(reference: String) throws {
        let expected = try #require(LessonDiagramTests.stepCount[reference])
        for _ in 0..<10 {
            let result = InProcess.run(["lesson", reference, "--width", "100"])
            #expect(result.status == 0, "\(result.errors)")
            #expect(LessonDiagramTests.steps(result.output) == Array(1...expected))
        }
    }

    static let stepCount = ["6": 9, "8": 13]

    @Test("a close after SO_LINGER 0 is drawn as an RST; the kernel's view as getsockopt(TCP_INFO) with what it said")
    func resetsAndKernelViews() {
        let errors = InProcess.run(["lesson", "5", "--width", "100"])
        #expect(errors.output.contains("── RST ──") && errors.output.contains("close(fd"))
        #expect(errors.output.contains("ECONNRESET") && errors.output.contains("EPIPE"))
        let states = InProcess.run(["lesson", "7", "--width", "100"])
        #if os(Linux)
        #expect(states.output.contains("getsockopt(TCP_INFO) [queue: 1]"))
        #expect(states.output.contains("getsockopt(TCP_INFO) [FIN_WAIT2]"))
        let stream = InProcess.run(["lesson", "3", "--width", "100"])
        #expect(stream.output.contains("getsockopt(TCP_INFO) → received: 13 bytes"))
        #endif
    }

    @Test("--step walks a lesson: its text, a card before each stop, the diagram, then the questions")
    func stepByStep() throws {
        let result = try Executable.run(["lesson", "4", "--step", "--lang", "es"], input: String(repeating: "\n", count: 40))
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.hasPrefix("Lección 4 · El cierre"))
        #expect(result.output.contains("Paso 8 de 8"))
        #expect(result.output.contains("medio cierre"))
        #expect(result.output.hasSuffix("(Las respuestas: trace lesson 4 --answers)\n"))
        #if os(Linux)
        // A card names the lesson's own terms for the step first, then the call's.
        let states = try Executable.run(["lesson", "7", "--step", "--lang", "en"], input: String(repeating: "\n", count: 40))
        #expect(states.output.contains("  Terms    backlog · ESTABLISHED · TCP_INFO · TCP state"))
        #endif
        let refused = try Executable.run(["lesson", "4", "--step", "--json"])
        #expect(refused.status == 64)
    }
}
