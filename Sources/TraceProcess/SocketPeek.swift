#if os(Linux)
import CPtrace
import Glibc
#endif
import TraceSockets

/// The kernel's view of a traced program's socket, read now from outside the program: what a walkthrough
/// shows while the program waits at a call's entry ("the kernel already did it": the connection waiting in
/// the listen queue, the bytes waiting in the receive buffer, the FIN already in).
///
/// It reads through a duplicate of the program's descriptor, closed at once: while a duplicate is open,
/// the program's own `close()` would not close the socket.
public enum SocketPeek {
    public struct View: Sendable, Hashable {
        /// `TCP_INFO`: the state, a listener's queue, the bytes acknowledged and received.
        public var info: TCPInfo?
        /// Bytes in the receive buffer not read yet.
        public var readableBytes: Int?
    }

    /// Nil when the kernel refuses the duplicate (before Linux 5.6, another user's process) or the
    /// descriptor is not open.
    ///
    /// The corresponding C functions are `pidfd_open`, `pidfd_getfd`, `getsockopt(TCP_INFO)` and `ioctl(FIONREAD)`.
    public static func view(pid: Int32, fd: Int32) -> View? {
        #if os(Linux)
        let process = cptrace_pidfd_open(pid)
        guard process >= 0 else { return nil }
        defer { Glibc.close(process) }
        let own = cptrace_pidfd_getfd(process, fd)
        guard own >= 0 else { return nil }
        defer { Glibc.close(own) }
        var count: Int32 = 0
        let readable = ioctl(own, UInt(FIONREAD), &count) == 0 ? Int(count) : nil
        return View(info: TCPInfo(socket: own), readableBytes: readable)
        #else
        return nil
        #endif
    }
}
