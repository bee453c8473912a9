import TraceCore
import TracePrograms
import TraceSockets
import TraceText

/// The seed lesson's "¿Qué pasa detrás?" (What happens behind the scenes?) and its "Nota", told with
/// what this run measured: each of the seed's six points, and its note, first in the seed's own words
/// (in English, their translation), then what this run showed of it. A measurement that is missing (a
/// recording cut short, a system without TCP_INFO) is left out and the seed's words stay: nothing is
/// invented.
public enum SeedDebrief {
    /// The debrief for a run of the seed; `pacing` says whether the times include pauses (`--delay`) or
    /// the learner's reading time (`--step`).
    public static func make(_ run: RunMeasurements, language: Language, pacing: TraceHeader.Pacing = .free) -> Debrief {
        let say = Say(language: language)
        let points = [
            told(SeedWords.listening, listening(run, say), say),
            told(SeedWords.initiates, initiates(run, say), say),
            told(SeedWords.channel, channel(run, say), say),
            told(SeedWords.packets, packets(run, say), say),
            told(SeedWords.exchange, exchange(run, say, pacing: pacing), say),
            told(SeedWords.closure, closure(run, say), say),
        ] + [overtaken(run, say)].compactMap { $0 }
        return Debrief(heading: say("¿Qué pasa detrás?", "What happens behind the scenes?"), points: points,
                       note: say("Nota: ", "Note: ") + told(SeedWords.note, measuredNote(run, say, pacing: pacing), say))
    }

    /// Whether a recording is a run of the seed (its nine steps, each by the seed's actor and call).
    public static func applies(to run: RunMeasurements) -> Bool {
        let expected: [(Int, TraceEvent.Actor, TraceEvent.Operation)] = [
            (1, .client, .connect), (2, .server, .accept), (3, .client, .sendall), (4, .server, .recv),
            (5, .server, .sendall), (6, .client, .recv), (7, .client, .print), (8, .client, .close), (9, .server, .recv),
        ]
        return expected.allSatisfy { $0.2 == .sendall ? sent(run, $0.1, step: $0.0) != nil : run.done($0.1, $0.2, step: $0.0) != nil }
            && Set(run.events.compactMap(\.step)) == Set(1...9)
    }

    /// The seed's words, then what this run measured of them, if anything.
    private static func told(_ words: Bilingual, _ measured: String?, _ say: Say) -> String {
        let quoted = words[say.language]
        guard let measured else { return quoted }
        return quoted + " " + say("En esta ejecución, ", "In this run, ") + measured
    }

    private static func listening(_ run: RunMeasurements, _ say: Say) -> String? {
        guard let listening = run.listeningAddress.flatMap(Endpoint.init) else { return nil }
        let host = listening.host, port = listening.port
        var text = run.requestedPort == 0
            ? say("escucha en \(host), puerto \(port): pidió a bind() el puerto 0 y el núcleo eligió uno libre.",
                  "it listens on \(host), port \(port): it asked bind() for port 0 and the kernel picked a free one.")
            : say("escucha en \(host), puerto \(port), el que pidió a bind().",
                  "it listens on \(host), port \(port), the one it asked bind() for.")
        if run.done(.server, .listen)?.tcp?.state == .listen {
            text += " " + say("listen() lo dejó en LISTEN.", "listen() left it in LISTEN.")
        }
        return text
    }

    private static func initiates(_ run: RunMeasurements, _ say: Say) -> String? {
        guard let connect = run.done(.client, .connect, step: 1), connect.error == nil, let took = connect.duration
        else { return nil }
        var text = connect.address.map { say("connect() fue a \($0); ", "connect() went to \($0); ") } ?? ""
        text += connect.local.flatMap(Endpoint.init).map(\.port).map { clientPort in
            say("el núcleo del cliente le dio el puerto \(clientPort) e hizo el saludo de TCP (SYN, SYN-ACK, ACK)",
                "the client's kernel gave it port \(clientPort) and did TCP's handshake (SYN, SYN-ACK, ACK)")
        } ?? say("el núcleo del cliente hizo el saludo de TCP (SYN, SYN-ACK, ACK)", "the client's kernel did TCP's handshake (SYN, SYN-ACK, ACK)")
        let d = Measure.time(took)
        text += connect.tcp?.state == .established
            ? say(": connect() volvió en \(d) con la conexión en ESTABLISHED.",
                  ": connect() returned after \(d) with the connection ESTABLISHED.")
            : say(": connect() volvió en \(d).", ": connect() returned after \(d).")
        return text
    }

    private static func channel(_ run: RunMeasurements, _ say: Say) -> String? {
        guard let connect = run.done(.client, .connect, step: 1), connect.error == nil,
              let accept = run.done(.server, .accept, step: 2), accept.error == nil else { return nil }
        var text = connect.time <= accept.time
            ? say("el núcleo del servidor completó la conexión por su cuenta, antes de que accept() volviera;",
                  "the server's kernel completed the connection by itself, before accept() returned;")
            : say("accept(), que esperaba, volvió en cuanto el núcleo completó la conexión;",
                  "accept(), which was waiting, returned as soon as the kernel completed the connection;")
        if let newFD = accept.newFD, let listener = accept.fd {
            text += " " + say("accept() la recoge de la cola como un socket nuevo, el fd \(newFD), solo para este cliente (el fd \(listener) sigue escuchando).",
                              "accept() takes it from the queue as a new socket, fd \(newFD), for this client alone (fd \(listener) keeps listening).")
        } else {
            text += " " + say("accept() la recoge de la cola.", "accept() takes it from the queue.")
        }
        if let server = accept.local, let client = accept.remote {
            text += " " + say("Lo identifican dos direcciones y dos puertos: \(client) y \(server).",
                              "Two addresses and two ports identify it: \(client) and \(server).")
        }
        return text
    }

    private static func packets(_ run: RunMeasurements, _ say: Say) -> String? {
        guard let connect = run.done(.client, .connect, step: 1), connect.error == nil,
              let client = connect.local, let server = connect.remote ?? connect.address else { return nil }
        let ends = [client, server].map { Endpoint($0)?.host ?? $0 }
        let text = ends.allSatisfy(isLoopback)
            ? say("los dos programas están en la misma máquina (\(ends[1])): los paquetes van por loopback, sin salir a la red;",
                  "both programs are on the same machine (\(ends[1])): the packets go through loopback and never leave for a network;")
            : say("los paquetes van por la red, entre \(ends[0]) y \(ends[1]);", "the packets go over the network, between \(ends[0]) and \(ends[1]);")
        let rtt = run.events.last { $0.actor == .client && $0.phase == .done && ($0.tcp?.rttMicroseconds ?? 0) > 0 }?.tcp?.rttMicroseconds
        let measured = rtt.map {
            text + " " + say("el núcleo del cliente midió su tiempo de ida y vuelta (RTT): \(Measure.time(UInt64($0) * 1_000)).",
                             "the client's kernel measured their round-trip time (RTT): \(Measure.time(UInt64($0) * 1_000)).")
        } ?? String(text.dropLast()) + "."
        return captured(run.segments, say).map { measured + " " + $0 } ?? measured
    }

    /// The segments captured (`--packets`), counted and named in order.
    private static func captured(_ segments: [TraceEvent.Segment], _ say: Say) -> String? {
        guard !segments.isEmpty else { return nil }
        let shown = 16
        var names = segments.prefix(shown).map { $0.payloadLength > 0 ? "\($0.flags.name) (\(Measure.bytes($0.payloadLength)))" : $0.flags.name }
        if segments.count > shown { names.append("…") }
        let list = names.joined(separator: ", ")
        return segments.count == 1
            ? say("trace capturó 1 segmento TCP: \(list).", "trace captured 1 TCP segment: \(list).")
            : say("trace capturó sus \(segments.count) segmentos TCP: \(list).", "trace captured their \(segments.count) TCP segments: \(list).")
    }

    private static func isLoopback(_ host: String) -> Bool {
        SocketAddress(numericHost: host, port: 0)?.isLoopback ?? false
    }

    /// A step's send: the built-in programs' `sendall`, or a traced program's `send` (the system call a
    /// language's `sendall` is made of).
    private static func sent(_ run: RunMeasurements, _ actor: TraceEvent.Actor, step: Int) -> TraceEvent? {
        run.done(actor, .sendall, step: step) ?? run.done(actor, .send, step: step)
    }

    private static func exchange(_ run: RunMeasurements, _ say: Say, pacing: TraceHeader.Pacing) -> String? {
        guard let send = sent(run, .client, step: 3), send.error == nil, let sent = send.bytes,
              let sendTook = send.duration else { return nil }
        let call = "\(send.operation.rawValue)()"
        let text = say("\(call) no esperó al otro programa: dejó los \(Measure.bytes(sent)) en el búfer del núcleo y volvió en \(Measure.time(sendTook))",
                       "\(call) did not wait for the other program: it left the \(Measure.bytes(sent)) in the kernel's buffer and returned after \(Measure.time(sendTook))")
        if let recv = run.done(.client, .recv, step: 6), recv.error == nil, let waited = recv.duration {
            let reading = pacing == .stepped ? say(" (mientras leías las tarjetas de los pasos 4 y 5)", " (while you read the cards of steps 4 and 5)") : ""
            return text + say("; recv() sí espera: el cliente estuvo bloqueado \(Measure.time(waited)) hasta que llegó la respuesta",
                              "; recv() does wait: the client was blocked in it for \(Measure.time(waited)) until the reply arrived") + reading + "."
        }
        return text + "."
    }

    private static func closure(_ run: RunMeasurements, _ say: Say) -> String? {
        guard let closure = run.closure, closure.detectedBy == .server, closure.cause != nil else { return nil }
        var text = say("close() del cliente envió un FIN y el recv() del servidor devolvió 0 bytes",
                       "the client's close() sent a FIN and the server's recv() returned 0 bytes")
        if let state = closure.state { text += say(", con la conexión en \(state)", ", with the connection in \(state)") }
        text += closure.leftLoop
            ? say(": no es un mensaje vacío, sino el fin de la conexión, y el programa sale de su bucle (break).",
                  ": not an empty message but the end of the connection, so the program leaves its loop (break).")
            : say(": no es un mensaje vacío, sino el fin de la conexión.", ": not an empty message but the end of the connection.")
        return text
    }

    /// The server's view after its reply (step 5) taken once the client had already closed: the
    /// step shows the later state, which would puzzle without a word.
    private static func overtaken(_ run: RunMeasurements, _ say: Say) -> String? {
        guard let reply = sent(run, .server, step: 5), let state = reply.tcp?.state, state != .established,
              let close = run.done(.client, .close, step: 8), close.time &- (close.duration ?? 0) <= reply.time
        else { return nil }
        let call = "\(reply.operation.rawValue)()"
        return say("Los dos programas corren a la vez: cuando el servidor miró su socket tras \(call) (paso 5), el cliente ya había cerrado, y por eso ese paso ya muestra \(state). La columna de tiempo da el orden real.",
                   "The two programs run at the same time: by the time the server looked at its socket after \(call) (step 5), the client had already closed, so that step already shows \(state). The time column gives the real order.")
    }

    private static func measuredNote(_ run: RunMeasurements, _ say: Say, pacing: TraceHeader.Pacing) -> String? {
        var sentences: [String] = []
        if let total = run.exchangeDuration {
            let t = Measure.total(total)
            if case .delay(let ms) = pacing, ms > 0 {
                sentences.append(say("todo el intercambio, de connect() al cierre detectado, duró\u{00A0}\(t), casi todo en las pausas pedidas con --delay.",
                                     "the whole exchange, from connect() to the detected closure, took\u{00A0}\(t), nearly all of it in the pauses asked for with --delay."))
            } else if case .stepped = pacing {
                sentences.append(say("todo el intercambio, de connect() al cierre detectado, duró\u{00A0}\(t), casi todo esperando tus teclas: con --step los tiempos incluyen lo que tardaste en leer cada tarjeta.",
                                     "the whole exchange, from connect() to the detected closure, took\u{00A0}\(t), nearly all of it waiting for your keys: under --step the times include the time you took to read each card."))
            } else {
                sentences.append(total < 1_000_000
                    ? say("todo el intercambio, de connect() al cierre detectado, duró\u{00A0}\(t): menos de un milisegundo.",
                          "the whole exchange, from connect() to the detected closure, took\u{00A0}\(t): less than a millisecond.")
                    : say("todo el intercambio, de connect() al cierre detectado, duró\u{00A0}\(t).",
                          "the whole exchange, from connect() to the detected closure, took\u{00A0}\(t)."))
            }
        }
        let deliveries = run.deliveries
        if !deliveries.isEmpty {
            let counts = deliveries.map { String($0.sent) }.joined(separator: "\u{00A0}+\u{00A0}")
            if deliveries.allSatisfy({ $0.isComplete && $0.sameText != false }) {
                sentences.append(say("TCP entregó los\u{00A0}\(counts)\u{00A0}bytes completos y en orden: lo que un lado envió es exactamente lo que el otro recibió.",
                                     "TCP delivered the\u{00A0}\(counts)\u{00A0}bytes complete and in order: what one side sent is exactly what the other received."))
            } else {
                let received = deliveries.map { String($0.received) }.joined(separator: "\u{00A0}+\u{00A0}")
                sentences.append(say("de los\u{00A0}\(counts)\u{00A0}bytes enviados, recv() devolvió\u{00A0}\(received)\u{00A0}bytes antes del final: lo demás quedó en el búfer del núcleo.",
                                     "of the\u{00A0}\(counts)\u{00A0}bytes sent, recv() returned\u{00A0}\(received)\u{00A0}bytes before the end: the rest stayed in the kernel's buffer."))
            }
        }
        guard let first = sentences.first else { return nil }
        return ([first] + sentences.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }).joined(separator: " ")
    }
}

/// The seed's own words (`seed/000_0aae8ece16bb6db3.txt`: the six points of "¿Qué pasa detrás?" and
/// the "Nota"), quoted exactly, with their English translation.
enum SeedWords {
    static let listening = Bilingual(
        es: "El servidor abre un puerto y queda \"escuchando\" conexiones.",
        en: "The server opens a port and stays \"listening\" for connections.")
    static let initiates = Bilingual(
        es: "El cliente inicia la conexión usando la IP y puerto del servidor.",
        en: "The client starts the connection using the server's IP and port.")
    static let channel = Bilingual(
        es: "Cuando el cliente se conecta, el sistema operativo del servidor crea un canal privado para esa comunicación.",
        en: "When the client connects, the server's operating system creates a private channel for that communication.")
    static let packets = Bilingual(
        es: "Los mensajes viajan como paquetes TCP a través de la red local (o internet si fuera el caso).",
        en: "The messages travel as TCP packets across the local network (or the internet, if that were the case).")
    static let exchange = Bilingual(
        es: "El servidor y el cliente usan métodos sendall() y recv() para intercambiar datos.",
        en: "The server and the client use the sendall() and recv() methods to exchange data.")
    static let closure = Bilingual(
        es: "Cuando el cliente termina, cierra la conexión y el servidor lo detecta y finaliza el ciclo.",
        en: "When the client is done, it closes the connection, and the server detects it and ends the loop.")
    static let note = Bilingual(
        es: "Todo esto ocurre en milisegundos y el canal TCP garantiza que los mensajes lleguen completos y en orden.",
        en: "All of this happens in milliseconds, and the TCP channel guarantees that the messages arrive complete and in order.")
}

/// Numbers as the debrief writes them: a no-break space keeps each with its unit.
enum Measure {
    static func time(_ ns: UInt64) -> String { unbroken(TimeText.duration(ns)) }
    static func total(_ ns: UInt64) -> String { unbroken(TimeText.total(ns)) }
    private static func unbroken(_ text: String) -> String { String(text.map { $0 == " " ? "\u{00A0}" : $0 }) }
    static func bytes(_ n: Int) -> String { "\(n)\u{00A0}bytes" }
}

/// Picks the sentence in the run's language.
struct Say {
    let language: Language
    func callAsFunction(_ es: String, _ en: String) -> String { language.pick(es: es, en: en) }
}
