/// Facts measured in one run, read from its events alone, for a debrief to quote.
public struct RunMeasurements: Sendable {
    public let events: [TraceEvent]

    public init(_ events: [TraceEvent]) { self.events = events }

    /// The first `done` (or instant) of `operation` by `actor`, at `step` when given.
    public func done(_ actor: TraceEvent.Actor, _ operation: TraceEvent.Operation, step: Int? = nil) -> TraceEvent? {
        events.first {
            $0.phase != .start && $0.actor == actor && $0.operation == operation && (step == nil || $0.step == step)
        }
    }

    /// From the first event of the lowest-numbered step to the last event of any step: the exchange
    /// the lesson is about, without setup and teardown.
    public var exchangeDuration: UInt64? {
        let numbered = events.filter { $0.step != nil }
        guard let first = numbered.map({ $0.step! }).min(),
              let start = numbered.first(where: { $0.step == first })?.time,
              let end = numbered.map(\.time).max(), end >= start else { return nil }
        return end - start
    }

    /// The address the server listens on, once the kernel chose its port.
    public var listeningAddress: String? { done(.server, .listen)?.local ?? done(.server, .bind)?.local }

    /// The port `bind()` was asked for (`0`: let the kernel choose).
    public var requestedPort: Int? { done(.server, .bind)?.address.flatMap(Endpoint.init)?.port }

    /// The client's own end of the connection.
    public var clientAddress: String? { done(.client, .connect)?.local }

    /// The TCP segments captured (`--packets`), in order.
    public var segments: [TraceEvent.Segment] { events.compactMap { $0.operation == .segment ? $0.segment : nil } }

    // MARK: - Bytes

    /// One send, and what the other side's `recv` calls got of it.
    public struct Delivery: Sendable, Hashable {
        public var sender: TraceEvent.Actor
        public var step: Int?
        public var sent: Int
        /// Bytes of this send that the peer's `recv` calls returned.
        public var received: Int
        /// Whether the received text is the sent text, when one `recv` got exactly this send and
        /// both previews are whole; nil when that cannot be told.
        public var sameText: Bool?

        public var isComplete: Bool { received == sent }
    }

    /// Every successful send, in the order the sends started, matched byte for byte with the peer's
    /// receives.
    public var deliveries: [Delivery] {
        var all: [(started: UInt64, delivery: Delivery)] = []
        for (sender, receiver) in [(TraceEvent.Actor.client, TraceEvent.Actor.server), (.server, .client)] {
            let sends = events.filter {
                $0.phase == .done && $0.actor == sender && ($0.operation == .send || $0.operation == .sendall)
                    && $0.error == nil && ($0.bytes ?? 0) > 0
            }
            var offset = 0
            let receives: [(range: Range<Int>, event: TraceEvent)] = events.filter {
                $0.phase == .done && $0.actor == receiver && $0.operation == .recv && ($0.bytes ?? 0) > 0
            }.map { event in
                defer { offset += event.bytes! }
                return (offset..<offset + event.bytes!, event)
            }
            offset = 0
            for send in sends {
                let range = offset..<offset + send.bytes!
                offset = range.upperBound
                let overlapping = receives.filter { $0.range.overlaps(range) }
                let received = overlapping.reduce(0) { $0 + $1.range.clamped(to: range).count }
                var sameText: Bool?
                if overlapping.count == 1, overlapping[0].range == range, let a = send.preview,
                   let b = overlapping[0].event.preview, !a.hasSuffix("…"), !b.hasSuffix("…") {
                    sameText = a == b
                }
                all.append((send.time &- (send.duration ?? 0), Delivery(sender: sender, step: send.step, sent: range.count,
                                                received: received, sameText: sameText)))
            }
        }
        return all.sorted { $0.started < $1.started }.map(\.delivery)
    }

    // MARK: - The end

    /// How one side learned that the other closed: a `recv` that returned 0 bytes.
    public struct Closure: Sendable, Hashable {
        public var detectedBy: TraceEvent.Actor
        public var step: Int?
        /// The kernel's state for that socket right after (`CLOSE_WAIT`).
        public var state: TCPState?
        /// Whether the program then left its loop (a `peer_closed` moment).
        public var leftLoop: Bool
        /// The call of the other side that sent the FIN (`close`, `shutdown`).
        public var cause: TraceEvent.Operation?
    }

    public var closure: Closure? {
        guard let zero = events.first(where: { $0.phase == .done && $0.operation == .recv && $0.bytes == 0 && $0.error == nil })
        else { return nil }
        let leftLoop = events.contains { $0.seq > zero.seq && $0.actor == zero.actor && $0.operation == .peerClosed }
        let cause = events.last {
            $0.phase == .done && $0.actor != zero.actor && $0.error == nil
                && ($0.operation == .close || $0.operation == .shutdown) && $0.time &- ($0.duration ?? 0) <= zero.time
        }?.operation
        return Closure(detectedBy: zero.actor, step: zero.step, state: zero.tcp?.state, leftLoop: leftLoop, cause: cause)
    }
}
