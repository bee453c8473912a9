import TraceCore
import TraceProcess
import TraceTerminal
import TraceTeaching
import TraceText

/// `trace run`: the class's own programs, unmodified, traced by the kernel and drawn live on the same
/// diagram as the built-in ones.
enum RunCommand {
    static let defaultListenTimeout = 10

    static let subcommand = TraceCommand.Subcommand(
        name: "run",
        operand: (es: "-- ORDEN [ARG...]", en: "-- COMMAND [ARG...]"),
        summary: (es: "Ejecuta tus propios programas (uno, o un servidor con --server y un cliente), trazados por el núcleo, y dibuja cada llamada de red que hacen, en directo. Solo en Linux.",
                  en: "Runs your own programs (one, or a server with --server and a client), traced by the kernel, and draws every network call they make, live. Linux only."),
        options: [
            .option("server", "'COMMAND LINE'", "'ORDEN'",
                    es: "el programa servidor, que se arranca primero; el cliente (tras --) arranca cuando el servidor ha llamado a listen(), con {port} cambiado por su puerto",
                    en: "the server program, started first; the client (after --) starts once the server's listen() returned, with {port} replaced by its port"),
            .option("side", "server|client",
                    es: "con un solo programa: qué lado es (por defecto, lo que haga primero: bind, listen o accept, servidor; connect, cliente)",
                    en: "with one program: which side it is (default: what it does first: bind, listen or accept, server; connect, client)"),
            .option("listen-timeout", "S", es: "segundos que puede tardar el servidor en escuchar (por defecto \(defaultListenTimeout))",
                    en: "seconds the server may take to listen (default \(defaultListenTimeout))"),
        ] + DisplayOptions.specs + [StepOption.spec, OutputOptions.json, OutputOptions.record, OutputOptions.export]
            + PacketOptions.specs,
        run: run)

    /// What the command line asked for.
    struct Request {
        var programs: ProgramTrace.Programs
        var listenTimeout: Int
    }

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let display = try DisplayOptions(arguments, context)
        let request = try self.request(arguments)
        #if !os(Linux)
        throw CommandFailure(message: RunText.unsupported(display.language), status: 69)
        #else
        try StepOption.check(arguments)
        let packetOptions = try PacketOptions.parse(arguments)
        // With --server both programs are this process's children: a private network holds them both.
        let alone: Bool
        if case .pair = request.programs { alone = true } else { alone = false }
        let packets = try PacketCapture.open(packetOptions, context: context, language: display.language, alone: alone)
        if arguments.has("step") {
            var presenter = ProgramStepPresenter(display: display, context: context, files: arguments)
            presenter.packets = packets
            return try presenter.run(request.programs, title: RunText.title(request.programs, language: display.language))
        }
        let presenter = ProgramPresenter(display: display, context: context, json: arguments.has("json"),
                                         files: arguments, listenTimeout: .seconds(request.listenTimeout),
                                         packets: packets)
        return try presenter.run(request.programs, title: RunText.title(request.programs, language: display.language)) { events, header in
            RunClosing.blocks(header: header, events: events, display: display)
        }
        #endif
    }

    static func request(_ arguments: ParsedArguments) throws(UsageError) -> Request {
        let command = arguments.positionals
        guard !command.isEmpty else {
            throw UsageError(es: "falta la orden que ejecutar, tras --: trace run -- python3 cliente.py",
                             en: "missing the command to run, after --: trace run -- python3 client.py")
        }
        let timeout = try OptionValues.integer("listen-timeout", arguments, in: 1...86_400, what: ("segundos", "seconds"))
            ?? defaultListenTimeout
        var side: TraceEvent.Actor?
        if let text = arguments.value("side") {
            guard text == "server" || text == "client" else {
                throw .badValue(es: "--side \(SafeWord.of(text)): se espera server o client", en: "--side \(SafeWord.of(text)): expected server or client")
            }
            side = TraceEvent.Actor(rawValue: text)
        }
        guard let line = arguments.value("server") else {
            if command.contains(where: { $0.contains("{port}") }) {
                throw .badValue(es: "{port} es el puerto del servidor de --server: sin --server no hay ningún puerto que poner",
                                en: "{port} stands for the port of the --server program: without --server there is no port to put there")
            }
            if arguments.value("listen-timeout") != nil {
                throw .badValue(es: "--listen-timeout es para el servidor de --server", en: "--listen-timeout is for the --server program")
            }
            return Request(programs: .single(command, side: side), listenTimeout: timeout)
        }
        if side != nil {
            throw .badValue(es: "--side es para un solo programa: con --server, el servidor es el de --server y el cliente el de después de --",
                            en: "--side is for one program: with --server, the server is the --server one and the client the one after --")
        }
        let server: [String]
        do { server = try ShellWords.split(line) } catch {
            throw .badValue(es: "--server: \(error.message(.es))", en: "--server: \(error.message(.en))")
        }
        guard !server.isEmpty else {
            throw .badValue(es: "--server: falta la orden del servidor", en: "--server: the server's command line is empty")
        }
        return Request(programs: .pair(server: server, client: command), listenTimeout: timeout)
    }
}
