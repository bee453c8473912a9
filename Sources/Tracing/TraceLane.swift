import Synchronization
import TraceEvents
import TraceSockets

/// The observer for one actor's sockets: turns each socket call's start and done into trace events,
/// and lets the program add its own moments (a `print`, leaving a loop) and tag calls with a step.
public final class TraceLane: SocketObserver {
    public let tracer: Tracer
    public let actor: TraceEvent.Actor
    public let connection: Int?
    /// The seed step the next calls illustrate; 0 when none.
    /// Shared with the lanes of the same actor's connections, so that a step tags their calls too.
    private let stepTag: StepCell

    init(tracer: Tracer, actor: TraceEvent.Actor, connection: Int?, step: StepCell = StepCell()) {
        self.tracer = tracer
        self.actor = actor
        self.connection = connection
        self.stepTag = step
    }

    public func wantsKernelView(after call: SocketCallDone) -> Bool {
        switch tracer.kernelView {
        case .everyCall: return true
        case .never: return false
        case .connectionChanges:
            switch call.start.operation {
            case .send, .sendall, .recv: return call.error != nil || call.transferredBytes == 0
            default: return true
            }
        }
    }

    /// Runs `body` with its calls (and marks) tagged as seed step `step`.
    public func step<T, E: Error>(_ step: Int, _ body: () throws(E) -> T) throws(E) -> T {
        let previous = stepTag.value.exchange(step, ordering: .relaxed)
        defer { stepTag.value.store(previous, ordering: .relaxed) }
        return try body()
    }

    /// A lane for the same actor with another connection id (a server's accepted clients); calls on it
    /// are tagged with this lane's current step.
    public func connection(_ id: Int) -> TraceLane {
        TraceLane(tracer: tracer, actor: actor, connection: id, step: stepTag)
    }

    /// Records a program-level moment: `.print` with the text shown, `.peerClosed`, `.note`, or
    /// `.tcpInfo` with the kernel's view.
    public func mark(_ operation: TraceEvent.Operation, text: String? = nil, payload: [UInt8]? = nil, fd: Int32? = nil,
                     kernel: TCPInfo? = nil) {
        var event = TraceEvent(time: tracer.relative(MonotonicClock.now()), phase: .instant, actor: actor,
                               connection: connection, operation: operation, step: currentStep, fd: fd,
                               bytes: payload?.count,
                               preview: payload.map { SafeText.escape($0, limit: tracer.previewLimit) },
                               text: text.map(SafeText.sanitize))
        event.tcp = kernel.map(TraceEvent.KernelView.init)
        tracer.emit(&event)
    }

    public func callStarted(_ call: SocketCallStart) {
        var event = TraceEvent(time: tracer.relative(call.time), phase: .start, actor: actor, connection: connection,
                               operation: TraceEvent.Operation(call.operation), step: currentStep, fd: call.fd,
                               requestedBytes: call.requestedBytes, address: call.address?.description,
                               family: call.family?.rawValue, option: call.option?.rawValue,
                               optionValue: call.optionValue, backlog: call.backlog, how: call.how?.rawValue)
        tracer.emit(&event)
    }

    public func callFinished(_ call: SocketCallDone) {
        var preview: String?
        if let payload = call.payload, payload.count > 0 { preview = SafeText.escape(payload, limit: tracer.previewLimit) }
        let failure = call.error.map {
            TraceEvent.Failure(name: $0.name, code: $0.code, message: $0.message, call: $0.operation.rawValue)
        }
        var event = TraceEvent(time: tracer.relative(call.time), phase: .done, actor: actor, connection: connection,
                               operation: TraceEvent.Operation(call.start.operation), step: currentStep, fd: call.start.fd,
                               duration: call.duration, newFD: call.newFD, requestedBytes: call.start.requestedBytes,
                               bytes: call.transferredBytes, sendCalls: call.sendCalls, preview: preview,
                               address: call.start.address?.description, family: call.start.family?.rawValue,
                               option: call.start.option?.rawValue, optionValue: call.start.optionValue, backlog: call.start.backlog,
                               how: call.start.how?.rawValue, local: call.local?.description,
                               remote: call.remote?.description, error: failure,
                               tcp: call.kernel.map(TraceEvent.KernelView.init))
        tracer.emit(&event)
    }

    /// The step the current calls illustrate, if any.
    private var currentStep: Int? {
        let step = stepTag.value.load(ordering: .relaxed)
        return step == 0 ? nil : step
    }
}

extension TraceEvent.Operation {
    public init(_ operation: SocketOperation) { self.init(rawValue: operation.rawValue) }
}

extension TraceEvent.KernelView {
    /// The event's form of the kernel's view. A socket that has no connection (not yet connected, or
    /// listening) carries only its state, and for a listener its queue and backlog: the connection
    /// counters would be zeros that mean nothing.
    public init(_ info: TCPInfo) {
        switch info.state {
        case .listen:
            self.init(state: info.state?.name, acceptQueue: info.acceptQueue, backlog: info.backlog)
        case .close where info.bytesAcked ?? 0 == 0 && info.bytesReceived ?? 0 == 0:
            self.init(state: info.state?.name)
        default:
            self.init(state: info.state?.name, rttMicroseconds: info.rttMicroseconds,
                      rttVarianceMicroseconds: info.rttVarianceMicroseconds, unacked: info.unacked,
                      retransmits: info.retransmits.map(UInt32.init), totalRetransmits: info.totalRetransmits,
                      bytesAcked: info.bytesAcked, bytesReceived: info.bytesReceived)
        }
    }
}

/// The step a lane's calls illustrate, shared by an actor's lanes.
final class StepCell: Sendable {
    let value = Atomic<Int>(0)
}
