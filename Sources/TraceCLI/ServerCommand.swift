import TraceText
import TraceCore
import TraceRender
import TracePrograms
import TraceSockets
import TraceTeaching
import TraceTerminal
import SocketTracing
import TracePackets

/// `trace server`: `servidor.py` for real, in its own terminal (or on another machine).
enum ServerCommand {
    static let subcommand = TraceCommand.Subcommand(
        name: "server",
        summary: (es: "Hace de servidor.py de verdad: escucha, atiende clientes (uno, o muchos con --forever) y dibuja su lado.",
                  en: "Plays servidor.py for real: listens, serves clients (one, or many with --forever) and draws its side."),
        options: NetworkOptions.serverOptions + OutputOptions.specs + PacketOptions.specs + [StepOption.spec],
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
        try PacketOptions.checkLoopback(options.host, arguments)
        let packetOptions = try PacketOptions.parse(arguments)
        if arguments.has("step") {
            try StepOption.check(arguments)
            let packets = try PacketCapture.open(packetOptions, context: context, language: language, alone: false)
            return try walk(options, arguments, context, packets: packets)
        }
        let display = try DisplayOptions(arguments, context)
        let packets = try PacketCapture.open(packetOptions, context: context, language: language, alone: false)
        let pipeline = try OutputPipeline(display: display, json: arguments.has("json"), files: arguments,
                                          context: context, delivery: .background(holding: true), packets: packets)
        let header = TraceHeader(source: .builtIn, command: "server", traced: [.server])
        let server = ServerProgram(options: options, tracer: pipeline.tracer(header, deferred: true))
        // Ctrl-C, SIGTERM, SIGHUP, or standard output lost (`| head -1`): stop accepting, close every socket.
        let stopper = RunStopper(context: context, interruptName: "SIGINT") { server.stop(because: $0) }
        defer { stopper.cancel() }

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
        stopper.cancel()
        try pipeline.finish()
        pipeline.writeAfterDiagram([RunClosing.arrows(header: pipeline.recordedHeader, events: [], style: display.style)])
        // With its output gone, the summary goes where it can still be read.
        let lost = stopper.cause == .outputLost || (context.output as? FileOutput)?.failure != nil
        if options.forever || summary.accepted > 1 || lost {
            (lost ? context.errors : pipeline.messages).write(summaryLine(summary, language) + "\n")
        }
        if let why = summary.acceptFailure { throw CommandFailure(message: why, status: ExitStatus.failure) }
        if let status = stopper.exitStatus {
            // Ctrl-C is how a server that serves forever ends: a success.
            if options.forever && stopper.cause == .signal(SignalWatcher.interrupt) { return ExitStatus.success }
            // A one-client server stopped after serving its client did its job.
            if !options.forever && summary.served > 0 && stopper.cause != .outputLost { return ExitStatus.success }
            return status
        }
        if !options.forever, let failure = summary.failure {
            throw CommandFailure(message: NetworkText.clientFailed(failure, language), status: ExitStatus.failure)
        }
        return ExitStatus.success
    }

    /// `trace server --step`: one client, the server's steps (2, 4, 5, 9) one at a time.
    private static func walk(_ options: ServerOptions, _ arguments: ParsedArguments, _ context: CommandContext,
                             packets: PacketTrace?) throws -> Int32 {
        let display = try DisplayOptions(arguments, context)
        let pipeline = try OutputPipeline(display: display, json: false, files: arguments, context: context,
                                          packets: packets)
        let scenario = Scenario.serverAlone(reply: options.reply, backlog: options.backlog)
        let header = TraceHeader(source: .builtIn, command: "server", traced: [.server], plan: scenario.stepPlan)
        return try StepPresenter(pipeline: pipeline, glossary: TeachingGlossary.lookup).run(
            scenario, header: header, options: RunOptions(host: options.host, port: options.port), title: nil,
            explain: { NetworkText.failure($0, host: options.host, port: options.port, options.language) },
            announcing: { address in
                [NetworkText.listening(address, options.language),
                 NetworkText.reach(address, interfaces: SocketAddress.interfaceAddresses(), options.language)]
            })
    }

    static func summaryLine(_ s: ServerSummary, _ l: Language) -> String {
        func n(_ count: Int, _ es: (String, String), _ en: (String, String)) -> String { Plural.of(count, es: es, en: en, l) }
        return l.pick(es: "trace server: fin; ", en: "trace server: done; ")
            + n(s.accepted, ("conexión", "conexiones"), ("connection", "connections")) + ": "
            + [n(s.served, ("atendida", "atendidas"), ("served", "served")),
               n(s.refused, ("rechazada (ocupado)", "rechazadas (ocupado)"), ("refused (busy)", "refused (busy)")),
               n(s.idle, ("cerrada por silencio", "cerradas por silencio"), ("closed for silence", "closed for silence")),
               n(s.failed, ("con error", "con error"), ("with an error", "with errors")),
               n(s.interrupted, ("cortada al parar", "cortadas al parar"), ("cut short by the stop", "cut short by the stop"))]
                .joined(separator: ", ")
            + l.pick(es: "; \(s.mostAtOnce) a la vez como máximo", en: "; at most \(s.mostAtOnce) at once")
    }
}
