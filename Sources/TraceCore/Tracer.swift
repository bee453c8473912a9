import Synchronization

/// One trace: its clock origin, its sequence numbers and the sink its events go to. Any source emits
/// through it: the socket layer's hooks, a traced program, captured packets.
///
/// Events are numbered and delivered under one lock, so a sink sees them one at a time in `seq` order.
/// The first event of every trace is its header.
public final class Tracer: Sendable {
    public let sink: any EventSink
    /// Monotonic nanoseconds at which the trace began; event times count from here.
    public let origin: UInt64
    /// The header the trace began with, its clock filled in.
    public let header: TraceHeader
    private let lastSeq = Mutex<UInt64>(0)

    /// Begins a trace: its clock starts now, unless `header` already has one (a trace whose first
    /// moments were seen before it could be described, such as a program whose side is known only once
    /// it calls `listen()` or `connect()`: see `TraceHeader.Clock.now()`).
    public init(sink: any EventSink, header: TraceHeader) {
        self.sink = sink
        var header = header
        let clock = header.clock ?? .now()
        header.clock = clock
        origin = clock.monotonicOrigin
        self.header = header
        var opening = TraceEvent(header: header)
        emit(&opening)
    }

    /// A trace of both programs made by this library's own code (tests, other tools): its header names
    /// no command.
    public convenience init(sink: any EventSink) {
        self.init(sink: sink, header: TraceHeader(source: .builtIn, command: "library", traced: [.client, .server]))
    }

    /// Numbers the event and hands it to the sink; returns its `seq` (a call's start passes it on to its
    /// done as `callID`). `inout`, so numbering never copies the event's storage.
    @discardableResult
    public func emit(_ event: inout TraceEvent) -> UInt64 {
        lastSeq.withLock { seq in
            seq += 1
            event.seq = seq
            sink.receive(event)
            return seq
        }
    }

    /// Nanoseconds from the trace's start to a monotonic instant (0 for an instant before it).
    public func relative(_ instant: UInt64) -> UInt64 { instant >= origin ? instant - origin : 0 }

    /// Nanoseconds since the trace began.
    public func now() -> UInt64 { relative(MonotonicClock.now()) }
}

extension TraceHeader.Clock {
    /// The monotonic clock now, paired with the wall clock at the same instant.
    public static func now() -> TraceHeader.Clock {
        let (monotonic, wall) = WallClock.pairedWithMonotonic()
        return TraceHeader.Clock(monotonicOrigin: monotonic, wallAtOrigin: wall)
    }
}
