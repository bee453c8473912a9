#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// An address and port as plain bytes (no reference to count, nothing on the heap), so that a record of a
/// call can carry it; its text, `127.0.0.1:5000` or `[::1]:5000`, is made when the record is read.
public struct PackedAddress: Hashable, Sendable, BitwiseCopyable, CustomStringConvertible {
    public let family: SocketAddress.Family
    public let port: UInt16
    public let scopeID: UInt32
    private let high: UInt64
    private let low: UInt64

    init(family: SocketAddress.Family, host: String, port: UInt16, scopeID: UInt32) {
        self.family = family
        self.port = port
        self.scopeID = scopeID
        var raw = in6_addr()
        _ = host.withCString { inet_pton(family == .ipv4 ? AF_INET : AF_INET6, $0, &raw) }
        let (h, l) = withUnsafeBytes(of: &raw) { ($0.loadUnaligned(fromByteOffset: 0, as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
        high = h
        low = l
    }

    /// The numeric host text.
    ///
    /// The corresponding C function is `inet_ntop`.
    public var host: String {
        var raw = (high, low)
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let ok = withUnsafeBytes(of: &raw) { bytes in
            inet_ntop(family == .ipv4 ? AF_INET : AF_INET6, bytes.baseAddress, &text, socklen_t(text.count)) != nil
        }
        guard ok else { return "?" }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public var description: String { family == .ipv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
