import Synchronization

/// The TCP ports whose segments a capture keeps; shared between the caller, who adds ports as they become
/// known (a server's port after its bind), and the reader thread, which asks for every frame.
final class PortFilter: Sendable {
    private let state: Mutex<(ports: Set<UInt16>, everyPort: Bool)>

    init(ports: Set<UInt16>, everyPort: Bool) {
        state = Mutex((ports, everyPort))
    }

    func add<S: Sequence<UInt16>>(_ ports: S) {
        state.withLock { $0.ports.formUnion(ports) }
    }

    var ports: Set<UInt16> { state.withLock { $0.ports } }

    /// Whether a segment between these ports is kept: either end on a watched port.
    @inline(__always)
    func keeps(_ source: UInt16, _ destination: UInt16) -> Bool {
        state.withLock { $0.everyPort || $0.ports.contains(source) || $0.ports.contains(destination) }
    }
}
