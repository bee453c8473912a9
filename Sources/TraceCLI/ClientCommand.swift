import TraceText
import TraceCore
import TraceRender
import TracePrograms
import TraceSockets
import TraceTeaching
import TraceTerminal
import SocketTracing

/// `trace client`: `cliente.py` for real, against `trace server`, netcat, or any TCP server.
enum ClientCommand {
    static let subcommand = TraceCommand.Subcommand(
        name: "client",
        summary: (es: "Hace de cliente.py de verdad: se conecta a un servidor, envía un mensaje, muestra la respuesta y dibuja su lado.",
                  en: "Plays cliente.py for real: connects to a server, sends a message, shows the reply and draws its side."),
        options: NetworkOptions.clientOptions + OutputOptions.specs + [StepOption.spec],
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
        let display = try DisplayOptions(arguments, context)
        let pipeline = try OutputPipeline(display: display, json: arguments.has("json"), files: arguments,
                                          context: context, delivery: .background(holding: false))
        let header = TraceHeader(source: .builtIn, command: "client", traced: [.client])
        let client = ClientProgram(options: options, tracer: Tracer(sink: pipeline.sink, header: header))
        let watcher = SignalWatcher { client.stop(because: SignalName.of($0)) }
        defer { watcher.cancel() }
        do {
            _ = try client.run()
        } catch {
            try pipeline.finish()
            if client.isStopping { return ExitStatus.interrupted }
            let seconds = arguments.value("connect-timeout") ?? "5"
            throw CommandFailure(message: NetworkText.failure(error, host: options.host, port: options.port,
                                                              timeout: seconds, language),
                                 status: ExitStatus.failure)
        }
        try pipeline.finish()
        return client.isStopping ? ExitStatus.interrupted : ExitStatus.success
    }

    /// `trace client --step`: the client's steps (1, 3, 6, 7, 8) one at a time.
    private static func walk(_ options: ClientOptions, _ arguments: ParsedArguments, _ context: CommandContext,
                             _ language: Language) throws -> Int32 {
        try StepOption.check(arguments)
        let display = try DisplayOptions(arguments, context)
        let pipeline = try OutputPipeline(display: display, json: false, files: arguments, context: context)
        let seconds = arguments.value("connect-timeout") ?? "5"
        let scenario = Scenario.clientAlone(message: options.message, host: options.host, port: options.port)
        let header = TraceHeader(source: .builtIn, command: "client", traced: [.client], plan: scenario.stepPlan)
        return try StepPresenter(pipeline: pipeline, glossary: TeachingGlossary.lookup).run(
            scenario, header: header, options: RunOptions(host: options.host, port: options.port), title: nil,
            explain: { NetworkText.failure($0, host: options.host, port: options.port, timeout: seconds, language) })
    }
}
