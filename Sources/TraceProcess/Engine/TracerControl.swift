#if os(Linux)
import Dispatch
import Glibc
import Synchronization

/// What the tracer thread and the caller's threads share: the stop request, the processes alive (so that
/// any thread can kill them), and the two moments a caller waits for (started, finished).
final class TracerControl: Sendable {
    enum StartResult: Sendable {
        case running(pid: Int32)
        case failed(ProcessTraceError)
    }

    private struct State {
        var stopping = false
        var live: Set<Int32> = []
        var start: StartResult?
        var outcome: TraceOutcome?
    }

    private let state = Mutex(State())
    private let startedSignal = DispatchSemaphore(value: 0)
    private let finishedSignal = DispatchSemaphore(value: 0)

    var isStopping: Bool { state.withLock { $0.stopping } }

    /// Kills every traced process (from any thread); the tracer thread kills any that appears later.
    func requestStop() {
        let pids = state.withLock { state -> Set<Int32> in
            state.stopping = true
            return state.live
        }
        for pid in pids { kill(pid, SIGKILL) }
    }

    /// Records a new process; false (and it is killed) when a stop was already asked for.
    @discardableResult
    func register(_ pid: Int32) -> Bool {
        let accepted = state.withLock { state -> Bool in
            state.live.insert(pid)
            return !state.stopping
        }
        if !accepted { kill(pid, SIGKILL) }
        return accepted
    }

    func unregister(_ pid: Int32) {
        _ = state.withLock { $0.live.remove(pid) }
    }

    var livePIDs: Set<Int32> { state.withLock { $0.live } }

    /// Called once by the tracer thread: the command runs, or could not be started.
    func started(_ result: StartResult) {
        let first = state.withLock { state -> Bool in
            guard state.start == nil else { return false }
            state.start = result
            return true
        }
        if first { startedSignal.signal() }
    }

    func waitUntilStarted() -> StartResult {
        startedSignal.wait()
        startedSignal.signal()
        return state.withLock { $0.start! }
    }

    /// Called once by the tracer thread when nothing traced is left.
    func finished(_ outcome: TraceOutcome) {
        state.withLock { $0.outcome = outcome }
        finishedSignal.signal()
    }

    func waitUntilFinished(timeoutNanoseconds: UInt64?) -> TraceOutcome? {
        if let timeoutNanoseconds {
            guard finishedSignal.wait(timeout: .now() + .nanoseconds(Int(clamping: timeoutNanoseconds))) == .success else {
                return nil
            }
        } else {
            finishedSignal.wait()
        }
        finishedSignal.signal()
        return state.withLock { $0.outcome }
    }
}
#endif
