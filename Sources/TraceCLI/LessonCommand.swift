import TraceCore
import TraceProcess
import TracePrograms
import TraceRender
import TraceTeaching
import TraceText

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
            HostPortOptions.loopbackHost,
            HostPortOptions.kernelChosenPort,
            .flag("json", es: "los eventos en JSON Lines en lugar del diagrama (con --no-run, la lección en JSON)",
                  en: "the events as JSON Lines instead of the diagram (with --no-run, the lesson as JSON)"),
            OutputOptions.record,
            .option("server", "'COMMAND LINE'", "'ORDEN'",
                    es: "en una lección que ejecuta tus programas: tu servidor, en lugar del que dice la lección",
                    en: "in a lesson that runs your own programs: your server, instead of the lesson's"),
            .option("client", "'COMMAND LINE'", "'ORDEN'",
                    es: "en una lección que ejecuta tus programas: tu cliente ({port}: el puerto en que escucha el servidor)",
                    en: "in a lesson that runs your own programs: your client ({port}: the port the server listens on)"),
            OutputOptions.export,
        ] + PacketOptions.specs,
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
        let host = try DemoCommand.loopbackHost(arguments)
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
        if let programs = lesson.programs {
            return try runPrograms(programs, of: lesson, arguments, context, library: library)
        }
        if arguments.value("server") != nil || arguments.value("client") != nil {
            throw UsageError.badValue(es: "--server y --client son para una lección que ejecuta tus programas (como trace lesson own-programs)",
                                      en: "--server and --client are for a lesson that runs your own programs (such as trace lesson own-programs)")
        }
        let scenario = lesson.scenario
        let pacing: TraceHeader.Pacing = delay.map { $0 > 0 ? .delay(milliseconds: $0) : .free } ?? .free
        let header = TraceHeader(source: .builtIn, command: "lesson", traced: [.client, .server], plan: LessonPlan.plan(of: lesson),
                                 pacing: pacing)
        let packets = try PacketCapture.open(try PacketOptions.parse(arguments), context: context, language: l, alone: true)
        let pipeline = try OutputPipeline(display: display, json: json, files: arguments,
                                          context: context, keepsEvents: true, packets: packets)
        if !json { context.output.write(LessonText.body(lesson, glossary: library.glossary, style: style)) }
        let title = l.pick(es: "El escenario, en directo en \(host):", en: "The scenario, live on \(host):")
        let options = RunOptions(host: host, port: port)
        // A teacher's own lesson is not in the built-in library: its legend comes from the lesson itself.
        let legend = StepTerms(glossary: library.glossary, lessonTerms: lesson.stepTerms).legend(for: scenario, language: l)
        let closing = { (events: [TraceEvent]) -> [[String]] in
            let ran = Set(events.compactMap { $0.phase == .start ? nil : $0.step })
            let shown = legend.filter { ran.contains($0.step) }
            let arrows = RunClosing.arrows(header: header, events: events, style: style)
            return shown.isEmpty ? [arrows] : [arrows, StepTermsLegend.lines(shown, style: style)]
        }
        let status: Int32
        if arguments.has("step") {
            status = try StepPresenter(pipeline: pipeline, glossary: library.glossary, stepTerms: lesson.stepTerms,
                                       source: lesson.source)
                .run(scenario, header: header, options: options, title: title, introduced: !json, closing: closing)
        } else {
            let pacer = delay.flatMap { $0 > 0 ? ClassroomPacer(scenario: scenario, delay: .milliseconds($0)) : nil }
            status = try ScenarioPresenter(pipeline: pipeline, source: lesson.source)
                .run(scenario, header: header, options: options, pacer: pacer, title: title, closing: closing)
        }
        if !json && status == ExitStatus.success {
            context.output.write("\n" + LessonText.questions(lesson, answers: answers, reference: reference, style: style))
        }
        return status
    }

    /// A lesson whose scenario runs the learner's own programs, traced (`trace run`), the command lines
    /// replaced by `--server` and `--client` when given.
    private static func runPrograms(_ lessonPrograms: LessonPrograms, of lesson: Lesson, _ arguments: ParsedArguments,
                                    _ context: CommandContext, library: LessonLibrary) throws -> Int32 {
        let display = try DisplayOptions(arguments, context)
        let style = display.style, l = display.language
        var chosen = lessonPrograms
        for (name, side) in [("server", \LessonPrograms.server), ("client", \LessonPrograms.client)] {
            guard let line = arguments.value(name) else { continue }
            do { chosen[keyPath: side] = try ShellWords.split(line) } catch {
                throw UsageError.badValue(es: "--\(name): \(error.message(.es))", en: "--\(name): \(error.message(.en))")
            }
        }
        let programs = chosen.programs
        let json = arguments.has("json")
        if !json { context.output.write(LessonText.body(lesson, glossary: library.glossary, style: style)) }
        let title = RunText.title(programs, language: l)
        let plan = LessonPlan.prefix + lesson.id
        let closing = { (events: [TraceEvent], header: TraceHeader?) in RunClosing.blocks(header: header, events: events, display: display) }
        let status: Int32
        if arguments.has("step") {
            status = try ProgramStepPresenter(display: display, context: context, files: arguments,
                                              planID: plan, stepTerms: lesson.stepTerms).run(programs, title: title, closing: closing)
        } else {
            status = try ProgramPresenter(display: display, context: context, json: json, files: arguments,
                                          planID: plan).run(programs, title: title, closing: closing)
        }
        if !json && status == ExitStatus.success {
            context.output.write("\n" + LessonText.questions(lesson, answers: arguments.has("answers"), reference: arguments.positionals[0], style: style))
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
