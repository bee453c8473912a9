import Synchronization

/// Receives trace events. Whoever emits never chooses the sink: the program (or the test) does.
///
/// A `Tracer` delivers events one at a time, in `seq` order.
public protocol EventSink: AnyObject, Sendable {
    func receive(_ event: TraceEvent)
}

/// Keeps every event in memory, in the order received.
public final class MemorySink: EventSink {
    private let storage: Mutex<[TraceEvent]>

    public init(reservingCapacity capacity: Int = 64) {
        var events: [TraceEvent] = []
        events.reserveCapacity(capacity)
        storage = Mutex(events)
    }

    public func receive(_ event: TraceEvent) { storage.withLock { $0.append(event) } }

    /// A copy of the events so far.
    public var events: [TraceEvent] { storage.withLock { $0 } }

    public var count: Int { storage.withLock { $0.count } }

    public func removeAll() { storage.withLock { $0.removeAll(keepingCapacity: true) } }
}

/// Passes each event to several sinks, in order.
public final class FanOutSink: EventSink {
    public let sinks: [any EventSink]

    public init(_ sinks: [any EventSink]) { self.sinks = sinks }

    public func receive(_ event: TraceEvent) {
        for sink in sinks { sink.receive(event) }
    }
}

/// Drops every event (a run whose events nobody asked for).
public final class DiscardSink: EventSink {
    public init() {}
    public func receive(_ event: TraceEvent) {}
}
