#if os(Linux)
import CPacket
import Glibc
import TraceCore
import TraceSockets

/// Waits until the kernel stamps frames as they arrive. Asking for stamps (SO_TIMESTAMPNS) turns the
/// kernel's stamping on through deferred work when no socket had them on: until that work has run, a
/// frame is stamped only when it is read, later than it travelled, which would put segments after the
/// calls that sent them. So the capture connects to itself on `lo` and reads its own SYN back until that
/// SYN's stamp falls inside the `connect()` that sent it.
enum KernelStamps {
    /// Tries at most `tries` probe connections; false when the stamps never came in time (the capture
    /// goes on: its times are then those of the reads). The probes' frames are read and dropped.
    static func await(packetFD: Int32, clockOffset: ClockOffset, snapLength: Int, tries: Int = 200) -> Bool {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: snapLength, alignment: 16)
        defer { buffer.deallocate() }
        defer { discardQueued(packetFD, buffer) }
        for _ in 0..<tries {
            switch probe(packetFD, clockOffset, buffer) {
            case true?: return true
            case false?: sched_yield()
            case nil: return false
            }
        }
        return false
    }

    private static func discardQueued(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) {
        for _ in 0..<10_000 {
            guard case .success = PacketSys.receive(fd, into: buffer, wait: false) else { return }
        }
    }

    /// One probe connection: whether its SYN was stamped inside the `connect()`; nil when no probe can be made.
    private static func probe(_ fd: Int32, _ offset: ClockOffset, _ buffer: UnsafeMutableRawBufferPointer) -> Bool? {
        guard let listener = try? Socket.tcp() else { return nil }
        defer { try? listener.close() }
        guard (try? listener.bind(to: .loopback())) != nil, (try? listener.listen(backlog: 1)) != nil,
              let port = listener.localAddress?.port, let client = try? Socket.tcp() else { return nil }
        defer {
            try? client.setOption(.linger, 0)
            try? client.close()
        }
        let before = MonotonicClock.now()
        guard (try? client.connect(to: .loopback(port: port))) != nil else { return nil }
        let after = MonotonicClock.now()
        for _ in 0..<1_000 {
            guard case .success(let (copied, info)) = PacketSys.receive(fd, into: buffer, wait: false) else { return false }
            let frame = UnsafeRawBufferPointer(rebasing: buffer[0..<copied])
            guard info.packet_type != UInt8(CPACKET_OUTGOING), frame.count >= 14,
                  let headers = SegmentHeaders(frame: frame, networkStart: 14, etherType: frame.bigEndianUInt16(at: 12),
                                               frameLength: Int(info.frame_length)),
                  headers.destinationPort == port, frame[headers.tcpStart + 13] & 0x12 == 0x02 else { continue }
            guard info.has_timestamp == 1 else { return false }
            let wall = UInt64(info.realtime_seconds) &* 1_000_000_000 &+ UInt64(info.realtime_nanoseconds)
            let time = offset.monotonic(fromWallTime: wall)
            return time >= before && time <= after
        }
        return false
    }
}
#endif
