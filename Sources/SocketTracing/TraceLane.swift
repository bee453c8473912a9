import Synchronization
import TraceCore
import TraceSockets
import TraceText

/// The observer for one actor's sockets: turns each socket call's start and done into trace events,
/// and lets the program add its own moments (a `print`, leaving a loop) and tag calls with a step.
///
/// Each connection of a server has a lane of its own (`connection(_:)`), with its own step tag: one
/// client's steps never reach another's calls.
public final class TraceLane: SocketObserver {
    public let tracer: Tracer
    public let actor: TraceEvent.Actor
    public let connection: Int?
    /// Which done events carry the kernel's view of the socket (one `getsockopt` each).
    public let kernelView: KernelViewPolicy
    /// How many payload bytes an event's preview shows.
    public let previewLimit: Int
    private let stepTag: StepCell
    /// How this lane's calls reach the tracer as records (nil: an actor records cannot name, which takes
    /// the events' path).
    private let recordKind: RecordKind<SocketRecord>?
    private let laneActor: SocketRecord.LaneActor?

    public convenience init(tracer: Tracer, actor: TraceEvent.Actor, connection: Int? = nil,
                            kernelView: KernelViewPolicy = .everyCall, previewLimit: Int = PayloadPrefix.capacity) {
        self.init(tracer: tracer, actor: actor, connection: connection, kernelView: kernelView,
                  previewLimit: previewLimit, stepTag: StepCell())
    }

    private init(tracer: Tracer, actor: TraceEvent.Actor, connection: Int?, kernelView: KernelViewPolicy,
                 previewLimit: Int, stepTag: StepCell) {
        self.tracer = tracer
        self.actor = actor
        self.connection = connection
        self.kernelView = kernelView
        self.previewLimit = previewLimit
        self.stepTag = stepTag
        laneActor = SocketRecord.LaneActor(actor)
        recordKind = laneActor == nil ? nil : tracer.kind(of: SocketRecord.self)
    }

    public func wantsKernelView(after call: SocketCallDone) -> Bool {
        switch kernelView {
        case .everyCall: return true
        case .never: return false
        case .connectionChanges:
            switch call.start.operation {
            case .send, .sendall, .recv: return call.error != nil || call.transferredBytes == 0
            default: return true
            }
        }
    }

    /// An `accept()` starts with its listener's view: whether a connection already waits in the queue
    /// (then it will not wait, and the diagram does not say it does).
    public func wantsKernelView(before call: SocketCallStart) -> Bool {
        kernelView != .never && call.operation == .accept && !call.byTool
    }

    /// Runs `body` with its calls (and marks) tagged as seed step `step` (0: none). A `recv` that
    /// returns 0 bytes (the end of the stream) is tagged `endOfStream` instead, when given: the seed's
    /// server learns of the closure in the same loop where it reads messages.
    public func step<T, E: Error>(_ step: Int, endOfStream: Int? = nil, _ body: () throws(E) -> T) throws(E) -> T {
        let previous = stepTag.value.exchange(StepCell.pack(step, endOfStream: endOfStream ?? 0), ordering: .relaxed)
        defer { stepTag.value.store(previous, ordering: .relaxed) }
        return try body()
    }

    /// A lane for the same actor with another connection id (a server's accepted clients). Served on a
    /// thread of its own, it has a step tag of its own; `sharingSteps` (one thread serving every
    /// connection, as a scenario's actor does) makes this lane's step tag apply to it too.
    public func connection(_ id: Int, sharingSteps: Bool = false) -> TraceLane {
        TraceLane(tracer: tracer, actor: actor, connection: id, kernelView: kernelView, previewLimit: previewLimit,
                  stepTag: sharingSteps ? stepTag : StepCell())
    }

    /// Records a program-level moment: `.print` with the text shown, `.peerClosed`, `.note`, or
    /// `.tcpInfo` with the kernel's view and what the program waited for. `byTool` marks the tool's own
    /// moments (a stop, a guard's timeout).
    public func mark(_ operation: TraceEvent.Operation, text: String? = nil, payload: [UInt8]? = nil, fd: Int32? = nil,
                     kernel: TCPInfo? = nil, waitedFor condition: KernelCondition? = nil, byTool: Bool = false,
                     timeout: Duration? = nil) {
        var event = TraceEvent(time: tracer.now(), phase: .instant, actor: actor,
                               connection: connection, operation: operation, step: byTool ? nil : currentStep(), fd: fd,
                               bytes: payload?.count,
                               preview: payload.map { SafeText.escape($0, limit: previewLimit) },
                               text: text.map(SafeText.sanitize), origin: byTool ? .tool : nil,
                               timeout: timeout.map(Self.milliseconds))
        event.tcp = kernel.map(TraceEvent.KernelView.init)
        if let condition { event.kernelCondition = condition }
        tracer.emit(&event)
    }

    public func callStarted(_ call: SocketCallStart) -> UInt64 {
        let step = call.byTool ? nil : currentStep()
        guard let recordKind, let laneActor else {
            var event = TraceEvent(time: tracer.relative(call.time), phase: .start, actor: actor, connection: connection,
                                   operation: TraceEvent.Operation(call.operation), step: step, fd: call.fd,
                                   requestedBytes: call.requestedBytes, address: call.address?.description,
                                   family: call.family?.rawValue, option: call.option?.rawValue, optionValue: call.optionValue,
                                   backlog: call.backlog, how: call.how?.rawValue, origin: call.byTool ? .tool : nil,
                                   timeout: call.timeoutMilliseconds)
            event.tcp = call.kernel.map(TraceEvent.KernelView.init)
            return tracer.emit(&event)
        }
        var record = SocketRecord(time: tracer.relative(call.time), phase: .start, actor: laneActor, operation: call.operation)
        record.connection = SocketRecord.int32(connection)
        record.step = SocketRecord.int32(step)
        record.fd = SocketRecord.int32(call.fd)
        record.requestedBytes = SocketRecord.int64(call.requestedBytes)
        record.family = call.family
        record.option = call.option
        record.optionValue = SocketRecord.int32(call.optionValue)
        record.backlog = SocketRecord.int32(call.backlog)
        record.how = call.how
        record.timeout = SocketRecord.int32(call.timeoutMilliseconds)
        if call.byTool { record.parts.insert(.byTool) }
        let address = call.address?.packed, kernel = call.kernel
        return tracer.emit(record, as: recordKind) { record, tail in
            record.fill(tail, address: address, local: nil, remote: nil, tcp: kernel, payload: nil, previewLimit: 0)
        }
    }

    public func callFinished(_ call: SocketCallDone) {
        let bytes = call.transferredBytes
        let endOfStream = call.start.operation == .recv && bytes == 0 && !call.afterInterrupt
        let step = call.start.byTool ? nil : currentStep(endOfStream: endOfStream)
        let callID = call.start.token == 0 ? nil : call.start.token
        // An error the system did not report (a refused request) has no errno: it takes the event's path.
        guard let recordKind, let laneActor, call.error == nil || call.error?.errno != nil else {
            let failure = call.error.map {
                TraceEvent.Failure(name: $0.name, code: $0.code, message: $0.message, call: $0.operation.rawValue)
            }
            var preview: String?
            if let payload = call.payload, payload.count > 0 { preview = SafeText.escape(payload, limit: previewLimit) }
            var event = TraceEvent(time: tracer.relative(call.time), phase: .done, actor: actor, connection: connection,
                                   operation: TraceEvent.Operation(call.start.operation), step: step, fd: call.start.fd,
                                   duration: call.duration, newFD: call.newFD, requestedBytes: call.start.requestedBytes,
                                   bytes: bytes, sendCalls: call.sendCalls, preview: preview,
                                   address: call.start.address?.description, family: call.start.family?.rawValue,
                                   option: call.start.option?.rawValue, optionValue: call.start.optionValue,
                                   backlog: call.start.backlog, how: call.start.how?.rawValue, local: call.local?.description,
                                   remote: call.remote?.description, error: failure,
                                   tcp: call.kernel.map(TraceEvent.KernelView.init), callID: callID,
                                   origin: call.start.byTool ? .tool : nil, timeout: call.start.timeoutMilliseconds,
                                   returnValue: call.ready.map { $0 ? 1 : 0 }, wokenBy: call.afterInterrupt ? .tool : nil)
            tracer.emit(&event)
            return
        }
        var record = SocketRecord(time: tracer.relative(call.time), phase: .done, actor: laneActor, operation: call.start.operation)
        record.connection = SocketRecord.int32(connection)
        record.step = SocketRecord.int32(step)
        record.fd = SocketRecord.int32(call.start.fd)
        record.duration = call.duration
        record.newFD = SocketRecord.int32(call.newFD)
        record.requestedBytes = SocketRecord.int64(call.start.requestedBytes)
        record.bytes = SocketRecord.int64(bytes)
        record.sendCalls = SocketRecord.int32(call.sendCalls)
        record.family = call.start.family
        record.option = call.start.option
        record.optionValue = SocketRecord.int32(call.start.optionValue)
        record.backlog = SocketRecord.int32(call.start.backlog)
        record.how = call.start.how
        record.errno = call.error?.errno?.rawValue ?? 0
        record.failedCall = call.error?.operation ?? call.start.operation
        record.callID = callID ?? 0
        record.timeout = SocketRecord.int32(call.start.timeoutMilliseconds)
        record.ready = call.ready
        if call.start.byTool { record.parts.insert(.byTool) }
        if call.afterInterrupt { record.parts.insert(.wokenByTool) }
        // The payload's first bytes are copied raw; they are escaped when the record becomes an event.
        let limit = previewLimit
        tracer.emit(record, as: recordKind) { record, tail in
            record.fill(tail, address: call.start.address?.packed, local: call.local?.packed, remote: call.remote?.packed,
                        tcp: call.kernel, payload: call.payload, previewLimit: limit)
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }

    /// The step the current calls illustrate, if any.
    private func currentStep(endOfStream: Bool = false) -> Int? {
        let (step, eof) = StepCell.unpack(stepTag.value.load(ordering: .relaxed))
        let chosen = endOfStream && eof != 0 ? eof : step
        return chosen == 0 ? nil : chosen
    }
}

extension TraceCore.TraceEvent.Operation {
    public init(_ operation: SocketOperation) { self.init(rawValue: operation.rawValue) }
}

/// The step a lane's calls illustrate, and the step a `recv` returning 0 illustrates instead: two
/// numbers in one atomic word.
final class StepCell: Sendable {
    let value = Atomic<Int>(0)

    static func pack(_ step: Int, endOfStream: Int) -> Int { (step & 0xFFFF_FFFF) | (endOfStream << 32) }
    static func unpack(_ packed: Int) -> (step: Int, endOfStream: Int) { (packed & 0xFFFF_FFFF, packed >> 32) }
}

extension Tracer {
    /// An observer for one actor's sockets; its events carry that actor (and connection id).
    public func lane(_ actor: TraceEvent.Actor, connection: Int? = nil, kernelView: KernelViewPolicy = .everyCall) -> TraceLane {
        TraceLane(tracer: self, actor: actor, connection: connection, kernelView: kernelView)
    }
}

/// When a lane asks the kernel for its view of a socket (`TCP_INFO`, about 0.35 µs per call here).
public enum KernelViewPolicy: Sendable {
    /// After every call: the richest trace, for lessons.
    case everyCall
    /// After every call except data transfers that moved bytes (`send`, `sendall`, `recv`): the state
    /// changes are all still seen (a `recv` returning 0, an error), at a fraction of the cost on busy
    /// connections.
    case connectionChanges
    case never
}
