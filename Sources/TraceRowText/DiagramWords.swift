import TraceText
import TraceCore
import TraceModel

/// The diagram's own words, in both languages: the lifelines' titles, the headings, the words of rows.
public struct DiagramWords: Sendable {
    public let wording: Wording

    public init(_ wording: Wording) { self.wording = wording }

    public func title(_ side: Side) -> String {
        side == .left ? wording.words("Cliente", "Client") : wording.words("Servidor", "Server")
    }

    public var timeHeading: String { wording.words("tiempo", "time") }
    public var durationHeading: String { wording.words("duró", "took") }

    public var ok: String { "ok" }
    public var waitingForConnection: String { wording.words("esperando un cliente", "waiting for a client") }

    /// `14 bytes`; `14 B` on a narrow diagram, so that every line says it the same way.
    public func bytes(_ n: Int) -> String {
        if wording.compactBytes { return "\(n) B" }
        return n == 1 ? "1 byte" : "\(n) bytes"
    }
    public func port(_ p: String) -> String { wording.words("puerto \(p)", "port \(p)") }
    public func queue(_ n: UInt32) -> String { wording.words("[cola: \(n)]", "[queue: \(n)]") }
    public func sendCalls(_ n: Int) -> String { wording.words("en \(n) send()", "in \(n) send()") }

    public var ready: String { ready(1) }
    public func ready(_ n: Int64) -> String { wording.words("\(n) (listo)", "\(n) (ready)") }
    /// A print a program made in several writes.
    public func writes(_ n: Int) -> String { wording.words("(en \(n) write())", "(in \(n) write())") }
    public func newThread(_ tid: String) -> String { wording.words("hilo nuevo: tid \(tid)", "new thread: tid \(tid)") }
    public func status(_ n: Int32) -> String { wording.words("estado \(n)", "status \(n)") }
    /// A process ended by a signal, and the status a shell reports for it.
    public func killed(by signal: String, coreDumped: Bool) -> String {
        let core = coreDumped ? wording.words(", con volcado de memoria", ", core dumped") : ""
        return wording.words("terminado por \(signal)\(core)", "killed by \(signal)\(core)")
    }
    /// A failed call's explanation: the system's text in English, translated in Spanish.
    public func explanation(of error: TraceEvent.Failure) -> String {
        let text = ErrnoText.explanation(of: error.name, system: error.message, wording.language)
        return wording.ascii ? AsciiText.fold(text) : text
    }
    public var pollTimedOut: String { wording.words("0 (se agotó el tiempo)", "0 (timed out)") }

    /// A wait's length as `poll` was given it: `500 ms`, `120 s`, `∞`.
    public func milliseconds(_ ms: Int32) -> String {
        if ms < 0 { return wording.words("sin límite", "no limit") }
        return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(ms) ms"
    }

    /// What the tool's own calls are for.
    public var toStop: String { wording.words("(para detener)", "(to stop)") }
    public var cleanup: String { wording.words("(limpieza al terminar)", "(cleanup at the end)") }
    /// A call that returned because the tool's stop shut its socket.
    public var wokenByStop: String { wording.words("(la despertó la parada)", "(woken by the stop)") }

    /// The tool stops the run, and why (`quit`, `interrupt`, a signal's name).
    public func toolStop(reason: String?) -> String {
        let why: String?
        switch reason {
        case "quit"?: why = "q"
        case "interrupt"?: why = "Ctrl-C"
        case "end of input"?: why = wording.words("fin de la entrada", "end of input")
        case "failure"?: why = wording.words("un error", "an error")
        case "listen timeout"?: why = wording.words("el servidor no llamó a listen() a tiempo", "the server did not call listen() in time")
        case "server outlived client"?: why = wording.words("el servidor seguía tras terminar el cliente", "the server still ran after its client ended")
        case "start failure"?: why = wording.words("un programa no pudo arrancar", "a program could not start")
        case "output closed"?: why = wording.words("su salida se cerró", "its output was closed")
        case let other?: why = other
        case nil: why = nil
        }
        let base = wording.words("trace detiene la ejecución", "trace stops the run")
        return why.map { base + " (\($0))" } ?? base
    }

    /// The tool's guard gave up on a wait.
    public func toolTimeout(call: String, milliseconds: Int32?) -> String {
        let limit = milliseconds.map { " " + wording.words("más de", "more than") + " " + self.milliseconds($0) } ?? ""
        return wording.words("trace: \(call) esperó\(limit): la ejecución se detiene",
                           "trace: \(call) waited\(limit): the run stops")
    }

    public func closureDetected(short: Bool) -> String {
        short ? wording.words("cierre detectado: break", "closure detected: break")
              : wording.words("cierre detectado: sale del bucle (break)", "closure detected: leaves its loop (break)")
    }
}
