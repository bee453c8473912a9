import Foundation
import TraceEvents
import TraceRender
import TraceTeaching
import Tracing

/// `trace lesson list`, `trace lesson N|ID|FILE`: a lesson's text, its scenario run for real, and its
/// questions.
enum LessonCommand {
    static let subcommand = TraceCommand.Subcommand(
        name: "lesson",
        summary: "Lists the lessons, or shows one and runs its scenario for real: trace lesson 3, trace lesson byte-stream, trace lesson my-lesson.md.",
        options: [
            .flag("answers", es: "muestra las respuestas de las preguntas", en: "show the questions' answers"),
            .flag("no-run", es: "solo el texto y las preguntas, sin ejecutar el escenario", en: "just the text and questions, without running the scenario"),
            .flag("json", es: "los eventos de la ejecución en JSON Lines (con --no-run, la lección en JSON)",
                  en: "the run's events as JSON Lines (with --no-run, the lesson as JSON)"),
            .option("host", "ADDR", es: "127.0.0.1 (por defecto) o ::1", en: "127.0.0.1 (the default) or ::1"),
            .option("port", "N", es: "puerto del servidor; 0 = efímero (por defecto)", en: "server port; 0 = ephemeral (the default)"),
            .option("lang", "es|en", es: "idioma (por defecto, el del entorno)", en: "language (default: from the locale)"),
        ],
        run: run)

    /// The largest lesson file read.
    static let largestFile = 1 << 20

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let l = try OptionValues.language(arguments, context)
        let library = try BuiltInLessons.library()
        let width = context.terminalWidth ?? 80
        let json = arguments.has("json")
        let words = arguments.positionals
        if words.isEmpty || words == ["list"] {
            let lessons = library.lessons(in: l)
            context.output.write(json ? JSONValue.array(lessons.map { LessonText.json($0, glossary: library.glossary) }).text + "\n"
                                      : LessonText.list(lessons, l, width: width))
            return ExitStatus.success
        }
        guard words.count == 1 else { throw UsageError(message: "expected one lesson (a number, an id or a file), not \(words.count) words") }
        let reference = words[0]
        let lesson = try find(reference, in: library, language: l)
        let host = try OptionValues.host(arguments)
        let port = try OptionValues.port(arguments)

        if arguments.has("no-run") {
            context.output.write(json ? LessonText.json(lesson, glossary: library.glossary).text + "\n"
                                      : LessonText.body(lesson, glossary: library.glossary, width: width)
                                        + LessonText.questions(lesson, answers: arguments.has("answers"), reference: reference, width: width))
            return ExitStatus.success
        }
        if json {
            return try run(lesson, sink: JSONLinesWriter(output: context.output), host: host, port: port)
        }
        context.output.write(LessonText.body(lesson, glossary: library.glossary, width: width))
        let memory = MemorySink()
        defer {
            let ll = lesson.language
            context.output.write(ll.pick(es: "Ejecución real\n--------------\n", en: "The real run\n------------\n")
                                 + LessonTranscript.lines(memory.events, ll, width: width).joined(separator: "\n") + "\n\n"
                                 + LessonText.questions(lesson, answers: arguments.has("answers"), reference: reference, width: width))
        }
        return try run(lesson, sink: memory, host: host, port: port)
    }

    private static func run(_ lesson: Lesson, sink: any EventSink, host: String, port: UInt16) throws -> Int32 {
        let run = ScenarioRun(scenario: lesson.scenario, tracer: Tracer(sink: sink), options: RunOptions(host: host, port: port))
        switch run.run() {
        case .completed: return ExitStatus.success
        case .cancelled: return ExitStatus.interrupted
        case .failed(let error): throw CommandFailure(message: error.description, status: ExitStatus.failure)
        }
    }

    /// A built-in lesson by number or id, or a teacher's file (a reference with a `/` or ending in `.md`).
    static func find(_ reference: String, in library: LessonLibrary, language: Language) throws -> Lesson {
        if reference.contains("/") || reference.hasSuffix(".md") { return try read(reference, library: library) }
        guard let lesson = library.lesson(reference, language: language) else {
            throw UsageError(message: "no lesson '\(GlossaryCommand.shown(reference))': trace lesson list shows them")
        }
        return lesson
    }

    /// A teacher's lesson file, checked against the built-in glossary.
    static func read(_ path: String, library: LessonLibrary) throws(CommandFailure) -> Lesson {
        let shown = SafeText.sanitize(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let handle = FileHandle(forReadingAtPath: path) else {
            throw CommandFailure(message: "\(shown): no such lesson file", status: ExitStatus.noInput)
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: largestFile + 1)) ?? Data()
        guard data.count <= largestFile else {
            throw CommandFailure(message: "\(shown): larger than 1 MiB, not a lesson", status: ExitStatus.dataError)
        }
        let (parsed, errors) = LessonParser.parse(Array(data), file: shown)
        guard let lesson = parsed else { throw CommandFailure(message: FormatErrors.line(errors), status: ExitStatus.dataError) }
        let problems = library.termProblems(in: lesson)
        guard problems.isEmpty else { throw CommandFailure(message: FormatErrors.line(problems), status: ExitStatus.dataError) }
        return lesson
    }
}
