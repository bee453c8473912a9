import TraceCore

/// A classroom pace: the programs run as they would, but each numbered step that sets something
/// going (a `connect`, a send, a `print`, a `close`) waits `delay` first, so the class sees one beat
/// at a time. Calls that wait for the other program (`accept`, `recv`) are not delayed: they start
/// at once and are seen waiting, and they return in the same beat as the step that wakes them.
public final class ClassroomPacer: Pacer, @unchecked Sendable {
    public let delay: Duration
    private let delayed: Set<Int>
    // Guarded by `lock`.
    private let lock = ThreadCondition()
    private weak var run: ScenarioRun?

    public init(scenario: Scenario, delay: Duration) {
        self.delay = delay
        delayed = Set(scenario.actions.indices.filter { index in
            let action = scenario.actions[index]
            guard action.step != nil else { return false }
            switch action.call {
            case .accept, .recv: return false
            default: return true
            }
        })
    }

    public func attach(_ run: ScenarioRun) {
        lock.lock()
        self.run = run
        lock.unlock()
    }

    /// Waits out the delay before a delayed step, in short slices so a cancelled run stops at once.
    public func waitForTurn(_ index: Int) throws(ScenarioStop) {
        guard delayed.contains(index) else { return }
        let clock = ContinuousClock()
        let deadline = clock.now + delay
        while clock.now < deadline {
            lock.lock()
            let cancelled = run?.isCancelled ?? false
            lock.unlock()
            if cancelled { throw .cancelled }
            MonotonicClock.sleep(for: min(deadline - clock.now, .milliseconds(50)))
        }
    }
}
