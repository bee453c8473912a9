#if os(Linux)
import TraceSockets

/// Decodes what a call returned, at its exit, reading what it wrote into the stopped tracee.
struct OutcomeDecoder {
    let arguments: ArgumentDecoder
    var memory: RemoteMemory { arguments.memory }

    /// Kernel-internal errors of an interrupted call that the kernel restarts (the program never sees them).
    static let restartErrors: Set<Int64> = [512, 513, 514, 516]

    func decode(_ call: SystemCall, _ r: [UInt64], rval: Int64, isError: Bool, time: UInt64,
                epollSet: [EpollRegistration]?) -> SyscallOutcome {
        let restarts = isError && OutcomeDecoder.restartErrors.contains(-rval)
        var o = SyscallOutcome(time: time, returnValue: isError ? -1 : rval,
                               error: isError ? Errno(rawValue: Int32(truncatingIfNeeded: -rval)) : nil, willRestart: restarts)
        guard !isError else { return o }
        let count = Int(truncatingIfNeeded: rval)
        switch call {
        case .socket, .accept, .accept4, .dup, .dup2, .dup3:
            o.newFD = Int32(truncatingIfNeeded: rval)
            if call == .accept || call == .accept4 { o.peerAddress = addressWritten(at: r[1], lengthAt: r[2]) }
        case .fcntl:
            let command = FcntlCommand(linuxValue: Int32(truncatingIfNeeded: r[1]))
            if command.isDuplicate { o.newFD = Int32(truncatingIfNeeded: rval) }
            if command == .getStatusFlags { o.nonBlocking = rval & FcntlCommand.nonBlockingFlag != 0 }
            if command == .setStatusFlags { o.nonBlocking = Int64(bitPattern: r[2]) & FcntlCommand.nonBlockingFlag != 0 }
        case .socketpair:
            o.newFD = memory.int32(at: r[3])
            o.secondFD = memory.int32(at: r[3] &+ 4)
        case .send, .sendto, .recv, .recvfrom, .read, .write:
            o.bytesMoved = count
            o.payload = count > 0 ? memory.read(r[1], count: min(count, SyscallOutcome.previewLimit)) : []
        case .readv, .writev:
            o.bytesMoved = count
            o.payload = memory.gather(memory.iovecs(at: r[1], count: Int(truncatingIfNeeded: r[2])), total: count,
                                      limit: SyscallOutcome.previewLimit)
        case .sendmsg, .recvmsg:
            o.bytesMoved = count
            if let header = MessageHeader(memory: memory, at: r[1]) {
                o.payload = memory.gather(header.vectors, total: count, limit: SyscallOutcome.previewLimit)
            }
        case .getsockopt:
            let option = SocketOptionName(level: Int32(truncatingIfNeeded: r[1]), option: Int32(truncatingIfNeeded: r[2]))
            if let length = memory.int32(at: r[4]), let bytes = memory.read(r[3], count: min(Int(length), 64)) {
                o.optionValue = SocketOptionValue(layout: option.layout, bytes: bytes)
            }
        case .getsockname:
            o.localAddress = addressWritten(at: r[1], lengthAt: r[2])
        case .getpeername:
            o.peerAddress = addressWritten(at: r[1], lengthAt: r[2])
        case .poll, .ppoll:
            o.ready = arguments.pollList(at: r[0], count: Int(truncatingIfNeeded: r[1]), afterCall: true)
                .filter { $0.ready.map { !$0.isEmpty } ?? false }
        case .select, .pselect6:
            o.ready = arguments.selectSets(count: Int(truncatingIfNeeded: r[0]), r[1], r[2], r[3]).map {
                WaitedDescriptor(fd: $0.fd, events: $0.events, ready: $0.events, isTCPSocket: arguments.isTCPSocket($0.fd))
            }
        case .epollWait, .epollPwait, .epollPwait2:
            o.ready = epollReady(at: r[1], count: count, set: epollSet ?? [])
        case .bind, .connect, .listen, .shutdown, .close, .closeRange, .setsockopt, .epollCtl:
            break
        }
        return o
    }

    /// An address a call wrote back (accept, getsockname, getpeername): the length it left, then the bytes.
    private func addressWritten(at address: UInt64, lengthAt lengthAddress: UInt64) -> SocketAddress? {
        guard address != 0, let length = memory.int32(at: lengthAddress) else { return nil }
        return memory.socketAddress(at: address, length: Int(length))?.1
    }

    /// `struct epoll_event` entries the call returned: packed (12 bytes) on x86_64, 16 bytes on aarch64.
    private func epollReady(at address: UInt64, count: Int, set: [EpollRegistration]) -> [WaitedDescriptor] {
        #if arch(x86_64)
        let size = 12, dataOffset = 4
        #else
        let size = 16, dataOffset = 8
        #endif
        let count = min(max(count, 0), 1024)
        guard count > 0, let bytes = memory.read(address, count: count * size), bytes.count == count * size else { return [] }
        return (0..<count).compactMap { i in
            let events = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: i * size, as: UInt32.self) }
            let data = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: i * size + dataOffset, as: UInt64.self) }
            // The data word is the program's own: it names the descriptor only through the registration.
            guard let registration = set.first(where: { $0.data == data }) else { return nil }
            return WaitedDescriptor(fd: registration.fd, events: PollEvents(rawValue: registration.events),
                                    ready: PollEvents(rawValue: events), isTCPSocket: arguments.isTCPSocket(registration.fd))
        }
    }
}
#endif
