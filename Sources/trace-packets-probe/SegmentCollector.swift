import Synchronization
import TracePackets
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The segments a capture delivered, for a thread that waits until some condition on them holds.
final class SegmentCollector: Sendable {
    private let store = Mutex<[TCPSegment]>([])

    var segments: [TCPSegment] { store.withLock { $0 } }

    /// The capture handler.
    var handler: @Sendable (TCPSegment) -> Void {
        { [self] segment in store.withLock { $0.append(segment) } }
    }

    /// Polls every millisecond until `condition` holds for the segments so far, or `seconds` pass.
    func wait(seconds: Double = 5, until condition: ([TCPSegment]) -> Bool) -> Bool {
        let polls = Int(seconds * 1000)
        for _ in 0..<polls {
            if condition(segments) { return true }
            var pause = timespec(tv_sec: 0, tv_nsec: 1_000_000)
            nanosleep(&pause, nil)
        }
        return condition(segments)
    }
}
