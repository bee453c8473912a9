import TraceCore
import TracePrograms
import TraceSockets
import TraceText

extension CallExplanation {
    /// What a recorded call (or moment) did, told as the walkthrough tells the same call: the facts
    /// (addresses, ports, sizes, the payload) come from the event. `ofListener`: a `close()` of a
    /// socket that was listening.
    public static func recorded(_ event: TraceEvent, _ language: Language, ofListener: Bool = false) -> CallExplanation {
        let l = language
        let endpoint = event.address.flatMap(Endpoint.init)
        let facts = Facts(serverAddress: endpoint?.description, host: endpoint?.host ?? "", port: UInt16(clamping: endpoint?.port ?? 0))
        if event.origin == .tool { return tool(event, l) }
        switch event.operation {
        case .socket: return of(.socket, l, facts: facts)
        case .setsockopt:
            let value = event.optionValue ?? 0
            guard let name = event.option else { return anyOption("?", value, l) }
            return SocketOption(rawValue: name).map { optionExplanation($0, value, l) } ?? anyOption(SafeText.sanitize(name), value, l)
        case .bind: return of(.bind(port: endpoint?.isWildcard == true ? .anyAddress : .runPort), l, facts: facts)
        case .listen: return of(.listen(backlog: event.backlog ?? 0), l, facts: facts)
        case .accept: return of(.accept, l, facts: facts)
        case .connect:
            guard let endpoint else { return of(.connect(to: .actor("")), l, facts: facts) }
            return of(.connect(to: .address(host: endpoint.host, port: UInt16(clamping: endpoint.port))), l, facts: facts)
        case .sendall:
            return sendAll(shown: event.preview ?? "", count: event.bytes ?? event.requestedBytes ?? 0, l)
        case .send: return send(count: event.requestedBytes ?? event.bytes ?? 0, l)
        case .recv: return of(.recv(maxBytes: event.requestedBytes ?? event.bytes ?? 0), l, facts: facts)
        case .print: return of(.print, l, facts: facts)
        case .shutdown:
            return of(.shutdown(event.how.flatMap(ShutdownHow.init(rawValue:)) ?? .both), l, facts: facts)
        case .close: return of(ofListener ? .closeListener : .close(), l, facts: facts)
        case .tcpInfo: return of(.tcpInfo(until: event.kernelCondition), l, facts: facts)
        case .peerClosed:
            return CallExplanation(
                call: l.pick(es: "cierre detectado", en: "closure detected"),
                program: l.pick(es: "recv() devolvió 0 bytes: el otro lado cerró. El programa sale de su bucle (break).",
                                en: "recv() returned 0 bytes: the other side closed. The program leaves its loop (break)."),
                kernel: l.pick(es: "nada nuevo: el FIN del otro lado ya había llegado, y recv() lo contó como 0 bytes.",
                               en: "nothing new: the other side's FIN had already arrived, and recv() reported it as 0 bytes."),
                terms: ["EOF", "FIN"])
        case .poll:
            return CallExplanation(
                call: "poll()",
                program: l.pick(es: "espera a que el socket tenga algo que leer (datos, el fin del flujo o una conexión que aceptar), como mucho el tiempo dado; devuelve 0 si se agotó.",
                                en: "waits until the socket has something to read (data, the end of the stream, or a connection to accept), at most the time given; it returns 0 if the time ran out."),
                kernel: l.pick(es: "el núcleo despierta al programa en cuanto el socket se puede leer; poll() no lee nada.",
                               en: "the kernel wakes the program as soon as the socket is readable; poll() itself reads nothing."),
                terms: ["recv"])
        case .note:
            return CallExplanation(call: l.pick(es: "nota", en: "note"), program: SafeText.sanitize(event.text ?? ""),
                                   kernel: l.pick(es: "nada: es una nota del programa.", en: "nothing: it is a note of the program's."),
                                   terms: [])
        default:
            let name = SafeText.sanitize(event.operation.rawValue) + "()"
            return CallExplanation(call: name,
                                   program: l.pick(es: "el programa llama a \(name).", en: "the program calls \(name)."),
                                   kernel: l.pick(es: "(trace aún no tiene una explicación de esta llamada)",
                                                  en: "(trace has no explanation of this call yet)"),
                                   terms: [])
        }
    }

    /// trace's own calls and moments: its stop, its guard, its cleanup; never the program's doing.
    private static func tool(_ event: TraceEvent, _ l: Language) -> CallExplanation {
        switch event.operation {
        case .close:
            return CallExplanation(
                call: "close()",
                program: l.pick(es: "trace cierra el socket que el programa dejó abierto al detenerse (limpieza al terminar).",
                                en: "trace closes the socket the program left open when it stopped (cleanup at the end)."),
                kernel: l.pick(es: "si había conexión, el núcleo envía un FIN al otro lado, como en cualquier close().",
                               en: "if there was a connection, the kernel sends the other side a FIN, as for any close()."),
                terms: ["close", "FIN"])
        case .timeout:
            return CallExplanation(
                call: l.pick(es: "límite de espera", en: "time limit"),
                program: l.pick(es: "la guarda de trace dejó de esperar: la llamada esperó más que su límite, y la ejecución se detiene.",
                                en: "trace's guard gave up: the call waited longer than its limit, and the run stops."),
                kernel: l.pick(es: "el núcleo seguía esperando datos o una conexión que no llegaron.",
                               en: "the kernel was still waiting for data or a connection that never came."),
                terms: [])
        default:
            return CallExplanation(
                call: event.operation == .shutdown ? "shutdown()" : l.pick(es: "parada", en: "stop"),
                program: l.pick(es: "trace detiene la ejecución: despierta las llamadas que esperan cerrando la lectura de sus sockets (shutdown SHUT_RD). Es cosa de trace, no del otro programa.",
                                en: "trace stops the run: it wakes the calls that wait by shutting their sockets' reading side (shutdown SHUT_RD). This is trace's doing, not the other program's."),
                kernel: l.pick(es: "en Linux, shutdown(SHUT_RD) no envía nada por la red: solo hace que un recv() o un accept() bloqueados vuelvan.",
                               en: "on Linux, shutdown(SHUT_RD) sends nothing on the network: it only makes a blocked recv() or accept() return."),
                terms: ["shutdown"])
        }
    }
}
