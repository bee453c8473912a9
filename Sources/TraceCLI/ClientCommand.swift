import TraceText
import TraceCore
import TraceRender
import TracePrograms
import TraceSockets
import TraceTeaching
import TraceTerminal
import SocketTracing
import TracePackets

/// `trace client`: `cliente.py` for real, against `trace server`, netcat, or any TCP server.
enum ClientCommand {
    static let subcommand = TraceCommand.Subcommand(
        name: "client",
        summary: (es: "Hace de cliente.py de verdad: se conecta a un servidor, envía un mensaje, muestra la respuesta y dibuja su lado.",
                  en: "Plays cliente.py for real: connects to a server, sends a message, shows the reply and draws its side."),
        options: NetworkOptions.clientOptions + OutputOptions.specs + PacketOptions.specs + [StepOption.spec],
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
        try PacketOptions.checkLoopback(options.host, arguments)
        let packetOptions = try PacketOptions.parse(arguments)
        if arguments.has("step") {
            try StepOption.check(arguments)
            let packets = try PacketCapture.open(packetOptions, context: context, language: language, alone: false)
            return try walk(options, arguments, context, language, packets: packets)
        }
        let display = try DisplayOptions(arguments, context)
        let packets = try PacketCapture.open(packetOptions, context: context, language: language, alone: false)
        let pipeline = try OutputPipeline(display: display, json: arguments.has("json"), files: arguments,
                                          context: context, delivery: .background(holding: false), packets: packets)
        let header = TraceHeader(source: .builtIn, command: "client", traced: [.client])
        let client = ClientProgram(options: options, tracer: pipeline.tracer(header))
        // Ctrl-C, SIGTERM, SIGHUP, or standard output lost: wake the call that waits, close the socket.
        let stopper = RunStopper(context: context, interruptName: "SIGINT") { client.stop(because: $0) }
        defer { stopper.cancel() }
        let reply: ClientProgram.Reply
        do {
            reply = try client.run()
        } catch {
            stopper.cancel()
            try pipeline.finish()
            if let status = stopper.exitStatus { return status }
            let seconds = arguments.value("connect-timeout") ?? "5"
            throw CommandFailure(message: NetworkText.failure(error, host: options.host, port: options.port,
                                                              timeout: seconds, language),
                                 status: ExitStatus.failure)
        }
        stopper.cancel()
        try pipeline.finish()
        pipeline.writeAfterDiagram([RunClosing.arrows(header: pipeline.recordedHeader, events: [], style: display.style)])
        if let status = stopper.exitStatus { return status }
        // Turned away by a busy `trace server`: the run failed; its line whole, whatever the width.
        if let busy = NetworkText.busyLine(in: reply.bytes) {
            throw CommandFailure(message: language.pick(es: "el servidor rechazó a este cliente: ", en: "the server turned this client away: ") + busy,
                                 status: ExitStatus.failure)
        }
        return ExitStatus.success
    }

    /// `trace client --step`: the client's steps (1, 3, 6, 7, 8) one at a time.
    private static func walk(_ options: ClientOptions, _ arguments: ParsedArguments, _ context: CommandContext,
                             _ language: Language, packets: PacketTrace?) throws -> Int32 {
        let display = try DisplayOptions(arguments, context)
        let pipeline = try OutputPipeline(display: display, json: false, files: arguments, context: context,
                                          packets: packets)
        let seconds = arguments.value("connect-timeout") ?? "5"
        let scenario = Scenario.clientAlone(message: options.message, host: options.host, port: options.port)
        let header = TraceHeader(source: .builtIn, command: "client", traced: [.client], plan: scenario.stepPlan)
        return try StepPresenter(pipeline: pipeline, glossary: TeachingGlossary.lookup).run(
            scenario, header: header, options: RunOptions(host: options.host, port: options.port), title: nil,
            explain: { NetworkText.failure($0, host: options.host, port: options.port, timeout: seconds, language) })
    }
}
