import TraceCore
import TracePrograms
import TraceSockets
import TraceText

/// The cards' explanations for a recording's calls: each recorded call read back as the scenario call
/// it was (`bind(127.0.0.1:0)` is a bind to the run's port 0; a refused `connect` one to a port where
/// nobody listens; the `close` of a socket that listened closes the listener), then told with
/// `CallExplanation`'s words. Works for any recording, with or without a lesson behind it.
public enum RecordedCalls {
    /// One entry per event, in the recording's order: nil for what no card explains (the tool's own
    /// actions, a detected closure, a `poll`).
    public static func explanations(of events: [TraceEvent], language: Language) -> [CallExplanation?] {
        var listening: Set<Socket> = []
        var facts = CallExplanation.Facts(serverAddress: nil, host: "127.0.0.1", port: 0)
        return events.map { e in
            guard e.origin == nil, e.actor != .tool else { return nil }
            let socket = e.fd.map { Socket(actor: e.actor, pid: e.pid, fd: $0) }
            if e.operation == .listen, e.phase == .done, e.error == nil, let socket { listening.insert(socket) }
            if e.operation == .listen, let local = e.local { facts.serverAddress = local }
            if e.operation == .bind, let asked = e.address.flatMap(Endpoint.init) {
                facts.host = asked.host
                facts.port = UInt16(clamping: asked.port)
            }
            var isListener = false
            if e.operation == .close, let socket { isListener = listening.remove(socket) != nil }
            guard let call = call(of: e, closesListener: isListener) else { return nil }
            return CallExplanation.of(call, language, facts: facts)
        }
    }

    /// A program's socket: its descriptor, in its process.
    private struct Socket: Hashable {
        let actor: TraceEvent.Actor
        let pid: Int32?
        let fd: Int32
    }

    private static func call(of e: TraceEvent, closesListener: Bool) -> Scenario.Call? {
        switch e.operation {
        case .socket: return .socket
        case .setsockopt:
            guard let option = e.option.flatMap(SocketOption.init(rawValue:)) else { return nil }
            return .setOption(option, e.optionValue ?? 0)
        case .bind:
            let host = e.address.flatMap(Endpoint.init)?.host
            return .bind(port: host == "0.0.0.0" || host == "::" ? .anyAddress : .runPort)
        case .listen: return .listen(backlog: e.backlog ?? 0)
        case .accept: return .accept
        case .connect:
            if e.error?.name == "ECONNREFUSED" { return .connect(to: .closedPort) }
            guard let target = e.address.flatMap(Endpoint.init) else { return nil }
            return .connect(to: .address(host: target.host, port: UInt16(clamping: target.port)))
        case .send: return .send(payload(of: e))
        case .sendall: return .sendAll(payload(of: e))
        case .recv: return .recv(maxBytes: e.requestedBytes ?? 0)
        case .print: return .print
        case .shutdown:
            switch e.how {
            case "SHUT_WR"?: return .shutdown(.write)
            case "SHUT_RD"?: return .shutdown(.read)
            case "SHUT_RDWR"?: return .shutdown(.both)
            default: return nil
            }
        case .close: return closesListener ? .closeListener : .close()
        case .tcpInfo: return .tcpInfo(until: e.kernelCondition)
        default: return nil
        }
    }

    /// The bytes sent, from the recording's escaped preview. A preview is cut at 96 bytes (it ends with
    /// `…` and says fewer bytes than were sent); the card quotes only the first 40 and the count, so
    /// the bytes it never shows are filled in to make the count the recorded one.
    private static func payload(of e: TraceEvent) -> Scenario.Payload {
        let sent = e.bytes ?? e.requestedBytes ?? 0
        guard let preview = e.preview else { return .bytes([UInt8](repeating: 0x20, count: sent)) }
        var bytes = SafeText.unescape(preview)
        if bytes.count != sent, preview.hasSuffix("…") {
            bytes = SafeText.unescape(String(preview.dropLast()))
        }
        if bytes.count < sent { bytes += [UInt8](repeating: 0x20, count: sent - bytes.count) }
        return .bytes(bytes)
    }
}
