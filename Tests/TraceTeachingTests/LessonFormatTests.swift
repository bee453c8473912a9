import Testing
import TracePrograms
import TraceModel
import TraceText
@testable import TraceTeaching

@Suite("The lesson file format")
struct LessonFormatTests {
    static let valid = """
        ---
        id: my-lesson
        number: 12
        lang: es
        title: Mi lección
        summary: Una línea.
        terms: socket, puerto
        ---

        Introducción, en dos
        líneas.

        ## Paso 1 · connect()
        terms: connect, puerto

        El cliente se conecta.

        ## Otra sección

        Texto libre.

        ```scenario
        server  socket
        server  bind
        server  listen 5
        client  socket
        client  connect server    step 1
        server  accept            step 2
        ```

        ## Step 2: accept()
        términos: accept

        ## Preguntas

        1. ¿Primera pregunta,
           en dos líneas?
           > Primera respuesta,
           > en dos líneas.
        2) ¿Segunda?

           > Segunda.
           >
           > Segundo párrafo.
        """

    @Test("a valid lesson: header, introduction, sections in order, step terms, questions with answers, scenario")
    func valid() throws {
        let (lesson, errors) = LessonParser.parse(LessonFormatTests.valid, file: "mine.md")
        #expect(errors.isEmpty, "\(errors)")
        let l = try #require(lesson)
        #expect(l.id == "my-lesson" && l.number == 12 && l.language == .es && l.title == "Mi lección")
        #expect(l.summary == "Una línea." && l.terms == ["socket", "puerto"] && l.source == "mine.md")
        #expect(l.sections.map(\.kind) == [.introduction, .step(1), .text, .step(2), .questions])
        #expect(l.sections[0].body == ["Introducción, en dos", "líneas."])
        #expect(l.step(1)?.title == "connect()" && l.step(1)?.terms == ["connect", "puerto"])
        #expect(l.step(1)?.body == ["El cliente se conecta."])
        #expect(l.step(2)?.title == "accept()" && l.step(2)?.terms == ["accept"])
        #expect(l.sections[2].body == ["Texto libre."])
        #expect(l.questions.map(\.question) == ["¿Primera pregunta, en dos líneas?", "¿Segunda?"])
        #expect(l.questions.map(\.answer) == ["Primera respuesta, en dos líneas.", "Segunda.\nSegundo párrafo."])
        #expect(l.questions.map(\.line) == [36, 40])
        #expect(l.scenario.id == "my-lesson" && l.scenario.steps == [1, 2])
    }

    /// The valid lesson with `old` replaced by `new`.
    func variant(_ old: String, _ new: String) -> String {
        LessonFormatTests.valid.replacingOccurrences(of: old, with: new)
    }

    @Test("a malformed lesson gives file:line: what is wrong", arguments: [
        ("terms: socket, puerto\n---", "terms: socket, puerto", 1, "the header has no closing '---' line"),
        ("---\n", "", 1, "a lesson starts with its header"),
        ("lang: es", "lang: fr", 4, "lang is es or en"),
        ("lang: es", "lang: es\nlang: en", 5, "'lang' is given twice"),
        ("number: 12", "number: twelve", 3, "the number is 1 to 999"),
        ("id: my-lesson", "id: My Lesson", 2, "the id is lowercase letters"),
        ("summary: Una línea.", "colour: blue", 6, "unknown header key 'colour'"),
        ("summary: Una línea.", "just words", 6, "expected 'key: value' in the header"),
        ("title: Mi lección\n", "", 1, "the header has no 'title'"),
        ("```scenario", "```text", 1, "no ```scenario block"),
        ("## Otra sección", "```scenario\nclient socket\n```\n## Otra sección", 25, "a second scenario block (the first is at line 18)"),
        ("   > Segundo párrafo.", "   > Segundo párrafo.\n```\ncódigo", 45, "this ``` block is never closed"),
        ("## Otra sección", "## Paso uno", 18, "a step heading is '## Step N'"),
        ("## Step 2: accept()", "## Step 1: again", 31, "step 1 is already explained at line 13"),
        ("## Step 2: accept()", "## Step 3: accept()", 31, "no action of the scenario is step 3"),
        ("server  accept            step 2", "server  accept            step 2\nserver  close   step 4", 22, "step 4 is in the scenario but no '## Step 4' section"),
        ("   > Segunda.\n   >\n   > Segundo párrafo.", "", 40, "this question has no answer"),
        ("   > Segundo párrafo.", "   > Segundo párrafo.\ntexto suelto", 45, "expected a numbered question"),
        ("## Preguntas\n", "## Preguntas\n> suelta\n", 35, "an answer ('>') with no numbered question"),
        ("## Preguntas\n", "## Preguntas\n## Questions\n", 35, "a second questions section (the first is at line 34)"),
        ("client  connect server    step 1", "client  connect nobody    step 1", 27, "'nobody' never listens"),
        ("client  socket", "client  sockit", 26, "unknown call 'sockit'"),
        ("Texto libre.", "Texto \u{1B}[31mrojo", 20, "control character U+001B"),
    ])
    func errors(old: String, new: String, line: Int, message: String) {
        let text = variant(old, new)
        #expect(text != LessonFormatTests.valid, "the variant must change the lesson")
        let (lesson, errors) = LessonParser.parse(text, file: "mine.md")
        #expect(lesson == nil)
        #expect(errors.contains { $0.file == "mine.md" && $0.line == line && $0.message.contains(message) }, "\(errors)")
    }

    @Test("invalid UTF-8 is reported on its line")
    func invalidUTF8() {
        var bytes = Array(LessonFormatTests.valid.utf8)
        let secondLine = bytes.firstIndex(of: 0x0A)! + 1
        bytes.insert(contentsOf: [0xC3, 0x28], at: secondLine)
        let (lesson, errors) = LessonParser.parse(bytes, file: "bad.md")
        #expect(lesson == nil)
        #expect(errors.map(\.description) == ["bad.md:2: not valid UTF-8"])
    }

    @Test("Windows line endings read the same as Unix ones")
    func crlf() throws {
        let (lesson, errors) = LessonParser.parse(LessonFormatTests.valid.replacingOccurrences(of: "\n", with: "\r\n"), file: "crlf.md")
        #expect(errors.isEmpty)
        let unix = try #require(LessonParser.parse(LessonFormatTests.valid, file: "crlf.md").lesson)
        #expect(lesson == unix)
    }

    @Test("a lesson that names a term the glossary lacks is refused by the library, on the step's line")
    func unknownTerm() throws {
        let glossary = try LessonFiles.library().glossary
        let text = variant("terms: connect, puerto", "terms: connect, teleportation")
        let lesson = try #require(LessonParser.parse(text, file: "mine.md").lesson)
        let problems = LessonLibrary(glossary: glossary, lessons: [lesson]).termProblems(in: lesson)
        #expect(problems.map(\.description) == ["mine.md:14: terms: 'teleportation' is not in the glossary"])
    }
}
