import Foundation
import TraceEvents
import TraceRender
import TraceTeaching

/// `trace lesson list`, `trace lesson N|ID|FILE`: a lesson's text, its scenario run for real and drawn
/// live (or walked step by step), then its questions.
enum LessonCommand {
    static let subcommand = TraceCommand.Subcommand(
        name: "lesson",
        operand: (es: "list|N|ID|ARCHIVO", en: "list|N|ID|FILE"),
        summary: (es: "Lista las lecciones, o muestra una y ejecuta su escenario de verdad: trace lesson 3, trace lesson byte-stream, trace lesson mi-leccion.md.",
                  en: "Lists the lessons, or shows one and runs its scenario for real: trace lesson 3, trace lesson byte-stream, trace lesson my-lesson.md."),
        options: [
            .flag("answers", es: "muestra las respuestas de las preguntas", en: "show the questions' answers"),
            .flag("no-run", es: "solo el texto y las preguntas, sin ejecutar el escenario",
                  en: "just the text and the questions, without running the scenario"),
            StepOption.spec,
            .option("delay", "MS", es: "pausa antes de cada paso, en milisegundos (0 a 10000)",
                    en: "a pause before each step, in milliseconds (0 to 10000)"),
        ] + DisplayOptions.specs + [
            .option("host", "ADDR", "DIR", es: "127.0.0.1 (por defecto) o ::1", en: "127.0.0.1 (the default) or ::1"),
            .option("port", "N", es: "puerto del servidor; 0 = el núcleo elige uno libre (por defecto)",
                    en: "the server's port; 0 = the kernel picks a free one (the default)"),
            .flag("json", es: "los eventos en JSON Lines en lugar del diagrama (con --no-run, la lección en JSON)",
                  en: "the events as JSON Lines instead of the diagram (with --no-run, the lesson as JSON)"),
            .option("record", "FILE", "ARCHIVO", es: "guarda los eventos en JSON Lines en ARCHIVO (ver trace replay)",
                    en: "also save the events as JSON Lines in FILE (see trace replay)"),
        ],
        run: run)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let display = try DisplayOptions(arguments, context)
        let style = display.style, l = display.language
        let library = try BuiltInLessons.library()
        let json = arguments.has("json")
        let words = arguments.positionals
        if words.isEmpty || words == ["list"] {
            let lessons = library.lessons(in: l)
            context.output.write(json ? JSONValue.array(lessons.map { LessonText.json($0, glossary: library.glossary) }).text + "\n"
                                      : LessonText.list(lessons, style: style))
            return ExitStatus.success
        }
        guard words.count == 1 else {
            throw UsageError(es: "se espera una sola lección (un número, un id o un archivo), no \(words.count) palabras",
                             en: "expected one lesson (a number, an id or a file), not \(words.count) words")
        }
        let reference = words[0]
        let lesson = try find(reference, in: library, language: l)
        let host = try OptionValues.host(arguments)
        let port = try OptionValues.port(arguments)
        let delay = try OptionValues.integer("delay", arguments, in: 0...10_000, what: ("milisegundos", "milliseconds"))
        try StepOption.check(arguments)
        let answers = arguments.has("answers")

        if arguments.has("no-run") {
            context.output.write(json ? LessonText.json(lesson, glossary: library.glossary).text + "\n"
                                      : LessonText.body(lesson, glossary: library.glossary, style: style)
                                        + LessonText.questions(lesson, answers: answers, reference: reference, style: style))
            return ExitStatus.success
        }
        let scenario = lesson.scenario
        let stepTerms = lesson.stepTerms
        let legend = StepTerms(glossary: library.glossary, lessonTerms: stepTerms).legend(for: scenario, language: l)
        let presentation = try Presentation(display: display, json: json, recordPath: arguments.value("record"),
                                            plan: scenario.stepPlan, context: context, legend: legend)
        if !json { context.output.write(LessonText.body(lesson, glossary: library.glossary, style: style)) }
        let title = l.pick(es: "El escenario, en directo en \(host):", en: "The scenario, live on \(host):")
        let options = RunOptions(host: host, port: port)
        let status: Int32
        if arguments.has("step") {
            status = try StepPresenter(presentation: presentation, glossary: library.glossary, stepTerms: stepTerms)
                .run(scenario, options: options, title: title, debrief: { _ in nil })
        } else {
            let pacer = delay.flatMap { $0 > 0 ? ClassroomPacer(scenario: scenario, delay: .milliseconds($0)) : nil }
            status = try ScenarioPresenter(presentation: presentation)
                .run(scenario, options: options, pacer: pacer, title: title, debrief: { _ in nil })
        }
        if !json && status == ExitStatus.success {
            context.output.write("\n" + LessonText.questions(lesson, answers: answers, reference: reference, style: style))
        }
        return status
    }

    /// A built-in lesson by number or id, or a teacher's file (a reference with a `/` or ending in `.md`).
    static func find(_ reference: String, in library: LessonLibrary, language: Language) throws -> Lesson {
        if reference.contains("/") || reference.hasSuffix(".md") { return try LessonFile.read(reference, library: library, language: language) }
        guard let lesson = library.lesson(reference, language: language) else {
            let shown = SafeWord.of(reference)
            throw UsageError(es: "no hay ninguna lección '\(shown)': trace lesson list las muestra",
                             en: "no lesson '\(shown)': trace lesson list shows them")
        }
        return lesson
    }
}

extension Lesson {
    /// The lesson's own glossary terms, by step number.
    var stepTerms: [Int: [String]] {
        Dictionary(steps.compactMap { s in s.stepNumber.map { ($0, s.terms) } }, uniquingKeysWith: +)
    }
}
