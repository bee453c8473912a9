#if os(Linux)
import CPacket
import Glibc
import Synchronization
import TraceCore
import TraceSockets

/// The reader thread's work: take frames from the packet socket, keep one copy of each TCP segment of the
/// watched ports, and hand them to the handler in the order the kernel queued them. Once woken through
/// `wakeFD`, it drains the socket, publishes its statistics, says so through `finishedFD`, and only then
/// closes the packet socket (and `finishedFD`): that close waits for an RCU grace period (`synchronize_net`,
/// 8 to 25 ms here), which `stop()` need not wait for.
struct CaptureLoop: Sendable {
    /// Owned by the loop, which closes it.
    let packetFD: Int32
    let wakeFD: Int32
    /// Owned by the loop, which writes one byte to it when it is done, then closes it.
    let finishedFD: Int32
    let ports: PortFilter
    let clockOffset: ClockOffset
    let snapLength: Int
    let drainTimeout: Duration
    let statistics: SharedStatistics
    let handler: @Sendable (TCPSegment) -> Void

    /// Frames read between two looks at the wake-up pipe and two updates of the shared statistics.
    private static let batch = 256
    /// The most frames a drain reads, whatever its deadline.
    private static let drainLimit = 1_000_000

    func run() {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: snapLength, alignment: 16)
        defer { buffer.deallocate() }
        var state = State()
        defer { finish(&state) }
        for _ in 0..<Int.max {
            switch PacketSys.waitReadable([packetFD, wakeFD], timeoutMilliseconds: -1) {
            case .failure(let e) where e == .interrupted:
                continue
            case .failure(let e):
                state.statistics.failure = .failed(.poll, e)
                return
            case .success(let ready):
                if ready[1] {
                    drain(buffer, &state)
                    return
                }
                if ready[0], !readAvailable(buffer, &state, limit: Self.batch, deadline: nil) { return }
                publish(&state)
            }
        }
    }

    private struct State {
        var statistics = CaptureStatistics()
        var windows = WindowScaling()
    }

    /// Reads what the kernel has queued, up to `limit` frames or the deadline; false after a read error.
    private func readAvailable(_ buffer: UnsafeMutableRawBufferPointer, _ state: inout State, limit: Int, deadline: UInt64?) -> Bool {
        for _ in 0..<limit {
            if let deadline, MonotonicClock.now() >= deadline { return true }
            switch PacketSys.receive(packetFD, into: buffer, wait: false) {
            case .success(let (copied, info)):
                take(UnsafeRawBufferPointer(rebasing: buffer[0..<copied]), info, &state)
            case .failure(let e) where e == .wouldBlock:
                return true
            case .failure(let e):
                state.statistics.failure = .failed(.recvmsg, e)
                return false
            }
        }
        return true
    }

    /// After `stop()`: everything the kernel captured already, within the drain's deadline.
    private func drain(_ buffer: UnsafeMutableRawBufferPointer, _ state: inout State) {
        let deadline = MonotonicClock.now() &+ UInt64(Self.nanoseconds(drainTimeout))
        _ = readAvailable(buffer, &state, limit: Self.drainLimit, deadline: deadline)
    }

    private func take(_ frame: UnsafeRawBufferPointer, _ info: cpacket_frame_info, _ state: inout State) {
        state.statistics.framesRead += 1
        if info.packet_type == UInt8(CPACKET_OUTGOING) {
            state.statistics.outgoingCopiesSkipped += 1
            return
        }
        guard frame.count >= 14,
              let headers = SegmentHeaders(frame: frame, networkStart: 14, etherType: frame.bigEndianUInt16(at: 12),
                                           frameLength: Int(info.frame_length)) else {
            state.statistics.notTCPSkipped += 1
            return
        }
        guard ports.keeps(headers.sourcePort, headers.destinationPort) else {
            state.statistics.otherPortsSkipped += 1
            return
        }
        let stamped = info.has_timestamp == 1
        let wall = stamped
            ? UInt64(info.realtime_seconds) &* 1_000_000_000 &+ UInt64(info.realtime_nanoseconds)
            : clockOffset.wallTime(fromMonotonic: MonotonicClock.now())
        let captured = CapturedFrame(bytes: Array(frame), length: Int(info.frame_length),
                                     packetType: PacketType(rawValue: info.packet_type),
                                     interfaceIndex: info.interface_index, hardwareType: info.hardware_type)
        guard var segment = headers.segment(in: frame, captured: captured, wallTime: wall,
                                            time: clockOffset.monotonic(fromWallTime: wall),
                                            timeSource: stamped ? .kernel : .reader) else {
            state.statistics.notTCPSkipped += 1
            return
        }
        state.windows.apply(to: &segment)
        handler(segment)
        state.statistics.segmentsDelivered += 1
    }

    private func publish(_ state: inout State) {
        let local = state.statistics
        statistics.update { $0 = local }
    }

    private func finish(_ state: inout State) {
        if case .success(let counts) = PacketSys.statistics(packetFD) {
            state.statistics.kernelDrops += Int(counts.drops)
        }
        publish(&state)
        PacketSys.poke(finishedFD)
        PacketSys.close(packetFD)
        PacketSys.close(finishedFD)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(0, seconds) &* 1_000_000_000 &+ max(0, attoseconds) / 1_000_000_000
    }
}
#endif
