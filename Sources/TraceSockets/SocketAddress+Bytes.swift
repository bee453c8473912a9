#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SocketAddress {
    /// An address from its bytes in network order, as they stand in an IP header: 4 bytes for IPv4,
    /// 16 for IPv6; nil for any other count.
    ///
    /// The corresponding C function is `inet_ntop`.
    public init?(networkBytes bytes: UnsafeRawBufferPointer, port: UInt16) {
        var storage = sockaddr_storage()
        let filled: Bool = withUnsafeMutableBytes(of: &storage) { raw in
            switch bytes.count {
            case 4:
                var sin = sockaddr_in()
                sin.sin_family = sa_family_t(AF_INET)
                withUnsafeMutableBytes(of: &sin.sin_addr) { $0.copyMemory(from: bytes) }
                withUnsafeBytes(of: &sin) { raw.copyMemory(from: $0) }
                return true
            case 16:
                var sin6 = sockaddr_in6()
                sin6.sin6_family = sa_family_t(AF_INET6)
                withUnsafeMutableBytes(of: &sin6.sin6_addr) { $0.copyMemory(from: bytes) }
                withUnsafeBytes(of: &sin6) { raw.copyMemory(from: $0) }
                return true
            default:
                return false
            }
        }
        guard filled, let decoded = SocketAddress(storage: storage) else { return nil }
        self = decoded.with(port: port)
    }

    /// The address's bytes in network order: 4 for IPv4, 16 for IPv6.
    ///
    /// The corresponding C function is `inet_pton`.
    public var networkBytes: [UInt8] {
        var bytes = [UInt8](repeating: 0, count: family == .ipv4 ? 4 : 16)
        _ = bytes.withUnsafeMutableBytes { inet_pton(Sys.family(family), host, $0.baseAddress) }
        return bytes
    }
}
