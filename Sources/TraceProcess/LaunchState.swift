import Synchronization

/// Whether a tracer was started, and why it failed before it had a thread.
final class LaunchState: Sendable {
    private struct State {
        var claimed = false
        var failure: ProcessTraceError?
    }

    private let state = Mutex(State())

    /// True the first time only.
    func claim() -> Bool {
        state.withLock { state in
            defer { state.claimed = true }
            return !state.claimed
        }
    }

    func failed(_ error: ProcessTraceError) { state.withLock { $0.failure = error } }

    var failure: ProcessTraceError? { state.withLock { $0.failure } }
}
