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
    private let currentStep = Atomic<Int>(0)

    init(tracer: Tracer, actor: TraceEvent.Actor, connection: Int?) {
        self.tracer = tracer
        self.actor = actor
        self.connection = connection
    }

    public var wantsKernelView: Bool { tracer.kernelView }

    /// Runs `body` with its calls (and marks) tagged as seed step `step`.
    public func step<T, E: Error>(_ step: Int, _ body: () throws(E) -> T) throws(E) -> T {
        let previous = currentStep.exchange(step, ordering: .relaxed)
        defer { currentStep.store(previous, ordering: .relaxed) }
        return try body()
    }

    /// A lane for the same actor with another connection id (a server's accepted clients).
    public func connection(_ id: Int) -> TraceLane { tracer.lane(actor, connection: id) }

    /// Records a program-level moment: `.print` with the text shown, `.peerClosed`, `.note`.
    public func mark(_ operation: TraceEvent.Operation, text: String? = nil, payload: [UInt8]? = nil, fd: Int32? = nil) {
        var event = makeEvent(.instant, operation, fd: fd, at: MonotonicClock.now())
        event.text = text.map(SafeText.sanitize)
        if let payload {
            event.bytes = payload.count
            event.preview = SafeText.escape(payload, limit: tracer.previewLimit)
        }
        tracer.emit(event)
    }

    public func callStarted(_ call: SocketCallStart) {
        var event = makeEvent(.start, TraceEvent.Operation(call.operation), fd: call.fd, at: call.time)
        event.requestedBytes = call.requestedBytes
        event.address = call.address?.description
        event.family = call.family?.rawValue
        event.option = call.option?.rawValue
        event.optionValue = call.optionValue
        event.backlog = call.backlog
        event.how = call.how?.rawValue
        tracer.emit(event)
    }

    public func callFinished(_ call: SocketCallDone) {
        let start = call.start
        var event = makeEvent(.done, TraceEvent.Operation(start.operation), fd: start.fd, at: call.time)
        event.duration = call.duration
        event.newFD = call.newFD
        event.requestedBytes = start.requestedBytes
        event.bytes = call.transferredBytes
        event.sendCalls = call.sendCalls
        if let payload = call.payload, payload.count > 0 {
            event.preview = SafeText.escape(payload, limit: tracer.previewLimit)
        }
        event.address = start.address?.description
        event.family = start.family?.rawValue
        event.option = start.option?.rawValue
        event.optionValue = start.optionValue
        event.backlog = start.backlog
        event.how = start.how?.rawValue
        event.local = call.local?.description
        event.remote = call.remote?.description
        if let error = call.error {
            event.error = TraceEvent.Failure(name: error.name, code: error.code, message: error.message,
                                             call: error.operation.rawValue)
        }
        event.tcp = call.kernel.map(TraceEvent.KernelView.init)
        tracer.emit(event)
    }

    private func makeEvent(_ phase: TraceEvent.Phase, _ operation: TraceEvent.Operation, fd: Int32?, at instant: UInt64) -> TraceEvent {
        let step = currentStep.load(ordering: .relaxed)
        return TraceEvent(time: tracer.relative(instant), phase: phase, actor: actor, connection: connection,
                          operation: operation, step: step == 0 ? nil : step, fd: fd)
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
