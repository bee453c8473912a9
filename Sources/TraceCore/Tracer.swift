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
    private let state = Mutex<State>(State())

    private struct State {
        var lastSeq: UInt64 = 0
        var interleaved: (any InterleavedSource)?
    }

    /// Begins a trace: its clock starts now, unless `header` already has one (a trace whose other
    /// sources opened first on a clock measured for them, such as a packet capture).
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
    /// done as `callID`). `inout`, so numbering never copies the event's storage. The events of an
    /// interleaved source that happened before this one go first.
    @discardableResult
    public func emit(_ event: inout TraceEvent) -> UInt64 {
        state.withLock { state in
            if let source = state.interleaved {
                for var earlier in source.events(before: event) { deliver(&earlier, &state) }
            }
            return deliver(&event, &state)
        }
    }

    /// Takes events from `source` from now on: before each event is numbered, the source's events
    /// that happened before it are (see `InterleavedSource`).
    public func interleave(_ source: any InterleavedSource) {
        state.withLock { $0.interleaved = source }
    }

    /// Numbers the interleaved source's events up to `time` (nanoseconds since the trace began) without
    /// waiting for a later event: the end of a trace (`UInt64.max`), or a conductor that must see them now.
    public func emitInterleaved(through time: UInt64) {
        state.withLock { state in
            guard let source = state.interleaved else { return }
            for var event in source.events(through: time) { deliver(&event, &state) }
        }
    }

    private func deliver(_ event: inout TraceEvent, _ state: inout State) -> UInt64 {
        state.lastSeq += 1
        event.seq = state.lastSeq
        sink.receive(event)
        return state.lastSeq
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

/// A source whose events happen on a clock of their own, beside the calls (captured packets, read by
/// another thread a few microseconds late): the tracer asks it, before numbering each event, for what
/// happened before, so that `seq` follows time across the two.
///
/// Called under the tracer's lock: it must not emit through the tracer, and should return quickly.
public protocol InterleavedSource: AnyObject, Sendable {
    /// The events that happened at or before `event.time` and were not handed out yet, in time order.
    /// `event` is the one about to be numbered (a source may learn from it: a port to watch).
    func events(before event: TraceEvent) -> [TraceEvent]
    /// The events that happened at or before `time` and were not handed out yet, in time order.
    func events(through time: UInt64) -> [TraceEvent]
}
