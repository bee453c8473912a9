import TracePrograms
import TraceCore
import TraceText
import TraceSockets

/// What one scenario call does, told twice: in the program, and in the kernel; with the glossary terms
/// it involves. Written for a learner, in both languages.
public struct CallExplanation: Sendable, Hashable {
    public var call: String
    public var program: String
    public var kernel: String
    /// Glossary terms, by their English name.
    public var terms: [String]

    /// Facts a text may quote: the server's address, once known.
    public struct Facts: Sendable {
        public var serverAddress: String?
        public var host: String
        public var port: UInt16

        public init(serverAddress: String?, host: String, port: UInt16) {
            self.serverAddress = serverAddress
            self.host = host
            self.port = port
        }
    }

    public static func of(_ call: Scenario.Call, _ language: Language, facts: Facts) -> CallExplanation {
        let l = language
        switch call {
        case .socket:
            return CallExplanation(
                call: "socket()",
                program: l.pick(es: "crea un socket TCP: el programa recibe un descriptor de fichero (un número pequeño) para las llamadas siguientes.",
                                en: "creates a TCP socket: the program gets a file descriptor (a small number) for the calls that follow."),
                kernel: l.pick(es: "el núcleo prepara la estructura de la conexión, todavía sin dirección ni estado (CLOSE).",
                               en: "the kernel sets up the connection's structure, with no address and no state yet (CLOSE)."),
                terms: ["socket", "file descriptor", "TCP"])
        case .setOption(let option, let value):
            return optionExplanation(option, value, l)
        case .bind(let choice):
            let port: String
            switch choice {
            case .runPort where facts.port == 0:
                port = l.pick(es: "puerto 0: el núcleo elegirá un puerto libre (efímero)",
                              en: "port 0: the kernel will choose a free (ephemeral) port")
            case .runPort: port = l.pick(es: "puerto \(facts.port)", en: "port \(facts.port)")
            case .sameAs(let other):
                port = l.pick(es: "mismo puerto que ya usa \(other)", en: "the same port \(other) already uses")
            case .anyAddress:
                port = facts.port == 0 ? l.pick(es: "puerto 0 (el núcleo elegirá uno libre)", en: "port 0 (the kernel will choose a free one)")
                                       : l.pick(es: "puerto \(facts.port)", en: "port \(facts.port)")
            }
            let host: String
            if case .anyAddress = choice {
                host = l.pick(es: "todas las direcciones de la máquina (0.0.0.0, o :: en IPv6)",
                              en: "every address of the machine (0.0.0.0, or :: in IPv6)")
            } else {
                host = l.pick(es: "la dirección \(facts.host)", en: "address \(facts.host)")
            }
            return CallExplanation(
                call: "bind()",
                program: l.pick(es: "asocia el socket a \(host) y al \(port).",
                                en: "ties the socket to \(host) and \(port)."),
                kernel: l.pick(es: "el núcleo comprueba que nadie más use esa dirección y ese puerto; si alguien los usa, bind() falla con EADDRINUSE.",
                               en: "the kernel checks that nobody else uses that address and port; if someone does, bind() fails with EADDRINUSE."),
                terms: ["bind", "IP address", "port", "ephemeral port", "EADDRINUSE"])
        case .listen(let backlog):
            return CallExplanation(
                call: "listen(\(backlog))",
                program: l.pick(es: "pone el socket a escuchar: ya no sirve para enviar ni recibir, solo para aceptar conexiones (cola de hasta \(backlog)).",
                                en: "makes the socket listen: it no longer sends or receives, it only takes connections (a queue of up to \(backlog))."),
                kernel: l.pick(es: "desde ahora el núcleo contesta por su cuenta a cada SYN que llegue: completa el saludo de tres vías y deja la conexión en la cola, sin esperar a accept().",
                               en: "from now on the kernel answers every SYN by itself: it completes the three-way handshake and leaves the connection in the queue, without waiting for accept()."),
                terms: ["listen", "backlog", "three-way handshake", "LISTEN"])
        case .accept:
            return CallExplanation(
                call: "accept()",
                program: l.pick(es: "el servidor toma la primera conexión de la cola; si la cola está vacía, espera (se bloquea) hasta que llegue un cliente.",
                                en: "the server takes the first connection from the queue; if the queue is empty, it waits (blocks) until a client arrives."),
                kernel: l.pick(es: "el núcleo entrega un socket nuevo, con otro descriptor, solo para este cliente; el socket que escucha sigue escuchando.",
                               en: "the kernel hands over a new socket, with its own descriptor, just for this client; the listening socket keeps listening."),
                terms: ["accept", "file descriptor", "backlog"])
        case .connect(let target):
            if case .closedPort = target {
                return CallExplanation(
                    call: "connect()",
                    program: l.pick(es: "el cliente intenta conectarse a un puerto de \(facts.host) donde nadie escucha.",
                                    en: "the client tries to connect to a port on \(facts.host) where nobody listens."),
                    kernel: l.pick(es: "el núcleo del otro lado responde al SYN con un RST: connect() falla con ECONNREFUSED.",
                                   en: "the kernel on the other side answers the SYN with an RST: connect() fails with ECONNREFUSED."),
                    terms: ["connect", "SYN", "RST", "ECONNREFUSED"])
            }
            var address = facts.serverAddress ?? l.pick(es: "la dirección del servidor", en: "the server's address")
            if case .address(let host, let port) = target {
                address = SocketAddress(numericHost: host, port: port)?.description ?? "\(host):\(port)"
            }
            return CallExplanation(
                call: "connect()",
                program: l.pick(es: "el cliente pide conectarse a \(address): la IP y el puerto del servidor.",
                                en: "the client asks to connect to \(address): the server's IP address and port."),
                kernel: l.pick(es: "el núcleo del cliente elige un puerto efímero, envía SYN, recibe SYN-ACK y responde ACK: el saludo de tres vías. connect() vuelve en cuanto termina, aunque el servidor aún no haya llamado a accept().",
                               en: "the client's kernel picks an ephemeral port, sends SYN, gets SYN-ACK and answers ACK: the three-way handshake. connect() returns as soon as it completes, even if the server has not called accept() yet."),
                terms: ["connect", "three-way handshake", "SYN", "ACK", "ephemeral port", "ESTABLISHED"])
        case .sendAll(let payload, _):
            let bytes = payload.bytes
            return sendAll(shown: SafeText.escape(bytes, limit: 40), count: bytes.count, l)
        case .send(let payload, _):
            return send(count: payload.bytes.count, l)
        case .recv(let maxBytes, let until, _):
            let program: String
            switch until {
            case .once:
                program = l.pick(es: "pide hasta \(maxBytes) bytes con recv(); si no hay nada, espera. Devuelve lo que haya en el búfer (quizá menos de lo enviado, quizá varios envíos juntos), o 0 bytes si el otro lado cerró.",
                                 en: "asks for up to \(maxBytes) bytes with recv(); if nothing is there, it waits. It returns whatever the buffer holds (maybe less than was sent, maybe several sends together), or 0 bytes if the other side closed.")
            case .closed:
                program = l.pick(es: "repite recv() (hasta \(maxBytes) bytes cada vez) hasta que devuelva 0 bytes: el otro lado cerró.",
                                 en: "repeats recv() (up to \(maxBytes) bytes each time) until it returns 0 bytes: the other side closed.")
            case .bytes(let wanted):
                program = l.pick(es: "repite recv() (hasta \(maxBytes) bytes cada vez) hasta reunir \(wanted) bytes.",
                                 en: "repeats recv() (up to \(maxBytes) bytes each time) until \(wanted) bytes have arrived.")
            case .delimiter(let mark):
                let shown = SafeText.escape(mark, limit: 16)
                program = l.pick(es: "repite recv() (hasta \(maxBytes) bytes cada vez) hasta que llegue el delimitador \"\(shown)\" que marca el final del mensaje.",
                                 en: "repeats recv() (up to \(maxBytes) bytes each time) until the delimiter \"\(shown)\" that ends the message arrives.")
            }
            return CallExplanation(
                call: "recv()",
                program: program,
                kernel: l.pick(es: "los bytes llegan al búfer de recepción del núcleo, que los guarda hasta que el programa los pida; un FIN del otro lado se lee como 0 bytes.",
                               en: "bytes arrive in the kernel's receive buffer, which keeps them until the program asks; a FIN from the other side reads as 0 bytes."),
                terms: ["recv", "buffer", "byte stream", "EOF"])
        case .print:
            return CallExplanation(
                call: "print()",
                program: l.pick(es: "el programa muestra lo que recibió.", en: "the program shows what it received."),
                kernel: l.pick(es: "nada: esto es trabajo del programa, no de la red.", en: "nothing: this is the program's work, not the network's."),
                terms: ["bytes"])
        case .shutdown(let how, _):
            let what: String
            switch how {
            case .write: what = l.pick(es: "la escritura (SHUT_WR): ya no enviará, pero aún puede recibir", en: "writing (SHUT_WR): it will send no more, but it can still receive")
            case .read: what = l.pick(es: "la lectura (SHUT_RD)", en: "reading (SHUT_RD)")
            case .both: what = l.pick(es: "las dos direcciones (SHUT_RDWR)", en: "both directions (SHUT_RDWR)")
            }
            return CallExplanation(
                call: "shutdown()",
                program: l.pick(es: "cierra solo \(what).", en: "closes only \(what)."),
                kernel: l.pick(es: "al cerrar la escritura, el núcleo envía un FIN: el otro lado leerá 0 bytes (fin de datos) y todavía podrá responder.",
                               en: "closing the writing side, the kernel sends a FIN: the other side will read 0 bytes (end of data) and can still answer."),
                terms: ["shutdown", "half-close", "FIN"])
        case .close:
            return CallExplanation(
                call: "close()",
                program: l.pick(es: "cierra la conexión: el descriptor deja de existir para el programa.",
                                en: "closes the connection: the descriptor is gone for the program."),
                kernel: l.pick(es: "si había conexión, el núcleo envía un FIN al otro lado (un RST si quedaban datos sin leer, o con SO_LINGER 0) y termina el cierre por su cuenta: FIN_WAIT1, FIN_WAIT2 y TIME_WAIT del lado que cerró primero. Si nunca se conectó, solo libera el descriptor.",
                               en: "if there was a connection, the kernel sends a FIN to the other side (an RST if unread data remained, or with SO_LINGER 0) and finishes closing on its own: FIN_WAIT1, FIN_WAIT2 and TIME_WAIT on the side that closed first. If it never connected, it only frees the descriptor."),
                terms: ["close", "FIN", "FIN_WAIT", "TIME_WAIT"])
        case .closeListener:
            return CallExplanation(
                call: "close()",
                program: l.pick(es: "cierra el socket que escuchaba.", en: "closes the listening socket."),
                kernel: l.pick(es: "el puerto queda libre: quien intente conectarse ahora recibirá ECONNREFUSED.",
                               en: "the port is free again: whoever tries to connect now gets ECONNREFUSED."),
                terms: ["close", "ECONNREFUSED"])
        case .tcpInfo(let condition, _):
            return CallExplanation(
                call: "getsockopt(TCP_INFO)",
                program: condition.map { l.pick(es: "pregunta al núcleo cómo está el socket, una y otra vez, hasta que informe \(told($0, l)).",
                                                en: "asks the kernel how the socket is doing, again and again, until it reports \(told($0, l)).") }
                    ?? l.pick(es: "pregunta al núcleo cómo está el socket.", en: "asks the kernel how the socket is doing."),
                kernel: l.pick(es: "el núcleo responde con su vista: el estado TCP, las conexiones en cola, los bytes recibidos. No sale nada por la red.",
                               en: "the kernel answers with its view: the TCP state, the queued connections, the bytes received. Nothing goes out on the network."),
                terms: ["TCP_INFO", "TCP state"])
        }
    }

    /// `sendall()` of `count` bytes, shown (escaped) as `shown`.
    static func sendAll(shown: String, count: Int, _ l: Language) -> CallExplanation {
        CallExplanation(
            call: "sendall()",
            program: l.pick(es: "envía \"\(shown)\" (\(count) bytes): sendall repite send() hasta que el núcleo acepta todos los bytes.",
                            en: "sends \"\(shown)\" (\(count) bytes): sendall repeats send() until the kernel has taken every byte."),
            kernel: l.pick(es: "el núcleo copia los bytes a su búfer de envío y los transmite en segmentos TCP. sendall vuelve cuando los bytes están en el búfer, no cuando el otro programa los lee.",
                           en: "the kernel copies the bytes into its send buffer and transmits them in TCP segments. sendall returns when the bytes are in the buffer, not when the other program reads them."),
            terms: ["sendall", "buffer", "segment", "byte stream"])
    }

    /// One `send()` of `count` bytes.
    static func send(count: Int, _ l: Language) -> CallExplanation {
        CallExplanation(
            call: "send()",
            program: l.pick(es: "una sola llamada send() con \(count) bytes: puede aceptar menos de los pedidos, y el programa debe mirar cuántos.",
                            en: "a single send() call with \(count) bytes: it may take fewer than asked, and the program must check how many."),
            kernel: l.pick(es: "el núcleo copia a su búfer de envío los bytes que quepan y los transmite.",
                           en: "the kernel copies into its send buffer as many bytes as fit, and transmits them."),
            terms: ["send", "buffer", "segment"])
    }

    /// A kernel condition in words.
    private static func told(_ condition: Scenario.KernelCondition, _ l: Language) -> String {
        switch condition {
        case .state(let state): return l.pick(es: "del estado \(state.name)", en: "state \(state.name)")
        case .acceptQueue(let n):
            return l.pick(es: "de ", en: "") + Plural.of(n, es: ("conexión", "conexiones"), en: ("connection", "connections"), l)
                + l.pick(es: " en la cola", en: " in the queue")
        case .bytesReceived(let n):
            return l.pick(es: "de ", en: "") + Plural.of(n, es: ("byte recibido", "bytes recibidos"), en: ("byte received", "bytes received"), l)
        case .everythingSent: return l.pick(es: "de que tiene todo lo que el otro lado ha enviado", en: "everything the other side has sent")
        }
    }

    static func optionExplanation(_ option: SocketOption, _ value: Int32, _ l: Language) -> CallExplanation {
        switch option {
        case .reuseAddress:
            return CallExplanation(
                call: "setsockopt(SO_REUSEADDR)",
                program: l.pick(es: "activa SO_REUSEADDR: el servidor podrá volver a usar su puerto enseguida, aunque queden conexiones anteriores en TIME_WAIT.",
                                en: "turns on SO_REUSEADDR: the server can reuse its port right away, even while earlier connections linger in TIME_WAIT."),
                kernel: l.pick(es: "el núcleo anota la opción en el socket; no sale nada por la red.",
                               en: "the kernel records the option on the socket; nothing goes out on the network."),
                terms: ["SO_REUSEADDR", "TIME_WAIT", "port"])
        case .noDelay:
            return CallExplanation(
                call: "setsockopt(TCP_NODELAY)",
                program: l.pick(es: "desactiva el algoritmo de Nagle: los mensajes pequeños salen sin esperar a juntarse.",
                                en: "turns off Nagle's algorithm: small messages go out without waiting to be combined."),
                kernel: l.pick(es: "el núcleo enviará cada segmento en cuanto pueda.", en: "the kernel will send each segment as soon as it can."),
                terms: ["TCP_NODELAY", "segment"])
        case .linger where value == 0:
            return CallExplanation(
                call: "setsockopt(SO_LINGER, 0)",
                program: l.pick(es: "pide que close() corte la conexión de golpe.", en: "asks close() to cut the connection abruptly."),
                kernel: l.pick(es: "al cerrar, el núcleo descartará lo pendiente y enviará un RST en lugar de un FIN: el otro lado verá ECONNRESET.",
                               en: "on close, the kernel will drop anything pending and send an RST instead of a FIN: the other side will see ECONNRESET."),
                terms: ["RST", "ECONNRESET"])
        default:
            return anyOption(option.rawValue, value, l)
        }
    }

    /// An option the texts say nothing particular about.
    static func anyOption(_ name: String, _ value: Int32, _ l: Language) -> CallExplanation {
        CallExplanation(
            call: "setsockopt(\(name))",
            program: l.pick(es: "ajusta la opción \(name) a \(value).", en: "sets option \(name) to \(value)."),
            kernel: l.pick(es: "el núcleo anota la opción en el socket.", en: "the kernel records the option on the socket."),
            terms: ["socket"])
    }
}
