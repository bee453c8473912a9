import TraceCore

/// The tool's guard over calls that could wait for ever (an `accept` nobody connects to, a `recv` of a
/// message that never comes): each wait is armed with a deadline, and one that passes is handed to
/// its `expire` closure on the watchdog's own thread, which stops the run as the tool (never by a call
/// the program did not make).
public final class Watchdog: @unchecked Sendable {
    // Guarded by `condition`.
    private let condition = ThreadCondition()
    private var armed: [Int: (deadline: UInt64, expire: @Sendable () -> Void)] = [:]
    private var nextToken = 0
    private var stopped = false

    public init() {
        DetachedThread.start(name: "trace-watchdog") { [self] in watch() }
    }

    /// Starts guarding a wait: `expire` runs once `timeout` has passed; returns the token that ends it.
    public func arm(for timeout: Duration, expire: @escaping @Sendable () -> Void) -> Int {
        let nanoseconds = timeout.nanoseconds
        condition.lock()
        defer { condition.unlock() }
        nextToken += 1
        armed[nextToken] = (MonotonicClock.now() &+ nanoseconds, expire)
        condition.broadcast()
        return nextToken
    }

    public func disarm(_ token: Int) {
        condition.lock()
        armed[token] = nil
        condition.unlock()
    }

    /// Runs `body` guarded: `expire` runs after `timeout` unless `body` returns first.
    public func guarding<T, E: Error>(for timeout: Duration, expire: @escaping @Sendable () -> Void,
                               _ body: () throws(E) -> T) throws(E) -> T {
        let token = arm(for: timeout, expire: expire)
        defer { disarm(token) }
        return try body()
    }

    /// Ends the watchdog's thread; nothing expires after this.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func watch() {
        condition.lock()
        defer { condition.unlock() }
        while !stopped {
            guard let (token, next) = armed.min(by: { $0.value.deadline < $1.value.deadline }) else {
                condition.wait()
                continue
            }
            let now = MonotonicClock.now()
            if now >= next.deadline {
                armed[token] = nil
                condition.unlock()
                next.expire()
                condition.lock()
                continue
            }
            condition.wait(untilMonotonic: next.deadline)
        }
    }
}

extension Socket {
    /// Runs `body` (calls on this socket that may block) under a guard: past `timeout`, the tool
    /// interrupts the socket (`interrupt()`, reported as the tool's), so that the blocked call returns.
    /// Nothing else happens when `body` finishes in time.
    public func withDeadline<T, E: Error>(_ timeout: Duration, _ body: () throws(E) -> T) throws(E) -> T {
        let watchdog = Watchdog()
        defer { watchdog.stop() }
        return try watchdog.guarding(for: timeout, expire: { [self] in interrupt() }, body)
    }
}
