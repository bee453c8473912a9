#if os(Linux)
import CPacket
import Glibc
import Synchronization
import TraceCore
import TraceSockets

/// Takes frames from the packet socket, keeps one copy of each TCP segment of the watched ports, and hands
/// them to the handler in the order the kernel queued them. One reading at a time: the reader thread's, or
/// `LoopbackCapture.collect()`'s on the caller's thread. Once closed it reads nothing more, so the packet
/// socket can be closed after it.
final class FrameReader: Sendable {
    let packetFD: Int32
    private let ports: PortFilter
    private let clockOffset: ClockOffset
    private let statistics: SharedStatistics
    private let handler: @Sendable (TCPSegment) -> Void
    private let state: Mutex<State>

    private struct State {
        var buffer: UnsafeMutableRawBufferPointer?
        var statistics = CaptureStatistics()
        var windows = WindowScaling()
    }

    init(packetFD: Int32, ports: PortFilter, clockOffset: ClockOffset, snapLength: Int, statistics: SharedStatistics,
         handler: @escaping @Sendable (TCPSegment) -> Void) {
        self.packetFD = packetFD
        self.ports = ports
        self.clockOffset = clockOffset
        self.statistics = statistics
        self.handler = handler
        state = Mutex(State(buffer: .allocate(byteCount: snapLength, alignment: 16)))
    }

    /// Reads what the kernel has queued, up to `limit` frames or the deadline, then publishes the
    /// statistics; false after a read error (kept in the statistics). Does nothing once closed.
    @discardableResult
    func readAvailable(limit: Int, deadline: UInt64? = nil) -> Bool {
        state.withLock { state in
            guard let buffer = state.buffer else { return true }
            defer { publish(state.statistics) }
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
    }

    /// Records a failure that ended the reading elsewhere (the reader's `poll`).
    func fail(_ failure: PacketCaptureError) {
        state.withLock { state in
            state.statistics.failure = failure
            publish(state.statistics)
        }
    }

    /// Reads nothing more: adds the kernel's count of dropped frames and publishes the final statistics.
    func close() {
        state.withLock { state in
            guard let buffer = state.buffer else { return }
            if case .success(let counts) = PacketSys.statistics(packetFD) {
                state.statistics.kernelDrops += Int(counts.drops)
            }
            publish(state.statistics)
            buffer.deallocate()
            state.buffer = nil
        }
    }

    private func publish(_ current: CaptureStatistics) {
        statistics.update { $0 = current }
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
}
#endif
