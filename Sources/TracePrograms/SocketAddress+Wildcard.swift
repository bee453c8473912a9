import TraceSockets

extension SocketAddress {
    /// Whether this is the "every address" of its family: `0.0.0.0` or `::`.
    var isWildcard: Bool { host == "0.0.0.0" || host == "::" }

    /// The "every address" of this family, with this port.
    var wildcard: SocketAddress {
        SocketAddress(numericHost: family == .ipv4 ? "0.0.0.0" : "::", port: port) ?? self
    }
}
