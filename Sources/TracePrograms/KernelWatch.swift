import TraceCore
import TraceSockets

/// Waits for the kernel to report something about a socket, reading `TCP_INFO` every millisecond,
/// bounded in time and in count. The kernel acts on its own schedule (an acknowledgement may come
/// 40 ms later): a lesson that shows a state waits for it instead of hoping.
enum KernelWatch {
    enum Outcome {
        /// The condition holds (or there was none); the view that showed it, nil where the platform gives none.
        case reported(TCPInfo?)
        case timedOut(last: TCPInfo?)
        case stopped
    }

    /// `peerSent` tells how many bytes the peer's program has handed to its kernel so far.
    static func wait(on socket: Socket, for condition: Scenario.KernelCondition?, timeout: Duration,
                     peerSent: () -> Int, isStopping: () -> Bool) -> Outcome {
        let pause = 0.001
        let attempts = max(1, Int(timeout.seconds / pause))
        var last: TCPInfo?
        for attempt in 0...attempts {
            if isStopping() { return .stopped }
            guard let view = socket.kernelView() else { return .reported(nil) }
            last = view
            guard let condition else { return .reported(view) }
            if holds(condition, in: view, peerSent: peerSent) { return .reported(view) }
            if attempt < attempts { MonotonicClock.sleep(for: .milliseconds(1)) }
        }
        return .timedOut(last: last)
    }

    static func holds(_ condition: Scenario.KernelCondition, in view: TCPInfo, peerSent: () -> Int) -> Bool {
        switch condition {
        case .state(let state): return view.state == state
        case .acceptQueue(let count): return view.acceptQueue.map { Int($0) == count } ?? false
        case .bytesReceived(let count): return view.bytesReceived.map { $0 >= UInt64(max(count, 0)) } ?? false
        case .everythingSent: return view.bytesReceived.map { $0 >= UInt64(max(peerSent(), 0)) } ?? false
        }
    }
}
