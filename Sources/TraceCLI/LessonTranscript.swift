import TraceEvents
import TraceRender

/// A lesson's run as plain lines, one per finished call or program moment: the step, who, what came
/// back and the kernel's state. A stand-in until `trace lesson` draws the live diagram `trace demo`
/// draws.
enum LessonTranscript {
    static func lines(_ events: [TraceEvent], _ l: Language, width: Int) -> [String] {
        events.filter { $0.phase != .start }.map { e in
            let step = e.step.map { "[\($0)]" } ?? ""
            let who = e.actor.rawValue + (e.connection.map { " \($0)" } ?? "")
            let head = step.padding(toLength: 5, withPad: " ", startingAt: 0) + who.padding(toLength: 10, withPad: " ", startingAt: 0)
            var line = head + e.operation.rawValue + " " + outcome(e, l)
            if let state = e.tcp?.state { line += " · " + state }
            if let queue = e.tcp?.acceptQueue, e.operation != .listen { line += " · " + l.pick(es: "cola \(queue)", en: "queue \(queue)") }
            return DisplayWidth.truncate(line, to: max(20, width), ellipsis: "…")
        }
    }

    private static func outcome(_ e: TraceEvent, _ l: Language) -> String {
        if let error = e.error { return "✗ \(error.name) (\(error.message))" }
        switch e.operation {
        case .connect: return "→ " + (e.local ?? "?") + " ⇄ " + (e.remote ?? "?")
        case .accept: return "→ fd \(e.newFD.map(String.init) ?? "?") ⇄ " + (e.remote ?? "?")
        case .bind: return "→ " + (e.local ?? "?")
        case .send, .sendall:
            let calls = e.sendCalls.map { l.pick(es: ", \($0) send()", en: ", \($0) send()") } ?? ""
            return "\(e.bytes ?? 0) bytes\(calls)" + (e.preview.map { " \"\($0)\"" } ?? "")
        case .recv:
            if e.bytes == 0 { return l.pick(es: "0 bytes: el otro lado cerró", en: "0 bytes: the other side closed") }
            return "\(e.bytes ?? 0) bytes" + (e.preview.map { " \"\($0)\"" } ?? "")
        case .print: return "\"\(e.preview ?? "")\""
        case .peerClosed: return l.pick(es: "(sale del bucle)", en: "(leaves its loop)")
        case .tcpInfo: return e.text ?? ""
        default: return "ok"
        }
    }
}
