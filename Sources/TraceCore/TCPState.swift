/// TCP connection states as the kernel names them.
public enum TCPState: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible, BitwiseCopyable {
    case established = 1, synSent, synReceived, finWait1, finWait2, timeWait, close, closeWait, lastAck, listen,
         closing, newSynReceived

    /// The kernel's name: `ESTABLISHED`, `CLOSE_WAIT`, ...
    public var name: String {
        switch self {
        case .established: return "ESTABLISHED"
        case .synSent: return "SYN_SENT"
        case .synReceived: return "SYN_RECV"
        case .finWait1: return "FIN_WAIT1"
        case .finWait2: return "FIN_WAIT2"
        case .timeWait: return "TIME_WAIT"
        case .close: return "CLOSE"
        case .closeWait: return "CLOSE_WAIT"
        case .lastAck: return "LAST_ACK"
        case .listen: return "LISTEN"
        case .closing: return "CLOSING"
        case .newSynReceived: return "NEW_SYN_RECV"
        }
    }

    public init?(name: String) {
        guard let match = TCPState.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    public var description: String { name }
}
