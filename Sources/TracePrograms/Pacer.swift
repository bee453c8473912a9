import TraceCore

/// Decides when each action of a scenario may start. An actor's thread asks before every action.
public protocol Pacer: Sendable {
    /// Returns when action `index` may start; throws `ScenarioStop` when the run is being stopped.
    func waitForTurn(_ index: Int) throws(ScenarioStop)
    /// Called once when a run starts, so the pacer can follow its progress or stop it.
    func attach(_ run: ScenarioRun)
    /// The run is stopping: every waiting and future `waitForTurn` must throw.
    func stop()
}

extension Pacer {
    public func attach(_ run: ScenarioRun) {}
    public func stop() {}
}

/// Why an actor stopped before its script ended.
public enum ScenarioStop: Error, Sendable, Equatable {
    /// The learner (or a signal) asked to stop.
    case cancelled
}

/// Lets every actor run as fast as the kernel allows: the programs' own blocking calls order them,
/// as when the two programs run in two terminals. (`ClassroomPacer` slows a run down for a class.)
public struct FreePacer: Pacer {
    public init() {}

    public func waitForTurn(_ index: Int) throws(ScenarioStop) {}
}

/// Lets actions start one at a time, in list order, each only once it has been granted.
/// A step-by-step walkthrough grants them as the learner asks.
public final class Gate: Pacer, @unchecked Sendable {
    // State guarded by `condition`.
    private let condition = ThreadCondition()
    private var granted = -1
    private var stopped = false

    public init() {}

    public func waitForTurn(_ index: Int) throws(ScenarioStop) {
        condition.lock()
        defer { condition.unlock() }
        while granted < index && !stopped { condition.wait() }
        if stopped { throw .cancelled }
    }

    /// Lets every action up to and including `index` start.
    public func grant(through index: Int) {
        condition.lock()
        granted = max(granted, index)
        condition.broadcast()
        condition.unlock()
    }

    /// Lets everything run to the end without waiting.
    public func grantAll() { grant(through: Int.max - 1) }

    /// Makes every waiting and future `waitForTurn` throw.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
