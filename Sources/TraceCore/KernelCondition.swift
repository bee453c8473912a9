/// Something the kernel reports about a socket that a program can wait for (a lesson's
/// `tcp_info until ...`), written in recordings as the `tcp_info` instant's `text`.
public enum KernelCondition: Sendable, Hashable, CustomStringConvertible {
    /// The socket is in this TCP state.
    case state(TCPState)
    /// This many connections wait in the listener's queue for `accept()`.
    case acceptQueue(Int)
    /// The kernel has received at least this many bytes on the connection (read or not).
    case bytesReceived(Int)
    /// The kernel has received every byte the peer's program has sent so far.
    case everythingSent

    /// As written in a lesson's scenario and a recording: `state FIN_WAIT2`, `queue 3`, `received 14`,
    /// `received all`.
    public var description: String {
        switch self {
        case .state(let state): return "state \(state.name)"
        case .acceptQueue(let count): return "queue \(count)"
        case .bytesReceived(let count): return "received \(count)"
        case .everythingSent: return "received all"
        }
    }

    /// Reads the written form back; nil for anything else.
    public init?(_ text: String) {
        let words = text.split(separator: " ")
        guard words.count == 2 else { return nil }
        switch (words[0], words[1]) {
        case ("state", let name): guard let state = TCPState(name: String(name)) else { return nil }; self = .state(state)
        case ("queue", let n): guard let count = Int(n), count >= 0 else { return nil }; self = .acceptQueue(count)
        case ("received", "all"): self = .everythingSent
        case ("received", let n): guard let count = Int(n), count >= 0 else { return nil }; self = .bytesReceived(count)
        default: return nil
        }
    }
}

extension TraceEvent {
    /// What a `tcp_info` instant waited for before reading the kernel's view, typed.
    public var kernelCondition: KernelCondition? {
        get { operation == .tcpInfo ? text.flatMap(KernelCondition.init) : nil }
        set { text = newValue?.description }
    }
}
