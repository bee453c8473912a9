// The one file of this module that calls the packet-socket C functions. Each wrapper returns a Result and
// never leaves `errno` for someone else to read.
#if os(Linux)
import CPacket
import Glibc
import TraceSockets

enum PacketSys {
    private static func check(_ value: Int32) -> Result<Int32, Errno> {
        value == -1 ? .failure(Errno(rawValue: errno)) : .success(value)
    }

    /// The corresponding C function is `socket(AF_PACKET, SOCK_RAW, 0)`.
    static func openPacketSocket() -> Result<Int32, Errno> { check(cpacket_open()) }

    /// The corresponding C function is `bind` with a `sockaddr_ll` for ETH_P_ALL.
    static func bind(_ fd: Int32, interfaceIndex: Int32) -> Result<Void, Errno> {
        check(cpacket_bind(fd, interfaceIndex)).map { _ in }
    }

    /// The corresponding C function is `setsockopt(SO_TIMESTAMPNS)`.
    static func enableTimestamps(_ fd: Int32) -> Result<Void, Errno> {
        check(cpacket_enable_timestamps(fd)).map { _ in }
    }

    /// The corresponding C function is `setsockopt(SO_ATTACH_FILTER)`.
    static func attachTCPFilter(_ fd: Int32) -> Result<Void, Errno> {
        check(cpacket_attach_tcp_filter(fd)).map { _ in }
    }

    /// The corresponding C function is `setsockopt(SO_RCVBUF)`.
    static func setReceiveBuffer(_ fd: Int32, bytes: Int32) -> Result<Void, Errno> {
        var value = bytes
        return check(setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &value, socklen_t(MemoryLayout<Int32>.size))).map { _ in }
    }

    /// Frames queued and dropped since the last call.
    ///
    /// The corresponding C function is `getsockopt(PACKET_STATISTICS)`.
    static func statistics(_ fd: Int32) -> Result<(packets: UInt32, drops: UInt32), Errno> {
        var packets: UInt32 = 0, drops: UInt32 = 0
        return check(cpacket_statistics(fd, &packets, &drops)).map { _ in (packets, drops) }
    }

    /// One frame, with what the kernel says about it; EINTR is retried.
    ///
    /// The corresponding C function is `recvmsg`.
    @inline(__always)
    static func receive(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, wait: Bool) -> Result<(Int, cpacket_frame_info), Errno> {
        var info = cpacket_frame_info()
        while true {
            let copied = cpacket_receive(fd, buffer.baseAddress, buffer.count, wait ? 0 : Int32(MSG_DONTWAIT), &info)
            if copied >= 0 { return .success((copied, info)) }
            let error = Errno(rawValue: errno)
            if error != .interrupted { return .failure(error) }
        }
    }

    /// The index of a network interface; nil when there is none of that name.
    ///
    /// The corresponding C function is `if_nametoindex`.
    static func interfaceIndex(_ name: String) -> Int32? {
        let index = if_nametoindex(name)
        return index == 0 ? nil : Int32(bitPattern: index)
    }

    /// The corresponding C function is `ioctl(SIOCGIFFLAGS)`.
    static func isInterfaceUp(_ name: String, controlFD: Int32) -> Result<Bool, Errno> {
        check(cpacket_interface_is_up(controlFD, name)).map { $0 == 1 }
    }

    /// The corresponding C function is `ioctl(SIOCSIFFLAGS)` with IFF_UP.
    static func setInterfaceUp(_ name: String, controlFD: Int32) -> Result<Void, Errno> {
        check(cpacket_set_interface_up(controlFD, name)).map { _ in }
    }

    /// Whether this thread has the capability in its effective set.
    ///
    /// The corresponding C function is `capget`.
    static func hasEffectiveCapability(_ capability: Int32) -> Result<Bool, Errno> {
        check(cpacket_has_effective_capability(capability)).map { $0 == 1 }
    }

    static var canCapture: Bool {
        (try? hasEffectiveCapability(Int32(CPACKET_CAP_NET_RAW)).get()) ?? false
    }

    /// The corresponding C function is `unshare(CLONE_NEWUSER | CLONE_NEWNET)`.
    static func unshareUserAndNetwork() -> Result<Void, Errno> {
        check(cpacket_unshare_user_and_network()).map { _ in }
    }

    /// A datagram socket for interface ioctls.
    ///
    /// The corresponding C function is `socket(AF_INET, SOCK_DGRAM, 0)`.
    static func controlSocket() -> Result<Int32, Errno> {
        check(socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0))
    }

    /// A pipe whose ends close on exec.
    ///
    /// The corresponding C function is `pipe2` with O_CLOEXEC.
    static func pipe() -> Result<(read: Int32, write: Int32), Errno> {
        var ends: [Int32] = [-1, -1]
        return check(cpacket_pipe(&ends)).map { _ in (ends[0], ends[1]) }
    }

    /// Waits for any of `fds` to be readable; returns which are (POLLIN or an error condition).
    ///
    /// The corresponding C function is `poll`.
    static func waitReadable(_ fds: [Int32], timeoutMilliseconds: Int32) -> Result<[Bool], Errno> {
        var polls = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let rc = poll(&polls, nfds_t(polls.count), timeoutMilliseconds)
        if rc == -1 { return .failure(Errno(rawValue: errno)) }
        return .success(polls.map { $0.revents != 0 })
    }

    /// The corresponding C function is `close`.
    static func close(_ fd: Int32) {
        if fd >= 0 { _ = Glibc.close(fd) }
    }

    /// Waits for one byte, or for the other end to close; EINTR is retried.
    ///
    /// The corresponding C function is `read`.
    static func awaitByte(_ fd: Int32) {
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == -1 && errno == EINTR {}
    }

    /// Writes one byte (a wake-up); a full pipe already holds one.
    ///
    /// The corresponding C function is `write`.
    static func poke(_ fd: Int32) {
        var byte: UInt8 = 1
        _ = write(fd, &byte, 1)
    }
}
#endif
