import TraceEvents
import TraceRender
import TraceSockets
import TraceTeaching
import TraceTerminal
import Tracing

/// `trace client`: `cliente.py` for real, against `trace server`, netcat, or any TCP server.
enum ClientCommand {
    static let subcommand = TraceCommand.Subcommand(
        name: "client",
        summary: (es: "Hace de cliente.py de verdad: se conecta a un servidor, envía un mensaje, muestra la respuesta y dibuja su lado.",
                  en: "Plays cliente.py for real: connects to a server, sends a message, shows the reply and draws its side."),
        options: NetworkOptions.clientOptions + EventDisplay.optionSpecs + [StepOption.spec],
        run: run)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        try NetworkOptions.noPositionals(arguments)
        let language = try OptionValues.language(arguments, context)
        let timeout = try NetworkOptions.seconds("connect-timeout", arguments) ?? .seconds(5)
        let options = ClientOptions(
            host: try NetworkOptions.host(arguments),
            port: try NetworkOptions.port(arguments, client: true),
            message: try DemoCommand.text("message", arguments, default: language.pick(es: "Hola, servidor", en: "Hello, server")),
            connectTimeout: timeout)
        if arguments.has("step") {
            return try walk(options, arguments, context, language)
        }
        let display = try EventDisplay.make(arguments, context, view: .only(.client))
        let client = ClientProgram(options: options, tracer: Tracer(sink: display.sink))
        let watcher = SignalWatcher { _ in client.stop() }
        defer { watcher.cancel() }
        do {
            _ = try client.run()
        } catch {
            try display.finish()
            if client.isStopping { return ExitStatus.interrupted }
            let seconds = arguments.value("connect-timeout") ?? "5"
            throw CommandFailure(message: NetworkText.failure(error, host: options.host, port: options.port,
                                                              timeout: seconds, language),
                                 status: ExitStatus.failure)
        }
        try display.finish()
        return client.isStopping ? ExitStatus.interrupted : ExitStatus.success
    }

    /// `trace client --step`: the client's steps (1, 3, 6, 7, 8) one at a time.
    private static func walk(_ options: ClientOptions, _ arguments: ParsedArguments, _ context: CommandContext,
                             _ language: Language) throws -> Int32 {
        try StepOption.check(arguments)
        var display = try DisplayOptions(arguments, context)
        display.style.view = .only(.client)
        let presentation = try Presentation(display: display, json: false, recordPath: arguments.value("record"),
                                            plan: nil, context: context)
        let seconds = arguments.value("connect-timeout") ?? "5"
        return try StepPresenter(presentation: presentation, glossary: TeachingGlossary.lookup).run(
            .clientAlone(message: options.message, host: options.host, port: options.port),
            options: RunOptions(host: options.host, port: options.port), title: nil,
            explain: { NetworkText.failure($0, host: options.host, port: options.port, timeout: seconds, language) },
            debrief: { _ in nil })
    }
}
