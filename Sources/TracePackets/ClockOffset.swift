#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How far CLOCK_REALTIME is ahead of CLOCK_MONOTONIC: what turns the kernel's wall-clock packet stamps
/// into the monotonic time of the traced calls. It changes only when the wall clock is stepped.
public struct ClockOffset: Hashable, Sendable {
    /// REALTIME − MONOTONIC, in nanoseconds.
    public var nanoseconds: Int64
    /// The width of the bracket the offset was read in (MONOTONIC after − before): its uncertainty.
    public var uncertainty: UInt64

    public init(nanoseconds: Int64, uncertainty: UInt64 = 0) {
        self.nanoseconds = nanoseconds
        self.uncertainty = uncertainty
    }

    /// Reads MONOTONIC, REALTIME, MONOTONIC `reads` times and keeps the tightest bracket, taking the wall-clock
    /// reading as made halfway through it.
    ///
    /// The corresponding C function is `clock_gettime`.
    public static func measure(reads: Int = 7) -> ClockOffset {
        var best = ClockOffset(nanoseconds: 0, uncertainty: .max)
        for _ in 0..<max(reads, 1) {
            let before = read(CLOCK_MONOTONIC)
            let wall = read(CLOCK_REALTIME)
            let after = read(CLOCK_MONOTONIC)
            let width = after &- before
            if width < best.uncertainty {
                let middle = before &+ width / 2
                best = ClockOffset(nanoseconds: Int64(bitPattern: wall &- middle), uncertainty: width)
            }
        }
        return best
    }

    /// The monotonic time of a wall-clock moment.
    public func monotonic(fromWallTime wall: UInt64) -> UInt64 {
        UInt64(bitPattern: Int64(bitPattern: wall) &- nanoseconds)
    }

    /// The wall-clock time of a monotonic moment.
    public func wallTime(fromMonotonic monotonic: UInt64) -> UInt64 {
        UInt64(bitPattern: Int64(bitPattern: monotonic) &+ nanoseconds)
    }

    private static func read(_ clock: clockid_t) -> UInt64 {
        var ts = timespec()
        clock_gettime(clock, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}
