import TraceCore

/// Runs blocking work (socket calls that wait) on a thread of its own, so it never occupies one of the
/// few threads of Swift's cooperative pool, and hands back its result when joined.
public final class BlockingThread<T: Sendable>: @unchecked Sendable {
    // `result` is guarded by `condition`.
    private let condition = ThreadCondition()
    private var result: Result<T, any Error>?

    public init(name: String? = nil, _ body: @escaping @Sendable () throws -> T) {
        DetachedThread.start(name: name ?? "trace-work") { [self] in
            let outcome = Result { try body() }
            condition.lock()
            result = outcome
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Waits for the work to end and returns its value (or rethrows its error).
    public func join() throws -> T {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return try result!.get()
    }

    /// Like `join()`, but gives up after `timeout` with `BlockingThread.TimedOut`.
    public func join(timeout: Duration) throws -> T {
        let deadline = MonotonicClock.now() &+ timeout.nanoseconds
        condition.lock()
        defer { condition.unlock() }
        while result == nil {
            if !condition.wait(untilMonotonic: deadline) && result == nil { throw TimedOut() }
        }
        return try result!.get()
    }

    public struct TimedOut: Error, CustomStringConvertible {
        public var description: String { "the thread did not finish in time" }
    }
}
