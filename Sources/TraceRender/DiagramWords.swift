/// The diagram's own words, in both languages.
struct DiagramWords {
    let style: DiagramStyle

    func title(_ side: DiagramSide) -> String {
        side == .left ? style.words("Cliente", "Client") : style.words("Servidor", "Server")
    }

    var timeHeading: String { style.words("tiempo", "time") }
    var durationHeading: String { style.words("duró", "took") }

    var ok: String { "ok" }
    var waitingForConnection: String { style.words("esperando una conexión", "waiting for a connection") }

    func bytes(_ n: Int) -> String { style.words(n == 1 ? "1 byte" : "\(n) bytes", n == 1 ? "1 byte" : "\(n) bytes") }
    func port(_ p: String) -> String { style.words("puerto \(p)", "port \(p)") }
    func queue(_ n: UInt32) -> String { style.words("[cola: \(n)]", "[queue: \(n)]") }
    func sendCalls(_ n: Int) -> String { style.words("en \(n) send()", "in \(n) send()") }

    func closureDetected(short: Bool) -> String {
        short ? style.words("cierre detectado: break", "closure detected: break")
              : style.words("cierre detectado: sale del bucle (break)", "closure detected: leaves its loop (break)")
    }
}
