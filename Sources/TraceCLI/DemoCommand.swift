import TraceText
import TraceCore
import TraceRender
import TracePrograms
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
            HostPortOptions.loopbackHost,
            HostPortOptions.kernelChosenPort,
            .option("delay", "MS", es: "pausa antes de cada paso, en milisegundos (0 a 10000), para ir más despacio en clase",
                    en: "a pause before each step, in milliseconds (0 to 10000), for a slower classroom pace"),
            StepOption.spec,
            OutputOptions.json,
            OutputOptions.record,
            OutputOptions.export,
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
        try StepOption.check(arguments)
        let pacing: TraceHeader.Pacing = delay.map { $0 > 0 ? .delay(milliseconds: $0) : .free } ?? .free
        let header = TraceHeader(source: .builtIn, command: "demo", traced: [.client, .server], plan: scenario.stepPlan,
                                 pacing: pacing)
        let pipeline = try OutputPipeline(display: display, json: arguments.has("json"), files: arguments,
                                          context: context, keepsEvents: true)
        let title = SeedText.title(host: host, language: language)
        let options = RunOptions(host: host, port: port)
        let closing = { (events: [TraceEvent]) in RunClosing.blocks(header: header, events: events, display: display) }
        if arguments.has("step") {
            let terms = TeachingGlossary.seedTerms
            return try StepPresenter(pipeline: pipeline, glossary: terms.glossary, stepTerms: terms.lessonTerms)
                .run(scenario, header: header, options: options, title: title, closing: closing)
        }
        let pacer = delay.flatMap { $0 > 0 ? ClassroomPacer(scenario: scenario, delay: .milliseconds($0)) : nil }
        return try ScenarioPresenter(pipeline: pipeline).run(scenario, header: header, options: options, pacer: pacer,
                                                             title: title, closing: closing)
    }

    /// The demo runs both programs on this machine: a loopback address only.
    static func loopbackHost(_ arguments: ParsedArguments) throws(UsageError) -> String {
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
