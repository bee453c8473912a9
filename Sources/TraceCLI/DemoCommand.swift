import TraceEvents
import TraceRender
import TraceSockets
import TraceTeaching
import Tracing

/// `trace` / `trace demo`: the seed exchange, run for real.
enum DemoCommand {
    static let subcommand = TraceCommand.Subcommand(
        name: "demo",
        summary: "Runs the classic client/server exchange on a real TCP connection and shows every call.",
        options: [
            .flag("json", es: "eventos en JSON Lines en lugar del diagrama", en: "JSON Lines events instead of the diagram"),
            .option("host", "ADDR", es: "127.0.0.1 (por defecto) o ::1", en: "127.0.0.1 (the default) or ::1"),
            .option("port", "N", es: "puerto del servidor; 0 = efímero (por defecto)", en: "server port; 0 = ephemeral (the default)"),
            .option("message", "TEXT", es: "lo que envía el cliente", en: "what the client sends"),
            .option("reply", "TEXT", es: "lo que responde el servidor", en: "what the server replies"),
            .option("lang", "es|en", es: "idioma (por defecto, el del entorno)", en: "language (default: from the locale)"),
        ],
        run: run)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard arguments.positionals.isEmpty else { throw UsageError(message: "unexpected argument '\(arguments.positionals[0])'") }
        let language = try OptionValues.language(arguments, context)
        let host = try OptionValues.host(arguments)
        let port = try OptionValues.port(arguments)
        let message = arguments.value("message") ?? language.pick(es: "Hola, servidor", en: "Hello, server")
        let reply = arguments.value("reply") ?? language.pick(es: "Mensaje recibido", en: "Message received")

        let sink = JSONLinesWriter(output: context.output)
        let tracer = Tracer(sink: sink)
        let run = ScenarioRun(scenario: .seed(message: message, reply: reply), tracer: tracer,
                              options: RunOptions(host: host, port: port))
        switch run.run() {
        case .completed: return ExitStatus.success
        case .cancelled: return ExitStatus.interrupted
        case .failed(let error): throw CommandFailure(message: error.description, status: ExitStatus.failure)
        }
    }
}
