#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Values read from another process's memory or from the Linux kernel as raw bytes (a tracer reads them):
// decoded at Linux's offsets whatever the machine this runs on.

extension SocketAddress {
    /// Decodes a Linux `sockaddr_in` (family 2) or `sockaddr_in6` (family 10) as raw bytes; nil for other
    /// families or too few bytes.
    public init?(kernelBytes bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 2 else { return nil }
        let family = bytes.loadUnaligned(as: UInt16.self)
        func port() -> UInt16 { UInt16(bytes[2]) << 8 | UInt16(bytes[3]) }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch family {
        case 2 where bytes.count >= 8:
            var address = in_addr()
            withUnsafeMutableBytes(of: &address) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[4..<8])) }
            guard inet_ntop(AF_INET, &address, &text, socklen_t(text.count)) != nil else { return nil }
            self.init(family: .ipv4, host: KernelBytes.string(text), port: port())
        case 10 where bytes.count >= 24:
            var address = in6_addr()
            withUnsafeMutableBytes(of: &address) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[8..<24])) }
            guard inet_ntop(AF_INET6, &address, &text, socklen_t(text.count)) != nil else { return nil }
            let scope = bytes.count >= 28 ? bytes.loadUnaligned(fromByteOffset: 24, as: UInt32.self) : 0
            self.init(family: .ipv6, host: KernelBytes.string(text), port: port(), scopeID: scope)
        default:
            return nil
        }
    }

    /// The address a socket descriptor of this process is bound to.
    ///
    /// The corresponding C function is `getsockname`.
    public init?(localOf fd: Int32) {
        guard let address = Sys.address(fd, peer: false) else { return nil }
        self = address
    }

    /// The address of a connected socket's peer.
    ///
    /// The corresponding C function is `getpeername`.
    public init?(peerOf fd: Int32) {
        guard let address = Sys.address(fd, peer: true) else { return nil }
        self = address
    }
}

extension TCPInfo {
    /// Decodes the Linux kernel's `struct tcp_info` from the bytes `getsockopt(TCP_INFO)` filled in;
    /// fields beyond them stay nil.
    public init(kernelBytes bytes: UnsafeRawBufferPointer) {
        self.init(linuxBytes: bytes)
    }

    /// The kernel's view of a TCP socket descriptor of this process; nil where the platform gives none
    /// or the descriptor is not a TCP socket.
    ///
    /// The corresponding C function is `getsockopt(IPPROTO_TCP, TCP_INFO)`.
    public init?(socket fd: Int32) {
        guard let info = Sys.tcpInfo(fd) else { return nil }
        self = info
    }
}

private enum KernelBytes {
    static func string(_ chars: [CChar]) -> String {
        String(decoding: chars.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
