import TracePrograms
import TraceText
import TraceRender
import TraceSockets
import TraceTeaching

/// Option values of `trace server` and `trace client`, checked with one line in the learner's language.
enum NetworkOptions {
    /// A thread each: a bound, so that a flood of connections cannot exhaust the machine.
    static let defaultMaxClients = 2000

    static let serverOptions: [OptionSpec] = [
        HostPortOptions.listenHost,
        HostPortOptions.serverPort,
        .option("reply", "TEXT", "TEXTO", es: "lo que responde a cada mensaje", en: "what it answers to each message"),
        .flag("forever", es: "atiende clientes hasta Ctrl-C (sin esto: uno y termina)", en: "serve clients until Ctrl-C (without it: one, then exit)"),
        .option("max-clients", "N", es: "clientes a la vez (por defecto \(defaultMaxClients)); al siguiente se le dice que está ocupado",
                en: "clients at once (default \(defaultMaxClients)); the next one is told the server is busy"),
        .option("backlog", "N", es: "cola de listen(): conexiones completadas que esperan a accept() (por defecto 128)",
                en: "listen() backlog: completed connections waiting for accept() (default 128)"),
        .option("idle-timeout", "S", es: "cierra a un cliente que no envía nada en S segundos", en: "close a client that sends nothing for S seconds"),
    ]

    static let clientOptions: [OptionSpec] = [
        HostPortOptions.serverHost,
        HostPortOptions.serverPortToReach,
        .option("message", "TEXT", "TEXTO", es: "lo que envía el cliente", en: "what the client sends"),
        .option("connect-timeout", "S", es: "cuánto esperar a connect() (por defecto 5 s)", en: "how long connect() may take (default 5 s)"),
    ]

    /// The server's port (0-65535; 0: the system chooses) or, for a client, the port to connect to (1-65535).
    static func port(_ arguments: ParsedArguments, client: Bool) throws(UsageError) -> UInt16 {
        if client {
            let port = try OptionValues.integer("port", arguments, in: 1...65535, what: ("un puerto", "a port"))
            return port.map { UInt16($0) } ?? ServerOptions.defaultPort
        }
        return try OptionValues.port(arguments, default: ServerOptions.defaultPort)
    }

    static func host(_ arguments: ParsedArguments) throws(UsageError) -> String {
        let host = arguments.value("host") ?? "127.0.0.1"
        guard !host.isEmpty, host.count <= 253, !host.contains(where: { $0.isWhitespace || $0.isNewline || $0 == "/" }) else {
            throw .badValue(es: "--host '\(SafeWord.of(host))': se espera un nombre o una dirección como 127.0.0.1, 0.0.0.0 o ::1",
                            en: "--host '\(SafeWord.of(host))': expected a name or an address such as 127.0.0.1, 0.0.0.0 or ::1")
        }
        return host
    }

    /// Seconds (`5`, `0.5`), more than 0 and at most a day; nil when the option is absent.
    static func seconds(_ name: String, _ arguments: ParsedArguments) throws(UsageError) -> Duration? {
        guard let text = arguments.value(name) else { return nil }
        guard let value = Double(text), value.isFinite, value > 0, value <= 86_400 else {
            throw .badValue(es: "--\(name) \(SafeWord.of(text)): se esperan segundos, más de 0 (por ejemplo 5 o 0.5)",
                            en: "--\(name) \(SafeWord.of(text)): expected seconds, more than 0 (such as 5 or 0.5)")
        }
        return .milliseconds(Int64((value * 1000).rounded(.up)))
    }
}

extension NetworkOptions {
    static func noPositionals(_ arguments: ParsedArguments) throws(UsageError) {
        guard let word = arguments.positionals.first.map({ SafeWord.of($0) }) else { return }
        throw UsageError(es: "argumento inesperado '\(word)'", en: "unexpected argument '\(word)'")
    }
}
