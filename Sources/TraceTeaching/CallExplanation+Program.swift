import TraceProcess
import TracePrograms
import TraceSockets
import TraceText

extension CallExplanation {
    /// What a traced program's call does, told as the lesson's cards tell it (the same texts for the
    /// calls the lesson has), with the real system call beside the lesson's name where they differ
    /// (`accept() [accept4]`). `closesListener`: a `close` of the socket that was listening.
    public static func of(_ entry: SyscallEntry, _ l: Language, closesListener: Bool = false) -> CallExplanation {
        var explanation = lessonCall(entry, l, closesListener: closesListener) ?? otherCall(entry, l)
        if entry.call.name != entry.lessonName.name { explanation.call += " [\(entry.call.name)]" }
        return explanation
    }

    private static func lessonCall(_ entry: SyscallEntry, _ l: Language, closesListener: Bool) -> CallExplanation? {
        let a = entry.arguments
        let none = Facts(serverAddress: nil, host: "", port: 0)
        switch entry.lessonName {
        case .socket:
            return of(.socket, l, facts: none)
        case .setsockopt:
            guard let name = a.option?.name, let option = SocketOption(rawValue: name) else { return nil }
            var value: Int32 = 0
            switch a.optionValue {
            case .integer(let number)?: value = number
            case .linger(true, let seconds)?: value = seconds
            case .linger(false, _)?: value = -1
            default: break
            }
            return of(.setOption(option, value), l, facts: none)
        case .bind:
            guard let address = a.address else { return nil }
            return of(.bind(port: address.isWildcard ? .anyAddress : .runPort), l,
                      facts: Facts(serverAddress: nil, host: address.host, port: address.port))
        case .listen:
            return of(.listen(backlog: a.backlog ?? 0), l, facts: none)
        case .accept:
            return of(.accept, l, facts: none)
        case .connect:
            guard let address = a.address else { return nil }
            return of(.connect(to: .address(host: address.host, port: address.port)), l, facts: none)
        case .send:
            return send(count: a.byteCount ?? 0, l)
        case .recv:
            return of(.recv(maxBytes: a.byteCount ?? 0), l, facts: none)
        case .shutdown:
            let how: ShutdownHow
            switch a.shutdown {
            case .read?: how = .read
            case .write?: how = .write
            case .both?, nil: how = .both
            }
            return of(.shutdown(how), l, facts: none)
        case .close:
            return of(closesListener ? .closeListener : .close(), l, facts: none)
        case .getsockopt where a.option == .tcpInfo:
            return of(.tcpInfo(), l, facts: none)
        default:
            return nil
        }
    }

    /// The calls a real program makes around the lesson's.
    private static func otherCall(_ entry: SyscallEntry, _ l: Language) -> CallExplanation {
        let a = entry.arguments
        let option = a.option?.name ?? "?"
        switch entry.lessonName {
        case .getsockname, .getpeername:
            let whose = entry.lessonName == .getsockname ? l.pick(es: "su propia dirección y puerto", en: "its own address and port")
                                                          : l.pick(es: "la dirección y el puerto del otro extremo", en: "the other end's address and port")
            return CallExplanation(
                call: "\(entry.lessonName.name)()",
                program: l.pick(es: "pregunta al núcleo \(whose) en esta conexión (muchos lenguajes lo hacen solos, al crear su objeto socket).",
                                en: "asks the kernel for \(whose) on this connection (many languages do it by themselves, when they make their socket object)."),
                kernel: l.pick(es: "el núcleo responde con lo que ya sabe; no sale nada por la red.",
                               en: "the kernel answers with what it already knows; nothing goes out on the network."),
                terms: ["IP address", "port"])
        case .getsockopt where a.option == .error:
            return CallExplanation(
                call: "getsockopt(SO_ERROR)",
                program: l.pick(es: "pregunta si la conexión que empezó sin esperar (connect() no bloqueante) terminó bien: 0 si sí, o el error (ECONNREFUSED...).",
                                en: "asks whether the connection it started without waiting (a non-blocking connect()) went well: 0 if it did, or the error (ECONNREFUSED...)."),
                kernel: l.pick(es: "el núcleo ya hizo el saludo de tres vías por su cuenta y guardó el resultado en el socket.",
                               en: "the kernel already did the three-way handshake on its own and kept the result on the socket."),
                terms: ["connect", "three-way handshake", "errno"])
        case .setsockopt, .getsockopt:
            let value = a.optionValue.map { " = \($0)" } ?? ""
            return CallExplanation(
                call: "\(entry.lessonName.name)(\(option))",
                program: entry.lessonName == .setsockopt
                    ? l.pick(es: "ajusta la opción \(option)\(value) del socket.", en: "sets the socket's option \(option)\(value).")
                    : l.pick(es: "lee la opción \(option) del socket.", en: "reads the socket's option \(option)."),
                kernel: l.pick(es: "el núcleo anota o consulta la opción en el socket; no sale nada por la red.",
                               en: "the kernel records or reads the option on the socket; nothing goes out on the network."),
                terms: ["socket"])
        case .poll, .select, .epollWait:
            let limit = a.timeout.map { timeout -> String in
                if case .forever = timeout { return l.pick(es: "sin límite de tiempo", en: "with no time limit") }
                return l.pick(es: "como mucho \(timeout)", en: "at most \(timeout)")
            } ?? ""
            return CallExplanation(
                call: "\(entry.lessonName.name)()",
                program: l.pick(es: "espera, \(limit), a que alguno de sus sockets esté listo: datos que leer, sitio para escribir, una conexión terminada. Así un programa atiende varios sockets sin bloquearse en uno.",
                                en: "waits, \(limit), until one of its sockets is ready: data to read, room to write, a connection completed. That is how a program serves several sockets without blocking on one."),
                kernel: l.pick(es: "el núcleo lo despierta en cuanto uno lo esté (o al acabarse el tiempo).",
                               en: "the kernel wakes it as soon as one is (or when the time is up)."),
                terms: ["socket", "buffer"])
        case .epollCtl:
            return CallExplanation(
                call: "epoll_ctl(\(a.epollOperation?.description ?? "?"))",
                program: l.pick(es: "apunta (o borra) el socket en su lista de epoll: los sockets por los que epoll_wait() esperará.",
                                en: "adds (or removes) the socket in its epoll list: the sockets epoll_wait() will wait for."),
                kernel: l.pick(es: "el núcleo guarda la lista; no sale nada por la red.", en: "the kernel keeps the list; nothing goes out on the network."),
                terms: ["socket", "file descriptor"])
        case .fcntl:
            return CallExplanation(
                call: "fcntl(\(a.fcntlCommand?.description ?? "?"))",
                program: l.pick(es: "cambia o consulta los indicadores del descriptor; con O_NONBLOCK, el socket deja de bloquear: una llamada que tendría que esperar vuelve enseguida con EAGAIN (o EINPROGRESS en connect).",
                                en: "changes or reads the descriptor's flags; with O_NONBLOCK the socket stops blocking: a call that would have to wait returns at once with EAGAIN (or EINPROGRESS for connect)."),
                kernel: l.pick(es: "el núcleo anota el modo del descriptor.", en: "the kernel records the descriptor's mode."),
                terms: ["file descriptor", "errno"])
        case .dup:
            return CallExplanation(
                call: "dup()",
                program: l.pick(es: "copia el descriptor: dos números para el mismo socket.", en: "copies the descriptor: two numbers for the same socket."),
                kernel: l.pick(es: "el socket solo se cierra cuando se cierran todas sus copias.", en: "the socket is closed only once every copy is closed."),
                terms: ["file descriptor"])
        default:
            return CallExplanation(
                call: "\(entry.lessonName.name)()",
                program: l.pick(es: "una llamada al sistema sobre el socket.", en: "a system call on the socket."),
                kernel: l.pick(es: "el núcleo la atiende.", en: "the kernel handles it."),
                terms: ["socket"])
        }
    }
}
