#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import CShims

/// A mutex and a condition variable, for threads that wait for shared state to change: what
/// Foundation's `NSCondition` does, without Foundation (whose start-up the executable does not pay).
/// Deadlines are on the monotonic clock, so a change of the wall clock never cuts a wait short or
/// makes it last.
public final class ThreadCondition: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    public init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        #if os(Linux)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        #endif
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    public func lock() { pthread_mutex_lock(mutex) }
    public func unlock() { pthread_mutex_unlock(mutex) }
    public func broadcast() { pthread_cond_broadcast(condition) }

    /// Waits until woken (the lock held before and after).
    public func wait() { pthread_cond_wait(condition, mutex) }

    /// Waits until woken or until the monotonic clock reaches `deadline` (nanoseconds); false when the
    /// deadline passed.
    @discardableResult
    public func wait(untilMonotonic deadline: UInt64) -> Bool {
        #if os(Linux)
        var time = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        return pthread_cond_timedwait(condition, mutex, &time) == 0
        #else
        let now = MonotonicClock.now()
        guard deadline > now else { return false }
        let left = deadline - now
        var relative = timespec(tv_sec: Int(left / 1_000_000_000), tv_nsec: Int(left % 1_000_000_000))
        return pthread_cond_timedwait_relative_np(condition, mutex, &relative) == 0
        #endif
    }

    /// Waits at most `timeout`; false when it passed without a wake-up.
    @discardableResult
    public func wait(for timeout: Duration) -> Bool {
        wait(untilMonotonic: MonotonicClock.now() &+ timeout.nanoseconds)
    }

    /// Runs `body` with the lock held.
    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock()
        defer { unlock() }
        return try body()
    }
}

extension Duration {
    /// The duration in whole nanoseconds (0 for a negative one).
    public var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(max(attoseconds, 0) / 1_000_000_000)
    }
}

/// A thread of its own for blocking work (a socket call that waits, a tracer's reader): a pthread, never
/// one of Swift's cooperative threads, and no Foundation.
public enum DetachedThread {
    /// Starts `body` on a new thread named `name` (Linux shows the first 15 bytes).
    ///
    /// The corresponding C function is `pthread_create`.
    public static func start(name: String, stackSize: Int? = nil, _ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(ThreadBody(name: name, body: body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        if let stackSize { pthread_attr_setstacksize(&attributes, max(stackSize, 1 << 16)) }
        #if os(Linux)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let rc = pthread_create(&thread, &attributes, { raw in
            let body = Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue()
            body.run()
            return nil
        }, box)
        pthread_attr_destroy(&attributes)
        precondition(rc == 0, "pthread_create failed: \(rc)")
    }
}

private final class ThreadBody: @unchecked Sendable {
    let name: String
    let body: @Sendable () -> Void

    init(name: String, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.body = body
    }

    func run() {
        name.withCString { cshims_name_this_thread($0) }
        body()
    }
}
