import TraceCore
import TraceProcess
import TraceText

/// What `trace run` says in its own words: its title, and each way a run can fail, in one line.
enum RunText {
    static func title(_ programs: ProgramTrace.Programs, language l: Language) -> String {
        switch programs {
        case .pair(let server, let client):
            return l.pick(es: "Tus programas, trazados por el núcleo: el servidor `\(line(server))` y el cliente `\(line(client))`; cada llamada de red, en directo.",
                          en: "Your programs, traced by the kernel: the server `\(line(server))` and the client `\(line(client))`; every network call, live.")
        case .single(let command, _):
            return l.pick(es: "`\(line(command))`, trazado por el núcleo: cada llamada de red, en directo.",
                          en: "`\(line(command))`, traced by the kernel: every network call, live.")
        }
    }

    /// A command line as it may be shown: its words, quoted where a shell would need it, made safe.
    static func line(_ words: [String]) -> String {
        words.map { word in
            let plain = !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=,+@{}".contains($0) }
            return SafeWord.of(plain ? word : "'" + word + "'", limit: 80)
        }.joined(separator: " ")
    }

    static func startFailure(_ error: ProcessTraceError, role who: String?, language l: Language) -> String {
        let role = who.map { $0 + ": " } ?? ""
        switch error {
        case .commandNotFound(let name):
            return l.pick(es: "\(role)\(SafeWord.of(name, limit: 300)): no se encuentra esa orden", en: "\(role)\(SafeWord.of(name, limit: 300)): command not found")
        case .notExecutable(let path, let errno):
            return l.pick(es: "\(role)\(SafeWord.of(path, limit: 300)): no se puede ejecutar (\(errno.name): \(ErrnoText.explanation(of: errno.name, system: errno.message, .es)))",
                          en: "\(role)\(SafeWord.of(path, limit: 300)): cannot run it (\(errno.name): \(errno.message))")
        case .ptraceRefused(let errno, let cause):
            return l.pick(es: "el núcleo no deja trazar el programa (ptrace: \(errno.name)): \(refusal(cause, .es))",
                          en: "the kernel refused to trace the program (ptrace: \(errno.name)): \(refusal(cause, .en))")
        case .unsupportedPlatform:
            return unsupported(l)
        case .emptyCommand:
            return l.pick(es: "falta la orden que ejecutar", en: "no command to run")
        case .setupFailed, .alreadyStarted:
            return role + error.description
        }
    }

    private static func refusal(_ cause: PtraceRefusal, _ l: Language) -> String {
        switch (cause, l) {
        case (.yamaScopeThree, .es):
            return "kernel.yama.ptrace_scope vale 3, que prohíbe trazar cualquier proceso. Solo un administrador puede permitirlo, reiniciando con un valor menor (kernel.yama.ptrace_scope = 1 en /etc/sysctl.d)."
        case (.alreadyTraced, .es):
            return "trace ya está siendo trazado (strace, gdb), y un proceso solo puede tener un trazador. Ejecuta trace sin el otro trazador."
        case (.forbidden, .es):
            return "este sistema (un contenedor, o un perfil de seccomp o LSM) no permite ptrace. Ejecuta el contenedor con ptrace permitido (docker/podman: --cap-add=SYS_PTRACE, o --security-opt seccomp=unconfined)."
        default:
            return cause.explanation + " " + cause.remedy
        }
    }

    static func unsupported(_ l: Language) -> String {
        l.pick(es: "trace run: trazar otro programa solo funciona en Linux", en: "trace run: tracing another program works on Linux only")
    }

    static func neverListened(seconds: Int, _ l: Language) -> String {
        l.pick(es: "el servidor no llamó a listen() en \(seconds) s (--listen-timeout \(seconds)): se ha detenido; comprueba que escucha en un puerto TCP",
               en: "the server did not call listen() within \(seconds) s (--listen-timeout \(seconds)): it was stopped; check that it listens on a TCP port")
    }

    static func endedBeforeListening(_ status: Int32, _ l: Language) -> String {
        l.pick(es: "el servidor terminó (estado \(status)) sin llamar a listen(): el cliente no se ha ejecutado",
               en: "the server ended (status \(status)) without calling listen(): the client was not run")
    }

    static func serverOutlivedClient(seconds: Int, _ l: Language) -> String {
        l.pick(es: "el servidor seguía en marcha \(seconds) s después de terminar el cliente: trace lo ha detenido",
               en: "the server was still running \(seconds) s after the client ended: trace stopped it")
    }
}
