#if os(Linux)
import TraceSockets

/// Decodes a call's arguments at its entry, reading what they point to in the stopped tracee.
struct ArgumentDecoder {
    let memory: RemoteMemory
    /// Whether a descriptor of the process is a TCP socket (for the lists of `poll` and `select`).
    let isTCPSocket: (Int32) -> Bool

    /// The most descriptors read from a `poll` list.
    static let pollLimit = 1024

    func decode(_ call: SystemCall, _ r: [UInt64], epollSet: [EpollRegistration]? = nil) -> CallArguments {
        var a = CallArguments(registers: r)
        func fd(_ i: Int) -> Int32 { Int32(truncatingIfNeeded: r[i]) }
        func int32(_ i: Int) -> Int32 { Int32(truncatingIfNeeded: r[i]) }
        func count(_ i: Int) -> Int { Int(truncatingIfNeeded: r[i]) }
        switch call {
        case .socket, .socketpair:
            a.addressFamily = AddressFamily(linuxValue: int32(0))
            a.socketType = SocketType(linuxValue: int32(1))
            a.socketFlags = SocketFlags(rawValue: int32(1) & ~0xf)
            a.protocolNumber = int32(2)
        case .bind, .connect:
            a.fd = fd(0)
            if let (family, address) = memory.socketAddress(at: r[1], length: count(2)) {
                a.addressFamily = family
                a.address = address
            }
        case .listen:
            a.fd = fd(0)
            a.backlog = int32(1)
        case .accept, .accept4:
            a.fd = fd(0)
            if call == .accept4 { a.socketFlags = SocketFlags(rawValue: int32(3)) }
        case .send, .sendto, .recv, .recvfrom:
            a.fd = fd(0)
            a.byteCount = count(2)
            a.messageFlags = MessageFlags(rawValue: int32(3))
            if call == .sendto, let (family, address) = memory.socketAddress(at: r[4], length: count(5)) {
                a.addressFamily = family
                a.address = address
            }
        case .sendmsg, .recvmsg:
            a.fd = fd(0)
            a.messageFlags = MessageFlags(rawValue: int32(2))
            if let header = MessageHeader(memory: memory, at: r[1]) {
                a.byteCount = header.vectors.reduce(0) { $0 + $1.1 }
                if call == .sendmsg, let (family, address) = memory.socketAddress(at: header.name, length: header.nameLength) {
                    a.addressFamily = family
                    a.address = address
                }
            }
        case .read, .write:
            a.fd = fd(0)
            a.byteCount = count(2)
        case .readv, .writev:
            a.fd = fd(0)
            a.byteCount = memory.iovecs(at: r[1], count: count(2)).reduce(0) { $0 + $1.1 }
        case .shutdown:
            a.fd = fd(0)
            a.shutdown = ShutdownMode(rawValue: int32(1))
        case .close:
            a.fd = fd(0)
        case .closeRange:
            a.fd = fd(0)
            a.targetFD = Int32(truncatingIfNeeded: min(r[1], UInt64(Int32.max)))
        case .poll, .ppoll:
            a.waited = pollList(at: r[0], count: count(1), afterCall: false)
            if call == .poll {
                a.timeout = int32(2) < 0 ? .forever : .nanoseconds(Int64(int32(2)) * 1_000_000)
            } else {
                a.timeout = r[2] == 0 ? .forever : memory.duration(at: r[2], microseconds: false).map { .nanoseconds($0) }
            }
        case .select, .pselect6:
            a.waited = selectSets(count: count(0), r[1], r[2], r[3]).map {
                WaitedDescriptor(fd: $0.fd, events: $0.events, isTCPSocket: isTCPSocket($0.fd))
            }
            a.timeout = r[4] == 0 ? .forever
                : memory.duration(at: r[4], microseconds: call == .select).map { .nanoseconds($0) }
        case .epollWait, .epollPwait, .epollPwait2:
            a.fd = fd(0)
            a.waited = epollSet?.map {
                WaitedDescriptor(fd: $0.fd, events: PollEvents(rawValue: $0.events), isTCPSocket: isTCPSocket($0.fd))
            }
            if call == .epollPwait2 {
                a.timeout = r[3] == 0 ? .forever : memory.duration(at: r[3], microseconds: false).map { .nanoseconds($0) }
            } else {
                a.timeout = int32(3) < 0 ? .forever : .nanoseconds(Int64(int32(3)) * 1_000_000)
            }
        case .epollCtl:
            a.fd = fd(0)
            a.epollOperation = EpollOperation(rawValue: int32(1))
            a.targetFD = fd(2)
        case .dup:
            a.fd = fd(0)
        case .dup2, .dup3:
            a.fd = fd(0)
            a.targetFD = fd(1)
        case .fcntl:
            a.fd = fd(0)
            let command = FcntlCommand(linuxValue: int32(1))
            a.fcntlCommand = command
            a.fcntlArgument = Int64(bitPattern: r[2])
            if command.isDuplicate { a.targetFD = int32(2) }
        case .setsockopt, .getsockopt:
            a.fd = fd(0)
            let option = SocketOptionName(level: int32(1), option: int32(2))
            a.option = option
            if call == .setsockopt, let bytes = memory.read(r[3], count: min(count(4), 64)) {
                a.optionValue = SocketOptionValue(layout: option.layout, bytes: bytes)
            }
        case .getsockname, .getpeername:
            a.fd = fd(0)
        }
        return a
    }

    /// `struct pollfd` entries: what each asks for and, read again after the call, what is ready.
    func pollList(at address: UInt64, count: Int, afterCall: Bool) -> [WaitedDescriptor] {
        let count = min(max(count, 0), ArgumentDecoder.pollLimit)
        guard count > 0, let bytes = memory.read(address, count: count * 8), bytes.count == count * 8 else { return [] }
        return (0..<count).compactMap { i in
            let fd = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: i * 8, as: Int32.self) }
            guard fd >= 0 else { return nil }
            let events = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: i * 8 + 4, as: UInt16.self) }
            let ready = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: i * 8 + 6, as: UInt16.self) }
            return WaitedDescriptor(fd: fd, events: PollEvents(rawValue: UInt32(events)),
                                    ready: afterCall ? PollEvents(rawValue: UInt32(ready)) : nil, isTCPSocket: isTCPSocket(fd))
        }
    }

    /// The descriptors in `select`'s three `fd_set`s, as poll events (read: POLLIN, write: POLLOUT, except: POLLPRI).
    func selectSets(count: Int, _ read: UInt64, _ write: UInt64, _ except: UInt64) -> [(fd: Int32, events: PollEvents)] {
        let count = min(max(count, 0), 1024)
        var events: [Int32: PollEvents] = [:]
        for (address, event) in [(read, PollEvents.readable), (write, .writable), (except, .urgent)] {
            guard let bits = memory.read(address, count: (count + 7) / 8) else { continue }
            for fd in 0..<min(count, bits.count * 8) where bits[fd / 8] & (1 << (fd % 8)) != 0 {
                events[Int32(fd), default: []].insert(event)
            }
        }
        return events.keys.sorted().map { ($0, events[$0]!) }
    }
}

/// The parts of a `struct msghdr` the tracer reads.
struct MessageHeader {
    let name: UInt64
    let nameLength: Int
    let vectors: [(UInt64, Int)]

    init?(memory: RemoteMemory, at address: UInt64) {
        guard let bytes = memory.read(address, count: 56), bytes.count == 56 else { return nil }
        func u64(_ offset: Int) -> UInt64 { bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) } }
        name = u64(0)
        nameLength = Int(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self) })
        vectors = memory.iovecs(at: u64(16), count: Int(truncatingIfNeeded: u64(24)))
    }
}
#endif
