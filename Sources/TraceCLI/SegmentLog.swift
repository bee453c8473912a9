import Synchronization
import TraceCore
import TraceModel
import TraceTeaching

/// The segments of a run as its diagram shows them, by time, for the walkthrough's line after each stop:
/// a sink beside the diagram that reads the same events through the model (which says who sent each).
final class SegmentLog: EventSink, SegmentWitness {
    private struct State {
        var builder = DiagramBuilder()
        var origin: UInt64 = 0
        var segments: [ObservedSegment] = []
        /// Numbers the segments the capture holds up to now.
        var flush: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    /// Before answering, the segments up to now are numbered through `tracer` (held weakly).
    func flushing(through tracer: Tracer) {
        state.withLock { $0.flush = { [weak tracer] in tracer.map { $0.emitInterleaved(through: $0.now()) } } }
    }

    func receive(_ event: TraceEvent) {
        state.withLock { state in
            if let clock = event.header?.clock { state.origin = clock.monotonicOrigin }
            for row in state.builder.add(event) where row.kind == .segment {
                guard let segment = row.event.segment else { continue }
                state.segments.append(ObservedSegment(time: state.origin &+ row.time, flags: segment.flags,
                                                      payloadLength: segment.payloadLength,
                                                      sender: row.side == .left ? .client : .server,
                                                      duringCall: row.underCall != nil))
            }
        }
    }

    func segments(between start: UInt64, and end: UInt64) -> [ObservedSegment] {
        state.withLock { $0.flush }?()
        return state.withLock { state in
            state.segments.filter { (start...end).contains($0.time) }.sorted { $0.time < $1.time }
        }
    }
}
