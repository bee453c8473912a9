import TraceText
import TraceModel
/// The diagram's own words, in both languages.
struct DiagramWords {
    let style: DiagramStyle

    func title(_ side: Side) -> String {
        side == .left ? style.words("Cliente", "Client") : style.words("Servidor", "Server")
    }

    var timeHeading: String { style.words("tiempo", "time") }
    var durationHeading: String { style.words("duró", "took") }

    var ok: String { "ok" }
    var waitingForConnection: String { style.words("esperando un cliente", "waiting for a client") }

    /// `14 bytes`; `14 B` on a narrow diagram, so that every line says it the same way.
    func bytes(_ n: Int) -> String {
        if style.width < 80 { return "\(n) B" }
        return n == 1 ? "1 byte" : "\(n) bytes"
    }
    func port(_ p: String) -> String { style.words("puerto \(p)", "port \(p)") }
    func queue(_ n: UInt32) -> String { style.words("[cola: \(n)]", "[queue: \(n)]") }
    func sendCalls(_ n: Int) -> String { style.words("en \(n) send()", "in \(n) send()") }

    var ready: String { ready(1) }
    func ready(_ n: Int64) -> String { style.words("\(n) (listo)", "\(n) (ready)") }
    /// A print a program made in several writes.
    func writes(_ n: Int) -> String { style.words("(en \(n) write())", "(in \(n) write())") }
    func newThread(_ tid: String) -> String { style.words("hilo nuevo: tid \(tid)", "new thread: tid \(tid)") }
    func status(_ n: Int32) -> String { style.words("estado \(n)", "status \(n)") }
    /// A process ended by a signal, and the status a shell reports for it.
    func killed(by signal: String, coreDumped: Bool) -> String {
        let core = coreDumped ? style.words(", con volcado de memoria", ", core dumped") : ""
        return style.words("terminado por \(signal)\(core)", "killed by \(signal)\(core)")
    }
    var pollTimedOut: String { style.words("0 (se agotó el tiempo)", "0 (timed out)") }

    /// A wait's length as `poll` was given it: `500 ms`, `120 s`, `∞`.
    func milliseconds(_ ms: Int32) -> String {
        if ms < 0 { return style.words("sin límite", "no limit") }
        return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(ms) ms"
    }

    /// What the tool's own calls are for.
    var toStop: String { style.words("(para detener)", "(to stop)") }
    var cleanup: String { style.words("(limpieza al terminar)", "(cleanup at the end)") }
    /// A call that returned because the tool's stop shut its socket.
    var wokenByStop: String { style.words("(la despertó la parada)", "(woken by the stop)") }

    /// The tool stops the run, and why (`quit`, `interrupt`, a signal's name).
    func toolStop(reason: String?) -> String {
        let why: String?
        switch reason {
        case "quit"?: why = "q"
        case "interrupt"?: why = "Ctrl-C"
        case "end of input"?: why = style.words("fin de la entrada", "end of input")
        case "failure"?: why = style.words("un error", "an error")
        case "listen timeout"?: why = style.words("el servidor no llamó a listen() a tiempo", "the server did not call listen() in time")
        case "server outlived client"?: why = style.words("el servidor seguía tras terminar el cliente", "the server still ran after its client ended")
        case "start failure"?: why = style.words("un programa no pudo arrancar", "a program could not start")
        case let other?: why = other
        case nil: why = nil
        }
        let base = style.words("trace detiene la ejecución", "trace stops the run")
        return why.map { base + " (\($0))" } ?? base
    }

    /// The tool's guard gave up on a wait.
    func toolTimeout(call: String, milliseconds: Int32?) -> String {
        let limit = milliseconds.map { " " + style.words("más de", "more than") + " " + self.milliseconds($0) } ?? ""
        return style.words("trace: \(call) esperó\(limit): la ejecución se detiene",
                           "trace: \(call) waited\(limit): the run stops")
    }

    func closureDetected(short: Bool) -> String {
        short ? style.words("cierre detectado: break", "closure detected: break")
              : style.words("cierre detectado: sale del bucle (break)", "closure detected: leaves its loop (break)")
    }
}
