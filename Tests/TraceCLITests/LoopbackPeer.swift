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
        var (fd, address) = loopbackSocket(port: port)
        guard fd >= 0 else { return nil }
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

extension LoopbackPeer {
    /// Whether the other end closed the connection (a read returns 0) within `seconds`.
    func seesEndOfStream(within seconds: Int32) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        for _ in 0..<1000 {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, seconds * 1000) == 1 else { return false }
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 { return true }
            if n < 0 { return false }
        }
        return false
    }
}

/// A listening socket of the test's own on 127.0.0.1 that never accepts: the kernel completes each
/// connection and keeps what a client sends, and nobody answers (a client then waits in `recv()`).
final class SilentListener {
    let fd: Int32
    let port: UInt16

    init() throws {
        var (fd, address) = loopbackSocket()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard fd >= 0, bound == 0, listen(fd, 8) == 0 else { throw Failure() }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        self.fd = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    struct Failure: Error {}

    deinit { _ = close(fd) }
}
