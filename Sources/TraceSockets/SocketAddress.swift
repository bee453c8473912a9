/// A numeric IP address and a TCP port.
public struct SocketAddress: Hashable, Sendable, CustomStringConvertible {
    public enum Family: String, Hashable, Sendable, BitwiseCopyable {
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
    /// The same address as plain bytes, for records made on a hot path.
    public let packed: PackedAddress

    init(family: Family, host: String, port: UInt16, scopeID: UInt32 = 0) {
        self.family = family
        self.host = host
        self.port = port
        self.scopeID = scopeID
        self.description = family == .ipv6 ? "[\(host)]:\(port)" : "\(host):\(port)"
        self.packed = PackedAddress(family: family, host: host, port: port, scopeID: scopeID)
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

extension SocketAddress {
    /// `127.0.0.0/8`, `::1` or an IPv4-mapped loopback: reachable only from this machine.
    public var isLoopback: Bool {
        host.hasPrefix("127.") || host == "::1" || host.hasPrefix("::ffff:127.")
    }

    /// `0.0.0.0` or `::`: a server bound here listens on every interface of the machine.
    public var isWildcard: Bool { host == "0.0.0.0" || host == "::" }

    /// An IPv6 link-local address (`fe80::`), usable only with its interface.
    public var isLinkLocal: Bool { family == .ipv6 && host.lowercased().hasPrefix("fe80:") }

    /// This machine's own addresses on its network interfaces (loopback excluded), port 0: where other
    /// machines can reach a server bound to every interface.
    public static func interfaceAddresses() -> [SocketAddress] { Sys.interfaceAddresses() }
}
