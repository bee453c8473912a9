import Synchronization
import TraceEvents
import TraceSockets

/// One trace: its clock origin, its sequence numbers and the sink its events go to.
///
/// Events are numbered and delivered under one lock, so a sink sees them one at a time in `seq` order.
public final class Tracer: Sendable {
    public let sink: any EventSink
    /// Monotonic nanoseconds at which the trace began; event times count from here.
    public let origin: UInt64
    /// Which done events carry the kernel's view of the socket (one `getsockopt` each).
    public let kernelView: KernelViewPolicy
    /// How many payload bytes an event's preview shows.
    public let previewLimit: Int
    private let lastSeq = Mutex<UInt64>(0)

    public init(sink: any EventSink, kernelView: KernelViewPolicy = .everyCall, previewLimit: Int = 96) {
        self.sink = sink
        self.kernelView = kernelView
        self.previewLimit = previewLimit
        self.origin = MonotonicClock.now()
    }

    /// Nanoseconds since the trace began.
    public var elapsed: UInt64 { MonotonicClock.now() &- origin }

    /// An observer for one actor's sockets; its events carry that actor (and connection id).
    public func lane(_ actor: TraceEvent.Actor, connection: Int? = nil) -> TraceLane {
        TraceLane(tracer: self, actor: actor, connection: connection)
    }

    /// Numbers the event and hands it to the sink. `inout`, so numbering never copies its storage.
    func emit(_ event: inout TraceEvent) {
        lastSeq.withLock { seq in
            seq += 1
            event.seq = seq
            sink.receive(event)
        }
    }

    func relative(_ instant: UInt64) -> UInt64 { instant >= origin ? instant - origin : 0 }
}

/// When a tracer asks the kernel for its view of a socket (`TCP_INFO`, about 0.35 µs per call here).
public enum KernelViewPolicy: Sendable {
    /// After every call: the richest trace, for lessons.
    case everyCall
    /// After every call except data transfers that moved bytes (`send`, `sendall`, `recv`): the state
    /// changes are all still seen (a `recv` returning 0, an error), at a fraction of the cost on busy
    /// connections.
    case connectionChanges
    case never
}
