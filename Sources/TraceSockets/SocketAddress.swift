/// A numeric IP address and a TCP port.
public struct SocketAddress: Hashable, Sendable, CustomStringConvertible {
    public enum Family: String, Hashable, Sendable {
        case ipv4, ipv6
    }

    public let family: Family
    /// Numeric text: `127.0.0.1`, `::1`.
    public let host: String
    public let port: UInt16
    /// The IPv6 scope (interface) id; 0 otherwise.
    public let scopeID: UInt32
    /// `127.0.0.1:5000` or `[::1]:5000`, computed once because events carry it.
    public let description: String

    init(family: Family, host: String, port: UInt16, scopeID: UInt32 = 0) {
        self.family = family
        self.host = host
        self.port = port
        self.scopeID = scopeID
        self.description = family == .ipv6 ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// A numeric address; nil when `host` is not an IPv4 or IPv6 address in numeric form.
    public init?(numericHost host: String, port: UInt16) {
        if SocketAddress.isNumeric(host, family: .ipv4) {
            self.init(family: .ipv4, host: host, port: port)
        } else if SocketAddress.isNumeric(host, family: .ipv6) {
            self.init(family: .ipv6, host: host, port: port)
        } else {
            return nil
        }
    }

    public static func loopback(_ family: Family = .ipv4, port: UInt16 = 0) -> SocketAddress {
        SocketAddress(family: family, host: family == .ipv4 ? "127.0.0.1" : "::1", port: port)
    }

    /// The same host with another port.
    public func with(port: UInt16) -> SocketAddress {
        SocketAddress(family: family, host: host, port: port, scopeID: scopeID)
    }

    /// Every TCP address for a host name or numeric address, in the resolver's order.
    ///
    /// The corresponding C function is `getaddrinfo`.
    public static func resolve(host: String, port: UInt16, family: Family? = nil) throws(SocketError) -> [SocketAddress] {
        if let numeric = SocketAddress(numericHost: host, port: port), family == nil || numeric.family == family {
            return [numeric]
        }
        switch Sys.resolve(host: host, port: port, family: family) {
        case .success(let list) where !list.isEmpty: return list
        case .success:
            throw SocketError(.resolver(ResolverError(code: 0, name: "EAI_NONAME", message: "no address for \(host)")),
                              operation: .getaddrinfo)
        case .failure(let e): throw SocketError(.resolver(e), operation: .getaddrinfo)
        }
    }
}
