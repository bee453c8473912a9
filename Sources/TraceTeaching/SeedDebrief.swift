import TracePrograms
import TraceCore
import TraceText

/// The seed lesson's "¿Qué pasa detrás?" (What happens behind the scenes?) and its closing note,
/// told with what this run measured. A point whose measurement is missing (a recording cut short,
/// a system without TCP_INFO) is left out or said without the number; nothing is invented.
public enum SeedDebrief {
    /// The debrief for a run of the seed; `pacing` says whether the times include pauses (`--delay`) or
    /// the learner's reading time (`--step`).
    public static func make(_ run: RunMeasurements, language: Language, pacing: TraceHeader.Pacing = .free) -> Debrief {
        let say = Say(language: language)
        let points = [addresses(run, say), handshake(run, say), buffers(run, say, pacing: pacing), closure(run, say), overtaken(run, say)]
            .compactMap { $0 }
        return Debrief(heading: say("¿Qué pasa detrás?", "What happens behind the scenes?"), points: points,
                       note: note(run, say, pacing: pacing))
    }

    /// Whether a recording is a run of the seed (its nine steps, each by the seed's actor and call).
    public static func applies(to run: RunMeasurements) -> Bool {
        let expected: [(Int, TraceEvent.Actor, TraceEvent.Operation)] = [
            (1, .client, .connect), (2, .server, .accept), (3, .client, .sendall), (4, .server, .recv),
            (5, .server, .sendall), (6, .client, .recv), (7, .client, .print), (8, .client, .close), (9, .server, .recv),
        ]
        return expected.allSatisfy { run.done($0.1, $0.2, step: $0.0) != nil }
            && Set(run.events.compactMap(\.step)) == Set(1...9)
    }

    private static func addresses(_ run: RunMeasurements, _ say: Say) -> String? {
        guard let listening = run.listeningAddress.flatMap(Endpoint.init) else { return nil }
        let host = listening.host, port = listening.port
        var text = run.requestedPort == 0
            ? say("El servidor escucha en \(host), puerto \(port): al pedir el puerto 0 en bind(), el núcleo eligió uno libre.",
                  "The server listens on \(host), port \(port): asking bind() for port 0 let the kernel pick a free one.")
            : say("El servidor escucha en \(host), puerto \(port), el que pidió en bind().",
                  "The server listens on \(host), port \(port), the one it asked bind() for.")
        if let clientPort = run.clientAddress.flatMap(Endpoint.init)?.port {
            text += " " + say("El cliente también recibió un puerto del núcleo, el \(clientPort): dos direcciones y dos puertos identifican la conexión.",
                              "The client got a port from the kernel too, \(clientPort): two addresses and two ports identify the connection.")
        }
        return text
    }

    private static func handshake(_ run: RunMeasurements, _ say: Say) -> String? {
        guard let connect = run.done(.client, .connect, step: 1), connect.error == nil,
              let accept = run.done(.server, .accept, step: 2), accept.error == nil, let took = connect.duration
        else { return nil }
        let d = Measure.time(took)
        let established = connect.tcp?.state == .established
        var text = established
            ? say("connect() hizo el saludo de TCP (SYN, SYN-ACK, ACK) con el núcleo del servidor y volvió en \(d) con la conexión ya en ESTABLISHED",
                  "connect() did TCP's handshake (SYN, SYN-ACK, ACK) with the server's kernel and returned after \(d) with the connection already ESTABLISHED")
            : say("connect() hizo el saludo de TCP (SYN, SYN-ACK, ACK) con el núcleo del servidor y volvió en \(d)",
                  "connect() did TCP's handshake (SYN, SYN-ACK, ACK) with the server's kernel and returned after \(d)")
        text += connect.time <= accept.time
            ? say(", antes de que accept() volviera.", ", before accept() returned.")
            : say("; accept(), que esperaba, volvió en cuanto la conexión quedó hecha.",
                  "; accept(), which was waiting, returned as soon as the connection was made.")
        if let newFD = accept.newFD, let listener = accept.fd {
            text += " " + say("accept() no conecta: recoge de la cola una conexión ya hecha y da un socket nuevo, el fd \(newFD), solo para este cliente; el fd \(listener) sigue escuchando.",
                              "accept() does not connect: it takes a finished connection from the queue and gives a new socket, fd \(newFD), for this client alone; fd \(listener) keeps listening.")
        }
        return text
    }

    private static func buffers(_ run: RunMeasurements, _ say: Say, pacing: TraceHeader.Pacing) -> String? {
        guard let send = run.done(.client, .sendall, step: 3), send.error == nil, let sent = send.bytes,
              let sendTook = send.duration else { return nil }
        var text = say("sendall() no espera al otro programa: dejó los \(Measure.bytes(sent)) en el búfer del núcleo y volvió en \(Measure.time(sendTook)).",
                       "sendall() does not wait for the other program: it left the \(Measure.bytes(sent)) in the kernel's buffer and returned after \(Measure.time(sendTook)).")
        if let recv = run.done(.client, .recv, step: 6), recv.error == nil, let waited = recv.duration {
            text += " " + say("recv() sí espera: el cliente estuvo bloqueado \(Measure.time(waited)) en recv() hasta que llegó la respuesta",
                              "recv() does wait: the client was blocked in recv() for \(Measure.time(waited)) until the reply arrived")
            text += pacing == .stepped ? say(" (mientras leías las tarjetas de los pasos 4 y 5).", " (while you read the cards of steps 4 and 5).") : "."
        }
        return text
    }

    private static func closure(_ run: RunMeasurements, _ say: Say) -> String? {
        guard let closure = run.closure, closure.detectedBy == .server, closure.cause != nil else { return nil }
        var text = say("close() del cliente envió un FIN. El servidor lo supo porque recv() devolvió 0 bytes",
                       "The client's close() sent a FIN. The server learned it when recv() returned 0 bytes")
        if let state = closure.state { text += say(", con la conexión en \(state)", ", with the connection in \(state)") }
        text += closure.leftLoop
            ? say(": no es un mensaje vacío sino el fin de la conexión, y el programa sale de su bucle (break).",
                  ": not an empty message but the end of the connection, so the program leaves its loop (break).")
            : say(": no es un mensaje vacío sino el fin de la conexión.", ": not an empty message but the end of the connection.")
        return text
    }

    /// The server's view after its reply (step 5) taken once the client had already closed: the
    /// step shows the later state, which would puzzle without a word.
    private static func overtaken(_ run: RunMeasurements, _ say: Say) -> String? {
        guard let reply = run.done(.server, .sendall, step: 5), let state = reply.tcp?.state, state != .established,
              let close = run.done(.client, .close, step: 8), close.time &- (close.duration ?? 0) <= reply.time
        else { return nil }
        return say("Los dos programas corren a la vez: cuando el servidor miró su socket tras sendall() (paso 5), el cliente ya había cerrado, y por eso ese paso ya muestra \(state). La columna de tiempo da el orden real.",
                   "The two programs run at the same time: by the time the server looked at its socket after sendall() (step 5), the client had already closed, so that step already shows \(state). The time column gives the real order.")
    }

    private static func note(_ run: RunMeasurements, _ say: Say, pacing: TraceHeader.Pacing) -> String? {
        var sentences: [String] = []
        if let total = run.exchangeDuration {
            let t = Measure.total(total)
            if case .delay(let ms) = pacing, ms > 0 {
                sentences.append(say("Todo el intercambio, de connect() al cierre detectado, duró \(t), casi todo en las pausas pedidas con --delay.",
                                     "The whole exchange, from connect() to the detected closure, took \(t), nearly all of it in the pauses asked for with --delay."))
            } else if case .stepped = pacing {
                sentences.append(say("Todo el intercambio, de connect() al cierre detectado, duró \(t), casi todo esperando tus teclas: los tiempos de --step incluyen lo que tardaste en leer cada tarjeta.",
                                     "The whole exchange, from connect() to the detected closure, took \(t), nearly all of it waiting for your keys: times under --step include the time you took to read each card."))
            } else {
                sentences.append(total < 1_000_000
                    ? say("Todo el intercambio, de connect() al cierre detectado, duró \(t): menos de un milisegundo.",
                          "The whole exchange, from connect() to the detected closure, took \(t): less than a millisecond.")
                    : say("Todo el intercambio, de connect() al cierre detectado, duró \(t).",
                          "The whole exchange, from connect() to the detected closure, took \(t)."))
            }
        }
        let deliveries = run.deliveries
        if !deliveries.isEmpty {
            let counts = deliveries.map { String($0.sent) }.joined(separator: "\u{00A0}+\u{00A0}")
            if deliveries.allSatisfy({ $0.isComplete && $0.sameText != false }) {
                sentences.append(say("TCP entregó los \(counts)\u{00A0}bytes completos y en orden: lo que un lado envió es exactamente lo que el otro recibió.",
                                     "TCP delivered the \(counts)\u{00A0}bytes complete and in order: what one side sent is exactly what the other received."))
            } else {
                let received = deliveries.map { String($0.received) }.joined(separator: "\u{00A0}+\u{00A0}")
                sentences.append(say("Se enviaron \(counts)\u{00A0}bytes y recv() devolvió \(received)\u{00A0}bytes antes del final: lo demás quedó en el búfer del núcleo.",
                                     "\(counts)\u{00A0}bytes were sent and recv() returned \(received)\u{00A0}bytes before the end: the rest stayed in the kernel's buffer."))
            }
        }
        guard let first = sentences.first else { return nil }
        let opening = first.prefix(1).lowercased() + first.dropFirst()
        return say("Nota: ", "Note: ") + ([opening] + sentences.dropFirst()).joined(separator: " ")
    }
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
