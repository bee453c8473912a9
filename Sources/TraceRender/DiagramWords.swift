/// The diagram's own words, in both languages.
struct DiagramWords {
    let style: DiagramStyle

    func title(_ side: DiagramSide) -> String {
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

    func closureDetected(short: Bool) -> String {
        short ? style.words("cierre detectado: break", "closure detected: break")
              : style.words("cierre detectado: sale del bucle (break)", "closure detected: leaves its loop (break)")
    }
}
