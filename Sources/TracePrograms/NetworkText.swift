import TraceText
import TraceSockets

/// What `trace server` and `trace client` tell the learner, in both languages: where the server listens,
/// why a connection ended, and the errors a class meets first (port in use, nothing listening, ...).
public enum NetworkText {
    /// The server's first line: the address it actually listens on.
    public static func listening(_ address: SocketAddress, _ language: Language) -> String {
        language.pick(es: "trace server: escuchando en \(address)", en: "trace server: listening on \(address)")
    }

    /// Who can reach a server bound to `address`, and how a client connects.
    public static func reach(_ address: SocketAddress, interfaces: [SocketAddress], _ language: Language) -> String {
        if address.isLoopback {
            return language.pick(
                es: "solo accesible desde esta máquina (para aceptar otras máquinas: --host 0.0.0.0)",
                en: "reachable from this machine only (to let other machines in: --host 0.0.0.0)")
        }
        let targets = address.isWildcard
            ? interfaces.filter { $0.family == address.family && !$0.isLinkLocal }.map(\.host)
            : [address.host]
        let list = targets.isEmpty ? "?" : targets.joined(separator: ", ")
        let example = targets.first.map { "trace client --host \($0) --port \(address.port)" } ?? ""
        return language.pick(
            es: "¡ACCESIBLE DESDE LA RED! otras máquinas se conectan a \(list), puerto \(address.port): \(example)",
            en: "REACHABLE FROM THE NETWORK: other machines connect to \(list), port \(address.port): \(example)")
    }

    /// Sent to a client refused because the server is full.
    public static func busy(limit: Int, _ language: Language) -> String {
        let es = limit == 1 ? "ya hay 1 cliente conectado" : "ya hay \(limit) clientes conectados"
        let en = limit == 1 ? "1 client is already connected" : "\(limit) clients are already connected"
        return language.pick(es: "trace server: ocupado, \(es) (--max-clients \(limit)); inténtalo más tarde\n",
                             en: "trace server: busy, \(en) (--max-clients \(limit)); try again later\n")
    }

    /// The line a busy `trace server` sent (in either language), escaped, when `reply` is one; nil otherwise.
    public static func busyLine(in reply: [UInt8]) -> String? {
        let prefixes = [busy(limit: 1, .en), busy(limit: 1, .es)].map { Array($0.utf8.prefix(while: { $0 != UInt8(ascii: ",") })) }
        guard prefixes.contains(where: { reply.starts(with: $0 + [UInt8(ascii: ",")]) }) else { return nil }
        var line = reply.prefix { $0 != UInt8(ascii: "\n") }
        if line.count > 1024 { line = line.prefix(1024) }
        return SafeText.escape(line)
    }

    /// The server's own note when it refuses a client.
    public static func busyNote(limit: Int, _ language: Language) -> String {
        language.pick(es: "rechazado: lleno (--max-clients \(limit))", en: "refused: full (--max-clients \(limit))")
    }

    /// Sent to a client closed for its silence.
    public static func idle(seconds: String, _ language: Language) -> String {
        language.pick(
            es: "trace server: cierro la conexión: no llegó nada en \(seconds) s (--idle-timeout \(seconds))\n",
            en: "trace server: closing the connection: nothing arrived for \(seconds) s (--idle-timeout \(seconds))\n")
    }

    /// The server's own note when it closes a silent client.
    public static func idleNote(seconds: String, _ language: Language) -> String {
        language.pick(es: "se cierra: \(seconds) s en silencio (--idle-timeout \(seconds))",
                      en: "closing: silent for \(seconds) s (--idle-timeout \(seconds))")
    }

    /// A connection that ended with an error (shown on the call's own line); with `--forever`, the
    /// others go on.
    public static func connectionFailed(_ error: SocketError, othersGoOn: Bool = true, _ language: Language) -> String {
        guard othersGoOn else {
            return language.pick(es: "conexión terminada (\(error.name))", en: "connection ended (\(error.name))")
        }
        return language.pick(es: "conexión terminada (\(error.name)); los demás clientes siguen",
                             en: "connection ended (\(error.name)); the other clients go on")
    }

    /// The one line of a one-client `trace server` whose client's connection ended with an error.
    public static func clientFailed(_ failure: ConnectionFailure, _ language: Language) -> String {
        let who = failure.client.map { " \($0)" } ?? ""
        let call = failure.error.operation.rawValue + "()"
        let name = failure.error.name
        if failure.error.errno == .connectionReset {
            return language.pick(
                es: "el cliente\(who) cortó la conexión de golpe (\(name), un RST) durante \(call): el intercambio no terminó",
                en: "the client\(who) reset the connection (\(name), an RST) during \(call): the exchange did not finish")
        }
        return language.pick(es: "la conexión con el cliente\(who) terminó con un error: \(call) falló con \(name); el intercambio no terminó",
                             en: "the connection with the client\(who) ended with an error: \(call) failed with \(name); the exchange did not finish")
    }

    /// The one line a user reads when a server or client call fails.
    public static func failure(_ error: SocketError, host: String, port: UInt16, timeout: String? = nil,
                               _ language: Language) -> String {
        friendly(error, host: host, port: port, timeout: timeout, language) ?? plain(error, language)
    }

    /// A failed call as it is: `bind() failed: EADDRINUSE (Address already in use)`, explained in the language.
    public static func plain(_ error: SocketError, _ language: Language) -> String {
        let op = error.operation.rawValue, name = error.name
        return language.pick(es: "\(op)() falló: \(name) (\(ErrnoText.explanation(of: name, system: error.message, .es)))",
                             en: "\(op)() failed: \(name) (\(error.message))")
    }

    /// The line that says what to do about the errors a class meets first (port in use, nothing
    /// listening, an unknown host...); nil for the others.
    public static func friendly(_ error: SocketError, host: String, port: UInt16, timeout: String? = nil,
                                _ language: Language) -> String? {
        let target = port == 0 ? host : SocketAddress(numericHost: host, port: port)?.description ?? "\(host):\(port)"
        let name = error.name
        if case .resolver(let resolver) = error.reason, resolver.name == "EAI_AGAIN" {
            return language.pick(es: "no se pudo buscar '\(host)' (EAI_AGAIN): el servidor de nombres no respondió; revisa la red o usa una dirección IP",
                                 en: "could not look up '\(host)' (EAI_AGAIN): the name server did not answer; check the network or use an IP address")
        }
        if case .resolver = error.reason {
            return language.pick(es: "host desconocido '\(host)' (\(name)): revisa el nombre o usa una dirección IP",
                                 en: "unknown host '\(host)' (\(name)): check the name or use an IP address")
        }
        switch error.errno {
        case .addressInUse?:
            return language.pick(es: "el puerto \(port) está en uso (EADDRINUSE): elige otro con --port",
                                 en: "port \(port) is in use (EADDRINUSE): choose another with --port")
        case .connectionRefused?:
            return language.pick(es: "nada escucha en \(target) (ECONNREFUSED): arranca `trace server` primero",
                                 en: "nothing is listening on \(target) (ECONNREFUSED): start `trace server` first")
        case .timedOut?:
            let wait = timeout.map { " \($0) s" } ?? ""
            return language.pick(
                es: "\(target) no respondió en\(wait) (ETIMEDOUT): revisa la dirección, la red y el cortafuegos",
                en: "no answer from \(target) within\(wait) (ETIMEDOUT): check the address, the network and any firewall")
        case .addressNotAvailable?:
            return language.pick(es: "\(host) no es una dirección de esta máquina (EADDRNOTAVAIL): usa 127.0.0.1, 0.0.0.0 o una de sus IP",
                                 en: "\(host) is not an address of this machine (EADDRNOTAVAIL): use 127.0.0.1, 0.0.0.0 or one of its IPs")
        case .permissionDenied?, .notPermitted?:
            return language.pick(es: "el puerto \(port) necesita privilegios (\(name)): elige uno por encima de 1023 con --port",
                                 en: "port \(port) needs privileges (\(name)): choose one above 1023 with --port")
        case .hostUnreachable?, .networkUnreachable?:
            return language.pick(es: "no hay ruta hasta \(target) (\(name)): revisa la dirección y la red",
                                 en: "no route to \(target) (\(name)): check the address and the network")
        default:
            return nil
        }
    }
}
