import TracePrograms
import TraceText
import Synchronization
import TraceCore

/// Keeps events back until `release()`, then passes them on in order, and every later one directly:
/// `trace server` says where it listens on its first line, before the setup calls that led there.
final class HoldingSink: EventSink {
    private let downstream: any EventSink
    private let state = Mutex<(released: Bool, held: [TraceEvent])>((false, []))

    init(_ downstream: any EventSink) { self.downstream = downstream }

    func receive(_ event: TraceEvent) {
        // Events reach a sink one at a time (the tracer's lock), so order is kept while holding this one.
        let passOn = state.withLock { s -> Bool in
            if !s.released { s.held.append(event) }
            return s.released
        }
        if passOn { downstream.receive(event) }
    }

    /// Passes on what was held; from now on events go straight through.
    func release() {
        state.withLock { s in
            for event in s.held { downstream.receive(event) }
            s.held.removeAll()
            s.released = true
        }
    }
}
