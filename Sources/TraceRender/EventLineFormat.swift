import TraceEvents

/// One readable line per event, for a live view of one side (`trace server`, `trace client`) or of a
/// merged recording: the time, who (with the connection's label, `#3 127.0.0.1:53122`), the call and
/// its outcome. Pure: the caller keeps the labels (`ConnectionLabels`) and writes the lines.
public struct EventLineFormat: Sendable {
    public var language: Language
    public var ascii: Bool
    public var color: Bool
    /// Lines longer than this are cut (with `…`); nil: no limit.
    public var width: Int?

    public init(language: Language, ascii: Bool = false, color: Bool = false, width: Int? = nil) {
        self.language = language
        self.ascii = ascii
        self.color = color
        self.width = width
    }

    /// The line for `event` (no newline), or nil for an event this view leaves out (the start of a
    /// call that does not wait).
    public func line(_ event: TraceEvent, label: String) -> String? {
        guard let what = describe(event) else { return nil }
        let millis = Double(event.time) / 1_000_000
        let time = String(Int(millis)) + "." + String(Int(millis * 1000) % 1000 + 1000).dropFirst() + " ms"
        let step = event.step.map { "  [\($0)]" } ?? ""
        var text = String(repeating: " ", count: max(0, 11 - time.count)) + time + "  " + label + "  " + what + step
        text = SafeText.sanitize(text)
        if let width, width > 1, text.count > width { text = String(text.prefix(width - 1)) + (ascii ? ">" : "…") }
        guard color else { return text }
        let failed = event.error != nil
        let code = failed ? 31 : (event.actor == .client ? 36 : (event.connection.map { 32 + $0 % 4 } ?? 33))
        return "\u{1B}[\(code)m" + text + "\u{1B}[0m"
    }

    /// Calls after which the TCP state says something (an unconnected socket is only `CLOSE`; after
    /// `accept` the state would be the listener's).
    static let showsState: Set<TraceEvent.Operation> = [.listen, .connect, .send, .sendall, .recv, .shutdown]

    private var arrow: String { ascii ? "->" : "→" }

    private func describe(_ e: TraceEvent) -> String? {
        let l = language
        switch e.phase {
        case .start:
            switch e.operation {
            case .accept: return l.pick(es: "accept() espera a un cliente…", en: "accept() waits for a client…")
            case .connect: return "connect(\(e.address ?? "?"))…"
            default: return nil
            }
        case .instant:
            switch e.operation {
            case .print: return "print(\"\(e.preview ?? "")\")" + count(e)
            case .peerClosed:
                return e.actor == .server
                    ? l.pick(es: "recv() devolvió 0 bytes: el cliente cerró; sale del bucle (break)",
                             en: "recv() returned 0 bytes: the client closed; leaves its loop (break)")
                    : l.pick(es: "recv() devolvió 0 bytes: el servidor cerró", en: "recv() returned 0 bytes: the server closed")
            default: return e.text ?? e.operation.rawValue
            }
        case .done:
            return call(e) + outcome(e)
        }
    }

    private func call(_ e: TraceEvent) -> String {
        switch e.operation {
        case .socket: return "socket()"
        case .setsockopt: return "setsockopt(\(e.option ?? "?"), \(e.optionValue.map(String.init) ?? "?"))"
        case .bind: return "bind(\(e.address ?? "?"))"
        case .listen: return "listen(\(e.backlog.map(String.init) ?? ""))"
        case .connect: return "connect(\(e.address ?? "?"))"
        case .send, .sendall: return "\(e.operation.rawValue)(\(e.requestedBytes.map(String.init) ?? "?") B)"
        case .recv: return "recv(\(e.requestedBytes.map(String.init) ?? "?"))"
        case .shutdown: return "shutdown(\(e.how ?? ""))"
        default: return "\(e.operation.rawValue)()"
        }
    }

    private func outcome(_ e: TraceEvent) -> String {
        if let error = e.error {
            return " \(ascii ? "x" : "✗") \(error.name) (\(error.message))"
        }
        var parts: [String] = []
        if let fd = e.newFD { parts.append("fd \(fd)") }
        if e.operation == .accept, let remote = e.remote { parts.append(remote) }
        if e.operation == .recv, let bytes = e.bytes {
            parts.append(bytes == 0 ? language.pick(es: "0 B (fin)", en: "0 B (end)") : "\(bytes) B")
        }
        if let preview = e.preview, !preview.isEmpty { parts.append("\"\(preview)\"") }
        if EventLineFormat.showsState.contains(e.operation), let state = e.tcp?.state { parts.append(state) }
        return parts.isEmpty ? "" : " \(arrow) " + parts.joined(separator: " ")
    }

    /// The real byte count when the preview was cut.
    private func count(_ e: TraceEvent) -> String {
        guard let bytes = e.bytes, e.preview?.hasSuffix("…") == true else { return "" }
        return language.pick(es: " (\(bytes) bytes en total)", en: " (\(bytes) bytes in all)")
    }
}

/// Who each line is about: `servidor`, `server #3 127.0.0.1:53122`, `client #3`. Remembers each
/// connection's peer from the first event that names it (the `accept`).
public struct ConnectionLabels: Sendable {
    public var language: Language
    private var peers: [Int: String] = [:]

    public init(language: Language) { self.language = language }

    public mutating func label(for event: TraceEvent) -> String {
        let actor = event.actor == .server ? language.pick(es: "servidor", en: "server")
            : event.actor == .client ? language.pick(es: "cliente", en: "client") : event.actor.rawValue
        guard let id = event.connection else { return actor }
        if peers[id] == nil, event.actor == .server, let remote = event.remote { peers[id] = remote }
        let peer = event.actor == .server ? peers[id].map { " " + $0 } ?? "" : ""
        return "\(actor) #\(id)\(peer)"
    }
}
