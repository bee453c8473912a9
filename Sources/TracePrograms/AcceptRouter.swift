import Synchronization
import TraceSockets
import SocketTracing

/// The listening socket's observer: its own calls go to the server's lane, but each `accept()` goes to
/// the lane of the connection it is about to produce, so the diagram shows `#3 accept()` on client 3's line.
final class AcceptRouter: SocketObserver {
    let server: TraceLane
    private let acceptLane: Mutex<TraceLane?> = Mutex(nil)

    init(server: TraceLane) { self.server = server }

    func wantsKernelView(after call: SocketCallDone) -> Bool { lane(for: call.start.operation).wantsKernelView(after: call) }

    /// The lane the next `accept()` reports to.
    func route(acceptTo lane: TraceLane) { acceptLane.withLock { $0 = lane } }

    func callStarted(_ call: SocketCallStart) -> UInt64 { lane(for: call.operation).callStarted(call) }

    func callFinished(_ call: SocketCallDone) { lane(for: call.start.operation).callFinished(call) }

    private func lane(for operation: SocketOperation) -> TraceLane {
        operation == .accept ? acceptLane.withLock { $0 } ?? server : server
    }
}
