import TraceCore
import TraceText
import TracePrograms
/// Turns parsed scenario lines into a `Scenario`, refusing scripts that cannot run: labels that do
/// not exist yet, steps that go backwards, an `accept` with nothing listening, a `send` before any
/// connection.
enum ScenarioChecks {
    struct Problem {
        let line: Int
        let text: Bilingual
    }

    /// `server…` names a server, `client…` a client; nil for any other name.
    static func role(of name: String) -> Scenario.Actor.Role? {
        guard name.count <= 32, name.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "_" }) else {
            return nil
        }
        if name.hasPrefix("server") { return .server }
        if name.hasPrefix("client") { return .client }
        return nil
    }

    static func build(_ lines: [ParsedAction], id: String) -> (Scenario?, [Problem]) {
        var problems: [Problem] = []
        guard !lines.isEmpty else {
            return (nil, [Problem(line: 0, text: Bilingual(es: "el escenario no tiene acciones", en: "the scenario has no actions"))])
        }
        var actors: [Scenario.Actor] = []
        var labels: [String: Int] = [:]
        var actions: [Scenario.Action] = []
        var lastStep = 0
        var done: [String: Set<String>] = [:]
        let listeners = Set(lines.filter { if case .listen = $0.call { return true } else { return false } }.map(\.actor))
        let binders = Set(lines.filter { if case .bind = $0.call { return true } else { return false } }.map(\.actor))

        for (index, line) in lines.enumerated() {
            func problem(_ es: String, _ en: String) { problems.append(Problem(line: line.line, text: Bilingual(es: es, en: en))) }
            let role = role(of: line.actor) ?? .client
            if !actors.contains(where: { $0.name == line.actor }) { actors.append(Scenario.Actor(line.actor, role: role)) }

            var after: [Int] = []
            for name in line.after {
                if let earlier = labels[name] {
                    after.append(earlier)
                } else {
                    problem("ninguna línea anterior lleva la etiqueta '\(name)' (as \(name))", "no earlier line is labelled '\(name)' (as \(name))")
                }
            }
            if let label = line.label {
                if labels[label] != nil { problem("la etiqueta '\(label)' se usa dos veces", "the label '\(label)' is used twice") }
                labels[label] = index
            }
            if let step = line.step {
                if step < lastStep {
                    problem("el paso \(step) va después del paso \(lastStep): los pasos nunca retroceden",
                            "step \(step) comes after step \(lastStep): steps never go back")
                }
                lastStep = max(lastStep, step)
            }
            let history = done[line.actor, default: []]
            if let need = requirement(of: line.call, role: role, history: history, listeners: listeners, binders: binders, actor: line.actor) {
                problems.append(Problem(line: line.line, text: need))
            }
            done[line.actor, default: []].insert(line.call.kind)
            actions.append(Scenario.Action(line.actor, line.call, step: line.step, expect: line.expectedError,
                                           after: after, repeat: line.repeatCount, line: line.line))
        }
        return problems.isEmpty ? (Scenario(id: id, actors: actors, actions: actions), []) : (nil, problems)
    }

    /// What the call needs that the actor has not done yet, as a message; nil when it can run.
    private static func requirement(of call: Scenario.Call, role: Scenario.Actor.Role, history: Set<String>,
                                    listeners: Set<String>, binders: Set<String>, actor: String) -> Bilingual? {
        let hasSocket = history.contains("socket")
        let connected = history.contains("connect") || history.contains("accept")
        let noSocket = Bilingual(es: "\(actor) aún no tiene socket: empieza con '\(actor) socket'",
                                 en: "\(actor) has no socket yet: start with '\(actor) socket'")
        switch call {
        case .socket, .print: return nil
        case .setOption, .bind(port: .runPort), .bind(port: .anyAddress):
            return hasSocket ? nil : noSocket
        case .bind(port: .sameAs(let other)):
            if !hasSocket { return noSocket }
            if !binders.contains(other) {
                return Bilingual(es: "'\(other)' nunca hace bind: no hay dirección que compartir",
                                 en: "'\(other)' never binds, so there is no address to share")
            }
            if other == actor && !history.contains("bind") { return Bilingual(es: "\(actor) aún no ha hecho bind", en: "\(actor) has not bound yet") }
            return nil
        case .listen:
            if role != .server { return Bilingual(es: "solo un servidor escucha: llama al actor server…", en: "only a server listens: name the actor server…") }
            return hasSocket ? nil : noSocket
        case .accept, .closeListener, .tcpInfo(until: .acceptQueue, _):
            if role != .server { return Bilingual(es: "solo un servidor acepta: llama al actor server…", en: "only a server accepts: name the actor server…") }
            return history.contains("listen") ? nil
                : Bilingual(es: "\(actor) aún no escucha: primero '\(actor) listen 5'", en: "\(actor) is not listening yet: '\(actor) listen 5' first")
        case .connect(let target):
            if role != .client { return Bilingual(es: "solo un cliente se conecta: llama al actor client…", en: "only a client connects: name the actor client…") }
            if !hasSocket { return noSocket }
            if case .actor(let server) = target, !listeners.contains(server) {
                return Bilingual(es: "'\(server)' nunca escucha: conéctate a un servidor que escuche, o a closed-port",
                                 en: "'\(server)' never listens: connect to a server that does, or to closed-port")
            }
            return nil
        case .send, .sendAll, .recv, .shutdown:
            return connected ? nil : Bilingual(es: "\(actor) aún no tiene conexión: antes, connect (un cliente) o accept (un servidor)",
                                               en: "\(actor) has no connection yet: connect (a client) or accept (a server) first")
        case .close(let n), .tcpInfo(_, let n):
            if n != nil && !connected { return Bilingual(es: "\(actor) aún no tiene conexión", en: "\(actor) has no connection yet") }
            return hasSocket || connected ? nil : Bilingual(es: "\(actor) aún no tiene socket", en: "\(actor) has no socket yet")
        }
    }
}

extension Scenario.Call {
    /// The call's name, as written in a scenario.
    var kind: String {
        switch self {
        case .socket: return "socket"
        case .setOption: return "setsockopt"
        case .bind: return "bind"
        case .listen: return "listen"
        case .accept: return "accept"
        case .connect: return "connect"
        case .send: return "send"
        case .sendAll: return "sendall"
        case .recv: return "recv"
        case .print: return "print"
        case .shutdown: return "shutdown"
        case .close: return "close"
        case .closeListener: return "close listener"
        case .tcpInfo(nil, _): return "tcpinfo"
        case .tcpInfo: return "wait"
        }
    }
}
