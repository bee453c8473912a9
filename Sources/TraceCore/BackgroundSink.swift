import Synchronization

/// Hands events to another sink on a thread of its own, in order. The emitting threads only append to
/// a queue, so a slow sink (formatting, writing to a terminal or a file) no longer holds every thread of
/// a busy server behind the tracer's lock. The queue is bounded: past `capacity` events, emitters wait.
public final class BackgroundSink: EventSink, @unchecked Sendable {
    private let downstream: any EventSink
    private let afterBatch: @Sendable () -> Void
    private let capacity: Int
    // Guarded by `condition`.
    private let condition = ThreadCondition()
    private var queue: [TraceEvent] = []
    private var passing = false
    private var closed = false

    /// `afterBatch` runs on the sink's thread after each run of events (to flush buffered output).
    public init(_ downstream: any EventSink, capacity: Int = 1 << 16, afterBatch: @escaping @Sendable () -> Void = {}) {
        self.downstream = downstream
        self.afterBatch = afterBatch
        self.capacity = max(capacity, 1)
        DetachedThread.start(name: "trace-events") { [self] in passOn() }
    }

    public func receive(_ event: TraceEvent) {
        condition.lock()
        while queue.count >= capacity && !closed { condition.wait() }
        if !closed { queue.append(event) }
        condition.broadcast()
        condition.unlock()
    }

    /// Returns once every event received so far has been passed on (and its batch flushed).
    public func drain() {
        condition.lock()
        while (!queue.isEmpty || passing) && !closed { condition.wait() }
        condition.unlock()
    }

    /// Drains, then stops the thread; later events are dropped.
    public func close() {
        drain()
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    private func passOn() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty && closed {
                condition.unlock()
                return
            }
            let batch = queue
            queue.removeAll(keepingCapacity: true)
            passing = true
            condition.broadcast()
            condition.unlock()
            for event in batch { downstream.receive(event) }
            afterBatch()
            condition.lock()
            passing = false
            condition.broadcast()
            condition.unlock()
        }
    }
}

/// Collects what is written and passes it on in one piece at `flush()`: one `write(2)` for a run of
/// lines instead of one each.
public final class BufferedOutput: TextOutput {
    private let output: any TextOutput
    private let buffer = Mutex("")

    public init(_ output: any TextOutput) { self.output = output }

    public func write(_ text: String) { buffer.withLock { $0 += text } }

    public func flush() {
        let text = buffer.withLock { b -> String in
            defer { b = "" }
            return b
        }
        if !text.isEmpty { output.write(text) }
    }
}
