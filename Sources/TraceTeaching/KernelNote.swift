import TraceCore
import TracePrograms
import TraceText
import TraceSockets

/// What the kernel has already done before the program makes its next call, read from the kernel
/// at that moment (never assumed): the handshake completed before `accept()`, the message waiting
/// in the receive buffer before `recv()`, the FIN that tells the server of the closure.
enum KernelNote {
    static func before(_ call: Scenario.Call, actor: String, run: ScenarioRun, language l: Language) -> String? {
        switch call {
        case .accept:
            guard let queued = run.probe(actor).listener?.acceptQueue else { return nil }
            return listenQueue(queued, l)
        case .recv:
            let probe = run.probe(actor)
            guard let readable = probe.readableBytes else { return nil }
            return receiveBuffer(readable: readable, state: probe.connection?.state, l)
        case .connect(.actor(let server)):
            guard run.probe(server).listener?.state == .listen else { return nil }
            return serverListening(l)
        default:
            return nil
        }
    }

    /// Before `accept()`: what waits in the listen queue.
    static func listenQueue(_ queued: UInt32, _ l: Language) -> String {
        if queued > 0 {
            return l.pick(es: "Ya lo hizo el núcleo: la conexión del cliente está completa y espera en la cola de listen (en cola: \(queued)). accept() solo tiene que recogerla: no esperará.",
                          en: "The kernel already did it: the client's connection is complete and waits in the listen queue (queued: \(queued)). accept() only has to pick it up: it will not wait.")
        }
        return l.pick(es: "La cola de listen está vacía: accept() esperará (se bloqueará) hasta que un cliente se conecte.",
                      en: "The listen queue is empty: accept() will wait (block) until a client connects.")
    }

    /// Before `recv()`: what waits in the receive buffer, or the FIN that already came.
    static func receiveBuffer(readable: Int, state: TCPState?, _ l: Language) -> String {
        if readable > 0 {
            return l.pick(es: "Ya lo hizo el núcleo: \(readable) bytes esperan en el búfer de recepción; recv() los toma sin esperar.",
                          en: "The kernel already did it: \(readable) bytes are waiting in the receive buffer; recv() takes them without waiting.")
        }
        if state == .closeWait {
            return l.pick(es: "Ya lo hizo el núcleo: llegó el FIN del otro lado y el socket está en CLOSE_WAIT. recv() devolverá 0 bytes enseguida: así se entera el programa del cierre.",
                          en: "The kernel already did it: the other side's FIN arrived and the socket is in CLOSE_WAIT. recv() will return 0 bytes at once: that is how the program learns of the closure.")
        }
        return l.pick(es: "Todavía no ha llegado nada: recv() esperará.", en: "Nothing has arrived yet: recv() will wait.")
    }

    /// Before the client's `connect()`, when the server already listens.
    static func serverListening(_ l: Language) -> String {
        l.pick(es: "El servidor ya escucha: su núcleo contestará al SYN por su cuenta, aunque su programa todavía no haya llamado a accept().",
               en: "The server is already listening: its kernel will answer the SYN by itself, even though its program has not called accept() yet.")
    }
}
