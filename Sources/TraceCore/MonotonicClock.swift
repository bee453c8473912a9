#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

public enum MonotonicClock {
    /// Nanoseconds on the monotonic clock.
    ///
    /// The corresponding C function is `clock_gettime(CLOCK_MONOTONIC)`.
    @inline(__always)
    public static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}

public enum WallClock {
    /// Nanoseconds since 1970 on the wall clock.
    ///
    /// The corresponding C function is `clock_gettime(CLOCK_REALTIME)`.
    public static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) &* 1_000_000_000 &+ Int64(ts.tv_nsec)
    }

    /// A monotonic instant and the wall-clock time at that instant: the wall reading taken between two
    /// monotonic ones, from the tightest of a few tries, paired with their midpoint.
    public static func pairedWithMonotonic() -> (monotonic: UInt64, wall: Int64) {
        var best: (window: UInt64, monotonic: UInt64, wall: Int64)?
        for _ in 0..<3 {
            let before = MonotonicClock.now()
            let wall = now()
            let after = MonotonicClock.now()
            let window = after &- before
            if best == nil || window < best!.window { best = (window, before &+ window / 2, wall) }
        }
        return (best!.monotonic, best!.wall)
    }
}

extension MonotonicClock {
    /// Sleeps this thread for `duration` (nothing for a zero or negative one), resuming after a signal
    /// until the time has passed.
    ///
    /// The corresponding C function is `nanosleep`.
    public static func sleep(for duration: Duration) {
        let total = duration.nanoseconds
        guard total > 0 else { return }
        var request = timespec(tv_sec: Int(total / 1_000_000_000), tv_nsec: Int(total % 1_000_000_000))
        var left = timespec()
        while nanosleep(&request, &left) != 0 && errno == EINTR { request = left }
    }
}
