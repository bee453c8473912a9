import TraceText
import TraceCore
import TraceRender
import TracePrograms
import TraceSockets
import TraceTeaching
import TraceTerminal
import SocketTracing

/// `trace server`: `servidor.py` for real, in its own terminal (or on another machine).
enum ServerCommand {
    static let subcommand = TraceCommand.Subcommand(
        name: "server",
        summary: (es: "Hace de servidor.py de verdad: escucha, atiende clientes (uno, o muchos con --forever) y dibuja su lado.",
                  en: "Plays servidor.py for real: listens, serves clients (one, or many with --forever) and draws its side."),
        options: NetworkOptions.serverOptions + OutputOptions.specs + [StepOption.spec],
        run: run)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        try NetworkOptions.noPositionals(arguments)
        let language = try OptionValues.language(arguments, context)
        let options = ServerOptions(
            host: try NetworkOptions.host(arguments),
            port: try NetworkOptions.port(arguments, client: false),
            reply: try DemoCommand.text("reply", arguments, default: language.pick(es: "Mensaje recibido", en: "Message received")),
            forever: arguments.has("forever"),
            maxClients: try OptionValues.integer("max-clients", arguments, in: 1...100_000, what: ("un número de clientes", "a number of clients"))
                ?? NetworkOptions.defaultMaxClients,
            idleTimeout: try NetworkOptions.seconds("idle-timeout", arguments),
            backlog: Int32(try OptionValues.integer("backlog", arguments, in: 1...65535, what: ("un número", "a number")) ?? 128),
            language: language)
        if arguments.has("step") {
            return try walk(options, arguments, context)
        }
        let display = try DisplayOptions(arguments, context)
        let pipeline = try OutputPipeline(display: display, json: arguments.has("json"), files: arguments,
                                          context: context, delivery: .background(holding: true))
        let header = TraceHeader(source: .builtIn, command: "server", traced: [.server])
        let server = ServerProgram(options: options, tracer: Tracer(sink: pipeline.sink, header: header))
        let watcher = SignalWatcher { server.stop(because: SignalName.of($0)) }
        defer { watcher.cancel() }

        let address: SocketAddress
        do { address = try server.listen() } catch {
            _ = try? pipeline.finish()
            throw CommandFailure(message: NetworkText.failure(error, host: options.host, port: options.port, language),
                                 status: ExitStatus.failure)
        }
        pipeline.messages.write(NetworkText.listening(address, language) + "\n")
        pipeline.messages.write(NetworkText.reach(address, interfaces: SocketAddress.interfaceAddresses(), language) + "\n")
        pipeline.release()
        let summary = server.serve()
        try pipeline.finish()
        if options.forever || summary.accepted > 1 {
            pipeline.messages.write(summaryLine(summary, language) + "\n")
        }
        if let why = summary.acceptFailure { throw CommandFailure(message: why, status: ExitStatus.failure) }
        if server.isStopping && !options.forever && summary.served == 0 { return ExitStatus.interrupted }
        return ExitStatus.success
    }

    /// `trace server --step`: one client, the server's steps (2, 4, 5, 9) one at a time.
    private static func walk(_ options: ServerOptions, _ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        try StepOption.check(arguments)
        let display = try DisplayOptions(arguments, context)
        let pipeline = try OutputPipeline(display: display, json: false, files: arguments, context: context)
        let scenario = Scenario.serverAlone(reply: options.reply, backlog: options.backlog)
        let header = TraceHeader(source: .builtIn, command: "server", traced: [.server], plan: scenario.stepPlan)
        return try StepPresenter(pipeline: pipeline, glossary: TeachingGlossary.lookup).run(
            scenario, header: header, options: RunOptions(host: options.host, port: options.port), title: nil,
            explain: { NetworkText.failure($0, host: options.host, port: options.port, options.language) })
    }

    static func summaryLine(_ s: ServerSummary, _ language: Language) -> String {
        language.pick(
            es: "trace server: fin; \(s.accepted) conexiones: \(s.served) atendidas, \(s.refused) rechazadas (ocupado), \(s.idle) cerradas por silencio, \(s.failed) con error, \(s.interrupted) cortadas al parar; \(s.mostAtOnce) a la vez como máximo",
            en: "trace server: done; \(s.accepted) connections: \(s.served) served, \(s.refused) refused (busy), \(s.idle) closed for silence, \(s.failed) with errors, \(s.interrupted) cut short by the stop; at most \(s.mostAtOnce) at once")
    }
}
