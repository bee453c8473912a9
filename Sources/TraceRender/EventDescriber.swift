import TraceEvents

/// What one line of the diagram shows: which lifeline, a label or an arrow, the step and the times.
struct LineDraft: Sendable {
    enum Shape: Sendable {
        case label
        /// From `side` to the other lifeline; `tag` (`FIN`) rides on the arrow.
        case outgoing(tag: String?)
        /// From the other lifeline to `side` (a one-sided view, where the peer is not traced).
        case incoming(tag: String?)
    }

    var side: DiagramSide
    var shape: Shape
    var label: Label
    var step: Int?
    var time: UInt64
    var duration: UInt64?
}

/// Turns events into line drafts, in display order, remembering what it needs across lines: which
/// descriptors are connected (their `close` sends a FIN) and the last TCP state shown for each.
struct EventDescriber: Sendable {
    let style: DiagramStyle
    private let words: DiagramWords
    private var connected: Set<SocketKey> = []
    private var lastState: [SocketKey: String] = [:]
    /// Each numbered connection's client address (`127.0.0.1:53122`), from its `accept` or `connect`,
    /// so that every line about it says whose it is: `#3 127.0.0.1:53122`.
    private var endpoints: [ConnectionKey: String] = [:]

    private struct ConnectionKey: Hashable, Sendable {
        let actor: TraceEvent.Actor
        let connection: Int
    }
    /// Connections set to `SO_LINGER` 0: their `close` sends an RST, not a FIN.
    private var resets: Set<SocketKey> = []

    private struct SocketKey: Hashable, Sendable {
        let actor: TraceEvent.Actor
        let connection: Int?
        let fd: Int32
    }

    init(style: DiagramStyle) {
        self.style = style
        self.words = DiagramWords(style: style)
    }

    private var glyphs: Glyphs { style.glyphs }

    /// The line for a blocking call that has started and waits (the server's `accept()`).
    func waiting(_ e: TraceEvent) -> LineDraft {
        var label = prefixed(e)
        label.add("\(e.operation.rawValue)()", DiagramSide(e.actor).tone)
        label.add(" " + glyphs.ellipsis, .faint)
        label.add(" " + words.waitingForConnection, .faint, dropAt: Label.dropsExtras)
        return LineDraft(side: DiagramSide(e.actor), shape: .label, label: label, step: nil, time: e.time)
    }

    mutating func draft(_ e: TraceEvent) -> LineDraft? {
        noteEndpoint(of: e)
        switch e.phase {
        case .start: return nil
        case .instant: return instant(e)
        case .done: return done(e)
        }
    }

    // MARK: - Instants

    private func instant(_ e: TraceEvent) -> LineDraft {
        let side = DiagramSide(e.actor)
        var label = prefixed(e)
        switch e.operation {
        case .print:
            label.add("print(", side.tone)
            if let preview = e.preview { label.addPayload(style.outside(preview)) }
            label.add(")", side.tone)
        case .peerClosed:
            label.add(words.closureDetected(short: false), side.tone, short: words.closureDetected(short: true))
        case .note:
            label.add(style.outside(e.text ?? ""), .faint)
        case .tcpInfo:
            // The program asked the kernel for its view: what it waited for, then the state.
            label.add("getsockopt(TCP_INFO)", side.tone, short: "TCP_INFO")
            if let queue = e.tcp?.acceptQueue {
                label.add(" " + words.queue(queue), .stateSteady)
            } else if let received = e.tcp?.bytesReceived, e.text?.hasPrefix("received") == true {
                label.add(" " + glyphs.result + " " + style.words("recibidos: ", "received: ") + words.bytes(Int(received)), .plain)
            }
            if let state = e.tcp?.state, state != "LISTEN" {
                let closing = ["CLOSE_WAIT", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "LAST_ACK", "CLOSING", "CLOSE"].contains(state)
                label.add(" [\(style.outside(state))]", closing ? .stateClosing : .stateChanged, dropAt: Label.dropsState)
            }
        default:
            label.add(style.outside(e.operation.rawValue), side.tone)
            if let text = e.text { label.add(": " + style.outside(text), .faint) }
        }
        return LineDraft(side: side, shape: .label, label: label, step: e.step, time: e.time)
    }

    // MARK: - Calls

    private mutating func done(_ e: TraceEvent) -> LineDraft {
        let side = DiagramSide(e.actor)
        let tone = side.tone
        let r = " " + glyphs.result + " "
        var label = prefixed(e)
        var shape = LineDraft.Shape.label
        let failed = e.error != nil
        let peerTraced = style.view.traces(side.other)
        let key = e.fd.map { SocketKey(actor: e.actor, connection: e.connection, fd: $0) }

        switch e.operation {
        case .socket:
            let family = e.family.map { $0 == "ipv6" ? "AF_INET6, SOCK_STREAM" : "AF_INET, SOCK_STREAM" } ?? ""
            label.add("socket(\(family))", tone, short: "socket()")
            if !failed, let fd = e.newFD { label.add(r + "fd \(fd)", .plain) }
        case .setsockopt:
            let value = e.optionValue.map { ", \($0)" } ?? ""
            label.add("setsockopt(\(style.outside(e.option ?? "?"))\(value))", tone)
            if !failed { label.add(r + words.ok, .plain, dropAt: Label.dropsExtras) }
            if !failed, e.option == "SO_LINGER", let key {
                if e.optionValue == 0 { resets.insert(key) } else { resets.remove(key) }
            }
        case .bind:
            label.add("bind(\(style.outside(e.address ?? "")))", tone, short: "bind()")
            if !failed {
                let chosen = port(of: e.local)
                label.add(r + (chosen != nil && chosen != port(of: e.address) ? words.port(chosen!) : words.ok), .plain)
            }
        case .listen:
            label.add("listen(\(e.backlog.map(String.init) ?? ""))", tone)
            if !failed { label.add(r + words.ok, .plain, dropAt: Label.dropsExtras) }
        case .accept:
            label.add("accept()", tone)
            if !failed, let fd = e.newFD {
                label.add(r + "fd \(fd)", .plain)
                connected.insert(SocketKey(actor: e.actor, connection: e.connection, fd: fd))
                if let remote = e.remote, e.connection == nil {
                    label.add(" (" + style.outside(remote) + ")", .faint, dropAt: Label.dropsExtras)
                }
            }
            if let queue = e.tcp?.acceptQueue, queue > 0 { label.add(" " + words.queue(queue), .stateSteady, dropAt: Label.dropsState) }
            if !peerTraced && !failed { shape = .incoming(tag: nil) }
        case .connect:
            label.add("connect(\(style.outside(e.address ?? "")))", tone, short: "connect()")
            if !failed { label.add(r + words.ok, .plain) }
            if !failed, let key { connected.insert(key) }
            shape = .outgoing(tag: nil)
        case .send, .sendall:
            label.add(e.operation.rawValue + "(", tone)
            if let preview = e.preview { label.addPayload(style.outside(preview)) }
            else if let asked = e.requestedBytes { label.add(words.bytes(asked), .plain) }
            label.add(")", tone)
            if !failed, let n = e.bytes {
                label.add(r + words.bytes(n), .plain, short: r + "\(n) B")
                if let calls = e.sendCalls, calls > 1 { label.add(" " + words.sendCalls(calls), .faint, dropAt: Label.dropsExtras) }
            }
            if !failed { shape = .outgoing(tag: nil) }
        case .recv:
            label.add("recv(\(e.requestedBytes.map(String.init) ?? ""))", tone)
            if !failed, let n = e.bytes {
                label.add(r + words.bytes(n), .plain, short: r + "\(n) B")
                if !peerTraced { shape = .incoming(tag: n == 0 ? "FIN" : nil) }
            }
        case .shutdown:
            label.add("shutdown(\(style.outside(e.how ?? "")))", tone)
            if !failed {
                label.add(r + words.ok, .plain, dropAt: Label.dropsExtras)
                if e.how != "SHUT_RD" { shape = .outgoing(tag: "FIN") }
            }
        case .close:
            label.add("close(" + (e.fd.map { "fd \($0)" } ?? "") + ")", tone, short: "close()")
            if !failed { label.add(r + words.ok, .plain, dropAt: Label.dropsExtras) }
            // A connection the kernel already ended (an RST came: state CLOSE) sends nothing more.
            let ended = key.flatMap { lastState[$0] } == style.outside("CLOSE")
            if !failed, let key, connected.remove(key) != nil, !ended { shape = .outgoing(tag: resets.contains(key) ? "RST" : "FIN") }
            if let key {
                lastState[key] = nil
                resets.remove(key)
            }
        default:
            let argument = e.address.map(style.outside) ?? ""
            label.add(style.outside(e.operation.rawValue) + "(" + argument + ")", tone)
            if !failed {
                label.add(r + (e.bytes.map(words.bytes) ?? words.ok), .plain)
            }
        }

        if let error = e.error {
            label.add(r + style.outside(error.name), .error)
            label.add(" (" + style.outside(error.message) + ")", .faint, dropAt: Label.dropsExtras)
        }
        addState(of: e, key: key, to: &label)
        // A closed connection's label is no longer needed: a server running for days keeps none.
        if e.operation == .close, let connection = e.connection { endpoints[ConnectionKey(actor: e.actor, connection: connection)] = nil }
        return LineDraft(side: side, shape: shape, label: label, step: e.step, time: e.time, duration: e.duration)
    }

    /// `[ESTABLISHED]`: bright when the socket has just entered the state, faint when it was already
    /// in it; a closing state (`CLOSE_WAIT`) always stands out. A socket not yet connected (`CLOSE`
    /// after `socket()`) and a listener's view after `accept()` say nothing worth a place.
    private mutating func addState(of e: TraceEvent, key: SocketKey?, to label: inout Label) {
        guard let state = e.tcp?.state, e.operation != .accept else { return }
        if state == "CLOSE", [.socket, .setsockopt, .bind, .connect].contains(e.operation) { return }
        let shown = style.outside(state)
        let changed = key.map { lastState[$0] != shown } ?? true
        if let key { lastState[key] = shown }
        let closing = ["CLOSE_WAIT", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "LAST_ACK", "CLOSING", "CLOSE"].contains(shown)
        let tone: Tone = closing ? .stateClosing : (changed ? .stateChanged : .stateSteady)
        label.add(" [\(shown)]", tone, dropAt: changed ? Label.dropsState : Label.dropsSteadyState)
    }

    /// A connection's number and client address (`#3 127.0.0.1:53122 `), when the run has several;
    /// the address gives way first on a narrow line.
    private func prefixed(_ e: TraceEvent) -> Label {
        var label = Label()
        guard let connection = e.connection else { return label }
        label.add("#\(connection)", .faint)
        if let endpoint = endpoints[ConnectionKey(actor: e.actor, connection: connection)] {
            label.add(" " + style.outside(endpoint), .faint, dropAt: Label.dropsExtras)
        }
        label.add(" ", .faint)
        return label
    }

    /// The client's address, as the server's `accept` or the client's own `connect` reports it (in a
    /// merged recording both ends of a connection carry the same number).
    private mutating func noteEndpoint(of e: TraceEvent) {
        guard e.phase == .done, e.error == nil, let connection = e.connection else { return }
        let key = ConnectionKey(actor: e.actor, connection: connection)
        guard endpoints[key] == nil else { return }
        switch e.operation {
        case .accept: endpoints[key] = e.remote
        case .connect: endpoints[key] = e.local
        default: break
        }
    }

    private func port(of address: String?) -> String? {
        guard let address, let colon = address.lastIndex(of: ":") else { return nil }
        let port = address[address.index(after: colon)...]
        return port.allSatisfy(\.isNumber) && !port.isEmpty ? String(port) : nil
    }
}
