import TraceEvents
import TraceRender
import TraceSockets
import TraceTeaching

/// Option values of `trace server` and `trace client`, checked with one line in the learner's language.
enum NetworkOptions {
    static let serverOptions: [OptionSpec] = [
        .option("host", "ADDR", es: "dirección donde escuchar: 127.0.0.1 (por defecto, solo esta máquina), 0.0.0.0 (toda la red), ::1, ::",
                en: "address to listen on: 127.0.0.1 (the default, this machine only), 0.0.0.0 (the whole network), ::1, ::"),
        .option("port", "N", es: "puerto (por defecto \(ServerOptions.defaultPort)); 0 = que lo elija el sistema",
                en: "port (default \(ServerOptions.defaultPort)); 0 = let the system choose"),
        .option("reply", "TEXT", es: "lo que responde a cada mensaje", en: "what it answers to each message"),
        .flag("forever", es: "atiende clientes hasta Ctrl-C (sin esto: uno y termina)", en: "serve clients until Ctrl-C (without it: one, then exit)"),
        .option("max-clients", "N", es: "clientes a la vez; al siguiente se le dice que está ocupado", en: "clients at once; the next one is told the server is busy"),
        .option("backlog", "N", es: "cola de listen(): conexiones completadas que esperan a accept() (por defecto 128)",
                en: "listen() backlog: completed connections waiting for accept() (default 128)"),
        .option("idle-timeout", "S", es: "cierra a un cliente que no envía nada en S segundos", en: "close a client that sends nothing for S seconds"),
    ]

    static let clientOptions: [OptionSpec] = [
        .option("host", "H", es: "el servidor: nombre o dirección (por defecto 127.0.0.1)", en: "the server: name or address (default 127.0.0.1)"),
        .option("port", "N", es: "su puerto (por defecto \(ServerOptions.defaultPort))", en: "its port (default \(ServerOptions.defaultPort))"),
        .option("message", "TEXT", es: "lo que envía el cliente", en: "what the client sends"),
        .option("connect-timeout", "S", es: "cuánto esperar a connect() (por defecto 5 s)", en: "how long connect() may take (default 5 s)"),
    ]

    /// The port: 0-65535 for a server, 1-65535 for a client (it needs the server's).
    static func port(_ arguments: ParsedArguments, allowZero: Bool, _ language: Language) throws(CommandFailure) -> UInt16 {
        guard let text = arguments.value("port") else { return ServerOptions.defaultPort }
        guard let port = UInt16(text), allowZero || port > 0 else {
            let range = allowZero ? "0-65535" : "1-65535"
            throw usage(language.pick(es: "--port \(text): puerto no válido: se espera un número de \(range)",
                                      en: "--port \(text): invalid port: expected a number from \(range)"))
        }
        return port
    }

    static func host(_ arguments: ParsedArguments, _ language: Language) throws(CommandFailure) -> String {
        let host = arguments.value("host") ?? "127.0.0.1"
        guard !host.isEmpty, host.count <= 253, !host.contains(where: { $0.isWhitespace || $0.isNewline || $0 == "/" }) else {
            throw usage(language.pick(es: "--host '\(shown(host))': se espera una dirección como 127.0.0.1, 0.0.0.0 o ::1",
                                      en: "--host '\(shown(host))': expected an address such as 127.0.0.1, 0.0.0.0 or ::1"))
        }
        return host
    }

    /// Seconds (`5`, `0.5`), more than 0 and at most a day; nil when the option is absent.
    static func seconds(_ name: String, _ arguments: ParsedArguments, _ language: Language) throws(CommandFailure) -> Duration? {
        guard let text = arguments.value(name) else { return nil }
        guard let value = Double(text), value.isFinite, value > 0, value <= 86_400 else {
            throw usage(language.pick(es: "--\(name) \(shown(text)): se esperan segundos, más de 0 (por ejemplo 5 o 0.5)",
                                      en: "--\(name) \(shown(text)): expected seconds, more than 0 (such as 5 or 0.5)"))
        }
        return .milliseconds(Int64((value * 1000).rounded(.up)))
    }

    /// A count of at least 1; nil when the option is absent.
    static func count(_ name: String, _ arguments: ParsedArguments, _ language: Language) throws(CommandFailure) -> Int? {
        guard let text = arguments.value(name) else { return nil }
        guard let value = Int(text), value >= 1, value <= 1_000_000 else {
            throw usage(language.pick(es: "--\(name) \(shown(text)): se espera un número entero de 1 en adelante",
                                      en: "--\(name) \(shown(text)): expected a whole number, 1 or more"))
        }
        return value
    }

    static func usage(_ message: String) -> CommandFailure {
        CommandFailure(message: message, status: ExitStatus.usage)
    }

    /// A user's value echoed in an error: escaped and short.
    static func shown(_ text: String) -> String { SafeText.escape(Array(text.utf8), limit: 40) }
}
