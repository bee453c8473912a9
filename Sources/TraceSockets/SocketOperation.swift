/// The socket calls this layer makes, named as in C.
public enum SocketOperation: String, Sendable, Hashable, CaseIterable, BitwiseCopyable {
    case getaddrinfo, socket, setsockopt, bind, listen, accept, connect, send, sendall, recv, shutdown, close, poll
}

/// Which directions `shutdown` closes.
public enum ShutdownHow: String, Sendable, Hashable, BitwiseCopyable {
    case read = "SHUT_RD"
    case write = "SHUT_WR"
    case both = "SHUT_RDWR"
}

/// The options this layer sets with `setsockopt`.
public enum SocketOption: String, Sendable, Hashable, BitwiseCopyable {
    case reuseAddress = "SO_REUSEADDR"
    case noDelay = "TCP_NODELAY"
    /// `SO_LINGER`; a value of 0 makes `close` send a reset (RST), -1 turns lingering off.
    case linger = "SO_LINGER"
    case ipv6Only = "IPV6_V6ONLY"
    case receiveBuffer = "SO_RCVBUF"
    case sendBuffer = "SO_SNDBUF"
}
