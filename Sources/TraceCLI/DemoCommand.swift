import TraceEvents
import TraceRender
import TraceSockets
import TraceTeaching

/// `trace` / `trace demo`: the seed exchange, run for real and drawn as it happens.
enum DemoCommand {
    static let longestMessage = 1024

    static let subcommand = TraceCommand.Subcommand(
        name: "demo",
        summary: (es: "Ejecuta el intercambio clásico de cliente y servidor sobre una conexión TCP real y dibuja cada llamada al sistema mientras ocurre.",
                  en: "Runs the classic client/server exchange on a real TCP connection and draws every system call as it happens."),
        options: [
            .option("message", "TEXT", "TEXTO", es: "lo que envía el cliente (por defecto \"Hola, servidor\"; 1 a 1024 bytes)",
                    en: "what the client sends (default \"Hello, server\"; 1 to 1024 bytes)"),
            .option("reply", "TEXT", "TEXTO", es: "lo que responde el servidor (por defecto \"Mensaje recibido\"; 1 a 1024 bytes)",
                    en: "what the server replies (default \"Message received\"; 1 to 1024 bytes)"),
        ] + DisplayOptions.specs + [
            .option("host", "ADDR", "DIR", es: "127.0.0.1 (por defecto) o ::1", en: "127.0.0.1 (the default) or ::1"),
            .option("port", "N", es: "puerto del servidor; 0 = el núcleo elige uno libre (por defecto)",
                    en: "the server's port; 0 = the kernel picks a free one (the default)"),
            .option("delay", "MS", es: "pausa antes de cada paso, en milisegundos (0 a 10000), para ir más despacio en clase",
                    en: "a pause before each step, in milliseconds (0 to 10000), for a slower classroom pace"),
            StepOption.spec,
            .flag("json", es: "los eventos en JSON Lines en lugar del diagrama", en: "the events as JSON Lines instead of the diagram"),
            .option("record", "FILE", "ARCHIVO", es: "guarda los eventos en JSON Lines en ARCHIVO mientras dibuja (ver trace replay)",
                    en: "also save the events as JSON Lines in FILE (see trace replay)"),
        ],
        run: run)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard arguments.positionals.isEmpty else {
            let word = SafeWord.of(arguments.positionals[0])
            throw UsageError(es: "argumento inesperado '\(word)'", en: "unexpected argument '\(word)'")
        }
        let display = try DisplayOptions(arguments, context)
        let language = display.language
        let host = try loopbackHost(arguments)
        let port = try OptionValues.port(arguments)
        let delay = try OptionValues.integer("delay", arguments, in: 0...10_000, what: ("milisegundos", "milliseconds"))
        let message = try text("message", arguments, default: language.pick(es: "Hola, servidor", en: "Hello, server"))
        let reply = try text("reply", arguments, default: language.pick(es: "Mensaje recibido", en: "Message received"))

        let scenario = Scenario.seed(message: message, reply: reply)
        let pause = delay.flatMap { $0 > 0 ? Duration.milliseconds($0) : nil }
        try StepOption.check(arguments)
        let legend = arguments.has("json") ? [] : StepTermsLegend.seed(language)
        let presentation = try Presentation(display: display, json: arguments.has("json"), recordPath: arguments.value("record"),
                                            plan: scenario.stepPlan, context: context, legend: legend)
        if arguments.has("step") {
            let terms = TeachingGlossary.seedTerms
            return try StepPresenter(presentation: presentation, glossary: terms.glossary, stepTerms: terms.lessonTerms).run(
                scenario, options: RunOptions(host: host, port: port), title: SeedText.title(host: host, language: language),
                debrief: { SeedDebrief.make($0, language: language, delay: nil) })
        }
        return try ScenarioPresenter(presentation: presentation).run(
            scenario, options: RunOptions(host: host, port: port), pacer: pause.map { ClassroomPacer(scenario: scenario, delay: $0) },
            title: SeedText.title(host: host, language: language),
            debrief: { SeedDebrief.make($0, language: language, delay: pause) })
    }

    /// The demo runs both programs on this machine: a loopback address only.
    private static func loopbackHost(_ arguments: ParsedArguments) throws(UsageError) -> String {
        let host = try OptionValues.host(arguments)
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        let isIPv4Loopback = parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
        guard isIPv4Loopback || host == "::1" || host == "localhost" else {
            throw .badValue(es: "--host \(SafeWord.of(host)): el cliente y el servidor corren en esta máquina: usa 127.0.0.1 o ::1",
                            en: "--host \(SafeWord.of(host)): the client and server run on this machine: use 127.0.0.1 or ::1")
        }
        return host
    }

    /// `--message` / `--reply`: 1 to 1024 bytes, what the seed's `recv(1024)` takes in one call.
    static func text(_ name: String, _ arguments: ParsedArguments, default fallback: String) throws(UsageError) -> String {
        guard let text = arguments.value(name) else { return fallback }
        guard !text.isEmpty, text.utf8.count <= longestMessage else {
            throw .badValue(es: "--\(name): se espera un texto de 1 a \(longestMessage) bytes (recv(1024) lee a lo sumo \(longestMessage)); tiene \(text.utf8.count)",
                            en: "--\(name): expected a text of 1 to \(longestMessage) bytes (recv(1024) reads at most \(longestMessage)); it has \(text.utf8.count)")
        }
        return text
    }
}
