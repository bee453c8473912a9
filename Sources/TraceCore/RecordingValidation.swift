import TraceText

/// What a recording may not say: the rules of the JSON Lines format beyond each member's type (known
/// actors and operations, steps from 1, no call moving more bytes than it was asked to, the header
/// first), and the causality of one program's own calls (a socket moves no data before its
/// `connect()`; a `connect()` never comes after its socket moved data). Fed event by event, in the
/// recording's order, so that a recording streamed through a reader is checked as it is read.
///
/// Members a reader does not know stay ignored, as the format promises: only the values of the
/// members it defines are judged.
public struct RecordingValidation: Sendable {
    private var count = 0
    /// What each socket of a program (by actor, connection and descriptor) is known to be.
    private var sockets: [SocketKey: SocketUse] = [:]
    /// False for a merge's output: clients it could not pair keep no connection id of their own, so
    /// their descriptors would look shared.
    private var judgesOrder = true

    public init() {}

    /// Events accepted so far.
    public var eventCount: Int { count }

    /// Checks the next event; the violation says why it cannot be.
    public mutating func check(_ event: TraceEvent) -> RecordingViolation? {
        defer { count += 1 }
        if !Self.actors.contains(event.actor) { return .unknownActor(event.actor.rawValue) }
        if !Self.operations.contains(event.operation) { return .unknownOperation(event.operation.rawValue) }
        if event.operation == .header {
            if count > 0 { return .headerNotFirst }
            if event.actor != .tool || event.phase != .instant { return .headerShape }
            if event.header?.source == .merge { judgesOrder = false }
        }
        if event.operation == .segment && event.actor != .network { return .segmentActor(event.actor.rawValue) }
        if let step = event.step, !(Self.steps).contains(step) { return .step(step) }
        if let value = event.requestedBytes, value < 0 { return .negative("asked", value) }
        if let value = event.bytes, value < 0 { return .negative("bytes", value) }
        if let value = event.sendCalls, value < 0 { return .negative("calls", value) }
        if event.phase == .done, Self.movers.contains(event.operation), let asked = event.requestedBytes,
           let moved = event.bytes, moved > asked {
            return .movedMoreThanAsked(event.operation.rawValue, asked: asked, moved: moved)
        }
        return judgesOrder ? causality(event) : nil
    }

    /// The end of the recording: one without a single event is no recording.
    public func finish() -> RecordingViolation? { count == 0 ? .empty : nil }

    // MARK: - One program's own order

    private struct SocketKey: Hashable {
        let actor: TraceEvent.Actor
        let connection: Int?
        let fd: Int32
    }

    private enum SocketUse {
        /// Made by `socket()`: no connection yet.
        case created
        /// `connect()` has begun on it (it may complete later: a non-blocking one).
        case connecting
        /// Listening.
        case listening
        /// Data has moved on it (a connection, whoever made it).
        case moved
    }

    private mutating func causality(_ event: TraceEvent) -> RecordingViolation? {
        // A program traced by the kernel (`trace run`) may also hold sockets of other kinds (UDP sends
        // without connect): its order is the kernel's, not judged here.
        guard event.pid == nil, let fd = event.fd ?? (event.operation == .socket ? event.newFD : nil) else {
            return nil
        }
        let key = SocketKey(actor: event.actor, connection: event.connection, fd: fd)
        let succeeded = event.phase == .done && event.error == nil
        switch event.operation {
        case .socket:
            if succeeded, let made = event.newFD {
                sockets[SocketKey(actor: event.actor, connection: event.connection, fd: made)] = .created
            }
        case .connect:
            if sockets[key] == .moved { return .connectAfterData(fd: fd) }
            if event.phase == .start || succeeded { sockets[key] = .connecting }
        case .listen:
            if succeeded { sockets[key] = .listening }
        case .send, .sendall, .recv:
            guard succeeded else { break }
            switch sockets[key] {
            case .created?: return .dataBeforeConnect(event.operation.rawValue, fd: fd)
            case .listening?: return .dataOnListener(event.operation.rawValue, fd: fd)
            default: sockets[key] = .moved
            }
        case .close:
            if succeeded { sockets[key] = nil }
        default:
            break
        }
        // A descriptor made another way (`accept`, `dup`) is a socket this check knows nothing about.
        if succeeded, event.operation != .socket, let made = event.newFD {
            sockets[SocketKey(actor: event.actor, connection: event.connection, fd: made)] = nil
        }
        return nil
    }

    // MARK: - What the format allows

    static let actors: [TraceEvent.Actor] = [.client, .server, .tool, .network]

    static let operations: Set<TraceEvent.Operation> = {
        typealias O = TraceEvent.Operation
        var all: Set<O> = [.socket, .setsockopt, .bind, .listen, .accept, .connect, .send, .sendall, .recv, .shutdown,
                           .close, .getaddrinfo, .print, .peerClosed, .note, .tcpInfo, .timeout, .stop, .poll, .header,
                           .segment, .getsockname, .getpeername, .getsockopt, .select, .epollWait, .epollCtl, .fcntl,
                           .dup, .fork, .thread, .exec, .exit, .signal]
        // A program traced by the kernel names its socket calls as the lesson does; `socketpair` too.
        all.insert(O(rawValue: "socketpair"))
        return all
    }()

    /// The calls whose `bytes` can be no more than their `asked`.
    static let movers: [TraceEvent.Operation] = [.send, .sendall, .recv]

    /// Step numbers a lesson can give (as its scenario's `step N`).
    static let steps = 1...999
}

/// Why a recording cannot be: one line, in the learner's language.
public enum RecordingViolation: Error, Hashable, Sendable {
    case empty
    case unknownActor(String)
    case unknownOperation(String)
    case headerNotFirst
    case headerShape
    case segmentActor(String)
    case step(Int)
    case negative(String, Int)
    case movedMoreThanAsked(String, asked: Int, moved: Int)
    case dataBeforeConnect(String, fd: Int32)
    case dataOnListener(String, fd: Int32)
    case connectAfterData(fd: Int32)

    public func text(_ l: Language) -> String {
        switch self {
        case .empty:
            return l.pick(es: "la grabación está vacía: ni un evento", en: "the recording is empty: not one event")
        case .unknownActor(let a):
            return l.pick(es: "actor desconocido \"\(SafeText.sanitize(a))\": se espera client, server, trace o network",
                          en: "unknown actor \"\(SafeText.sanitize(a))\": expected client, server, trace or network")
        case .unknownOperation(let o):
            return l.pick(es: "operación desconocida \"\(SafeText.sanitize(o))\" (op): no es ninguna de las del formato",
                          en: "unknown operation \"\(SafeText.sanitize(o))\" (op): not one the format defines")
        case .headerNotFirst:
            return l.pick(es: "una cabecera (op header) solo puede ser el primer evento", en: "a header (op header) can only be the first event")
        case .headerShape:
            return l.pick(es: "la cabecera es un instante (phase instant) del actor trace", en: "the header is an instant (phase instant) of the actor trace")
        case .segmentActor(let a):
            return l.pick(es: "un segmento es del actor network, no de \"\(SafeText.sanitize(a))\"",
                          en: "a segment belongs to the actor network, not \"\(SafeText.sanitize(a))\"")
        case .step(let s):
            return l.pick(es: "paso \(s): los pasos se numeran desde 1 (hasta 999)", en: "step \(s): steps are numbered from 1 (up to 999)")
        case .negative(let field, let v):
            return l.pick(es: "\(field) \(v): no puede ser negativo", en: "\(field) \(v): cannot be negative")
        case .movedMoreThanAsked(let op, let asked, let moved):
            return l.pick(es: "\(op)(\(asked)) → \(moved) bytes: una llamada no mueve más bytes de los pedidos",
                          en: "\(op)(\(asked)) → \(moved) bytes: a call never moves more bytes than it was asked to")
        case .dataBeforeConnect(let op, let fd):
            return l.pick(es: "\(op)() en el fd \(fd) antes de su connect(): un socket sin conectar no mueve datos",
                          en: "\(op)() on fd \(fd) before its connect(): a socket that is not connected moves no data")
        case .dataOnListener(let op, let fd):
            return l.pick(es: "\(op)() en el fd \(fd), que escucha (listen): un socket que escucha no mueve datos",
                          en: "\(op)() on fd \(fd), which is listening: a listening socket moves no data")
        case .connectAfterData(let fd):
            return l.pick(es: "connect() en el fd \(fd) después de que ya movió datos: el connect va antes",
                          en: "connect() on fd \(fd) after it already moved data: the connect comes first")
        }
    }
}
