#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import Foundation

/// A test's own TCP peer on 127.0.0.1, with plain libc calls: a client that can hold a connection
/// open, reset it (SO_LINGER 0), or find that nothing listens any more.
final class LoopbackPeer {
    let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    /// Connects to 127.0.0.1:`port`; nil when the connection is refused (or fails otherwise).
    static func open(to port: UInt16) -> LoopbackPeer? {
        #if os(Linux)
        let stream = Int32(SOCK_STREAM.rawValue)
        #else
        let stream = SOCK_STREAM
        #endif
        let fd = socket(AF_INET, stream, 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard rc == 0 else {
            let saved = errno
            close(fd)
            errno = saved
            return nil
        }
        return LoopbackPeer(fd: fd)
    }

    /// Whether a connection to 127.0.0.1:`port` is refused (ECONNREFUSED): nothing listens there.
    static func isRefused(_ port: UInt16) -> Bool {
        guard let peer = open(to: port) else { return errno == ECONNREFUSED }
        peer.closeSocket()
        return false
    }

    /// Closes with SO_LINGER 0: the kernel sends an RST instead of a FIN.
    func reset() {
        var option = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        closeSocket()
    }

    func closeSocket() { _ = close(fd) }
}
