#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import Synchronization

/// One trace: its clock origin, its sequence numbers and the sink its events go to. Any source emits
/// through it: the socket layer's hooks, a traced program, captured packets.
///
/// A sink sees events one at a time, in `seq` order. Delivered `immediate`ly, each event reaches the sink
/// on the thread that emitted it, under the tracer's lock (what a walkthrough needs: its cards and the
/// diagram's lines interleave exactly). `deferred`, the emitting thread only copies a fixed-size record
/// into a ring, with no lock and no allocation, and a thread of the tracer's own turns records into events
/// and hands them on in order (what a busy server and the benchmarks need). The first event of every
/// trace is its header.
public final class Tracer: Sendable {
    public enum Delivery: Sendable {
        case immediate
        /// Records wait in a ring of `capacity` slots; emitters wait only when it is full.
        case deferred(capacity: Int)

        public static let deferred = Delivery.deferred(capacity: 1 << 14)
    }

    public let sink: any EventSink
    /// Monotonic nanoseconds at which the trace began; event times count from here.
    public let origin: UInt64
    /// The header the trace began with, its clock filled in.
    public let header: TraceHeader
    private let state = Mutex<State>(State())
    private let ring: RecordRing?
    /// The same ring, reached on the hot path without retaining it: the tracer keeps it alive, and a
    /// reference count written by every emitter would bounce its cache line between the processors.
    private let ringReference: Unmanaged<RecordRing>?
    private let drainer: Drainer?
    private let decoders = DecoderRegistry()

    private struct State {
        var lastSeq: UInt64 = 0
        var interleaved: (any InterleavedSource)?
    }

    /// Begins a trace: its clock starts now, unless `header` already has one (a trace whose other
    /// sources opened first on a clock measured for them, such as a packet capture, or whose first
    /// moments were seen before it could be described: a program whose side is known only once it calls
    /// `listen()` or `connect()`; see `TraceHeader.Clock.now()`).
    public init(sink: any EventSink, header: TraceHeader, delivery: Delivery = .immediate) {
        self.sink = sink
        var header = header
        let clock = header.clock ?? .now()
        header.clock = clock
        origin = clock.monotonicOrigin
        self.header = header
        switch delivery {
        case .immediate:
            ring = nil
            ringReference = nil
            drainer = nil
        case .deferred(let capacity):
            let ring = RecordRing(capacity: capacity)
            self.ring = ring
            ringReference = Unmanaged.passUnretained(ring)
            drainer = Drainer(ring: ring, sink: sink, decoders: decoders)
        }
        var opening = TraceEvent(header: header)
        emit(&opening)
    }

    /// A trace of both programs made by this library's own code (tests, other tools): its header names
    /// no command.
    public convenience init(sink: any EventSink) {
        self.init(sink: sink, header: TraceHeader(source: .builtIn, command: "library", traced: [.client, .server]))
    }

    deinit { drainer?.stop() }

    /// Numbers the event and hands it on; returns its `seq` (a call's start passes it on to its done as
    /// `callID`). `inout`, so numbering never copies the event's storage. Delivered immediately, the
    /// events of an interleaved source that happened before this one go first.
    @discardableResult
    public func emit(_ event: inout TraceEvent) -> UInt64 {
        if let ringReference {
            let seq = ringReference._withUnsafeGuaranteedRef { $0.append(event) }
            event.seq = seq
            return seq
        }
        return state.withLock { state in
            if let source = state.interleaved {
                for var earlier in source.events(before: event) { deliver(&earlier, &state) }
            }
            return deliver(&event, &state)
        }
    }

    /// Bytes a record's `fill` may write into its tail.
    public static let recordTailBytes = RecordRing.tailBytes

    /// Numbers a record and hands it on: with `deferred` delivery, the hot path of a source, with no lock
    /// and no allocation; with `immediate`, the event it stands for goes to the sink at once. `fill` completes
    /// the record where it lies and writes what goes beside it into its tail (`recordTailBytes`).
    @discardableResult
    public func emit<R: EventRecord>(_ record: R, as kind: RecordKind<R>,
                                     fill: (inout R, UnsafeMutableRawPointer) -> Void = { _, _ in }) -> UInt64 {
        if let ringReference {
            return ringReference._withUnsafeGuaranteedRef { $0.append(record, kind: kind.index, fill: fill) }
        }
        return state.withLock { state in
            var record = record
            var event = withUnsafeTemporaryAllocation(byteCount: RecordRing.tailBytes, alignment: 16) { tail in
                fill(&record, tail.baseAddress!)
                return record.event(seq: 0, tail: UnsafeRawPointer(tail.baseAddress!))
            }
            if let source = state.interleaved {
                for var earlier in source.events(before: event) { deliver(&earlier, &state) }
            }
            return deliver(&event, &state)
        }
    }

    /// The kind a source's records are emitted as (register once, emit many times).
    public func kind<R: EventRecord>(of type: R.Type) -> RecordKind<R> {
        RecordKind(index: decoders.register(type))
    }

    /// Returns once every event emitted before the call has reached the sink (at once when `immediate`).
    public func flush() { drainer?.flush() }

    /// Takes events from `source` from now on: before each event is numbered, the source's events
    /// that happened before it are (see `InterleavedSource`). Only with `immediate` delivery.
    public func interleave(_ source: any InterleavedSource) {
        precondition(ring == nil, "an interleaved source needs a tracer that delivers immediately")
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

    @discardableResult
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

/// The thread that turns a deferred tracer's records into events, in order, and hands them to its sink.
/// It looks for records often while they come, less and less often while none do.
private final class Drainer: @unchecked Sendable {
    private let ring: RecordRing
    private let sink: any EventSink
    private let decoders: DecoderRegistry
    private let reading = Mutex(())
    private let stopped = Atomic<Bool>(false)

    init(ring: RecordRing, sink: any EventSink, decoders: DecoderRegistry) {
        self.ring = ring
        self.sink = sink
        self.decoders = decoders
        DetachedThread.start(name: "trace-records") { [self] in loop() }
    }

    private func take() -> Int {
        reading.withLock { _ in ring.drain(decoders.all) { sink.receive($0) } }
    }

    private func loop() {
        var idle = 0
        while !stopped.load(ordering: .acquiring) {
            if take() > 0 {
                idle = 0
            } else {
                idle += 1
                // 50 µs at first, up to 2 ms while nothing comes.
                usleep(UInt32(min(50 << min(idle / 8, 5), 2000)))
            }
        }
        _ = take()
    }

    func flush() {
        let target = ring.issued
        for _ in 0..<10_000_000 {
            _ = take()
            if ring.consumedThrough >= target { return }
            _ = sched_yield()
        }
    }

    func stop() {
        flush()
        stopped.store(true, ordering: .releasing)
    }
}

/// A type of record a tracer knows how to turn into events.
public struct RecordKind<R: EventRecord>: Sendable {
    let index: Int
}

/// The record types registered with one tracer, by the index their records carry in the ring.
final class DecoderRegistry: Sendable {
    private let state = Mutex<(types: [ObjectIdentifier], decoders: [any RecordDecoding])>(([], []))

    func register<R: EventRecord>(_ type: R.Type) -> Int {
        precondition(MemoryLayout<R>.size <= RecordRing.recordBytes, "\(R.self) takes \(MemoryLayout<R>.size) bytes, more than a ring slot holds")
        return state.withLock { s in
            if let i = s.types.firstIndex(of: ObjectIdentifier(type)) { return i + 1 }
            s.types.append(ObjectIdentifier(type))
            s.decoders.append(RecordDecoder<R>())
            return s.decoders.count
        }
    }

    var all: [any RecordDecoding] { state.withLock { $0.decoders } }
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
