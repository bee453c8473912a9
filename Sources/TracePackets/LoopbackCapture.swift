import Synchronization
import TraceSockets
#if os(Linux)
import Glibc
#endif

/// Captures the TCP segments that cross the loopback interface, one copy of each, on a reader thread of its
/// own, and hands them in capture order to a handler; `stop()` drains what the kernel already captured.
///
/// Needs CAP_NET_RAW: root, `setcap cap_net_raw+ep` on the program, or a process that entered a
/// `PrivateNetwork`. Without it, `init` throws `PacketCaptureError` with reason `.notPermitted`.
public final class LoopbackCapture: Sendable {
    /// How to capture.
    public struct Options: Sendable {
        /// Keep segments from or to these TCP ports; add more while running with `watch(port:)`.
        public var ports: Set<UInt16>
        /// Keep every TCP segment on the interface, whatever its ports.
        public var capturesEveryPort: Bool
        /// The interface: `lo` (any interface whose frames start with a 14-byte Ethernet header works).
        public var interface: String
        /// Let a classic BPF filter in the kernel drop what is not TCP, and the PACKET_OUTGOING copies, so
        /// that the reader is woken only for segments it keeps. The reader checks both again either way.
        public var kernelFilter: Bool
        /// The kernel's queue for the capture (SO_RCVBUF; the kernel doubles it and caps it at `rmem_max`).
        public var receiveBufferBytes: Int32
        /// The most bytes kept of each frame (a segment's header is always within the first 134).
        public var snapLength: Int
        /// How long `stop()` may spend reading what the kernel already captured.
        public var drainTimeout: Duration
        /// REALTIME − MONOTONIC to convert the kernel's stamps with; measured when the capture opens if nil.
        public var clockOffset: ClockOffset?

        public init(ports: Set<UInt16> = [], capturesEveryPort: Bool = false, interface: String = "lo",
                    kernelFilter: Bool = true, receiveBufferBytes: Int32 = 4 << 20, snapLength: Int = 262_144,
                    drainTimeout: Duration = .milliseconds(250), clockOffset: ClockOffset? = nil) {
            self.ports = ports
            self.capturesEveryPort = capturesEveryPort
            self.interface = interface
            self.kernelFilter = kernelFilter
            self.receiveBufferBytes = receiveBufferBytes
            self.snapLength = snapLength
            self.drainTimeout = drainTimeout
            self.clockOffset = clockOffset
        }
    }

    /// The offset the segments' times were converted with.
    public let clockOffset: ClockOffset
    /// The index of the interface captured on.
    public let interfaceIndex: Int32
    private let ports: PortFilter
    private let sharedStatistics: SharedStatistics
    private let running: Mutex<Running?>

    #if os(Linux)
    /// The pipe ends `stop()` uses and closes; the reader owns the packet socket.
    private struct Running: Sendable {
        let wakeRead: Int32
        let wakeWrite: Int32
        let finishedRead: Int32
    }
    #else
    private struct Running: Sendable {}
    #endif

    /// Opens the capture and starts its reader: `handler` is called on the reader thread, once per kept
    /// segment, in capture order. It should return quickly: while it runs, frames wait in the kernel's
    /// queue, and a full queue drops them (`CaptureStatistics.kernelDrops`).
    ///
    /// The corresponding C functions are `socket(AF_PACKET, SOCK_RAW, 0)`, `setsockopt(SO_ATTACH_FILTER,
    /// SO_TIMESTAMPNS, SO_RCVBUF)`, `bind` with `htons(ETH_P_ALL)` and `pthread_create`.
    public init(options: Options = Options(), handler: @escaping @Sendable (TCPSegment) -> Void) throws(PacketCaptureError) {
        #if os(Linux)
        guard let index = PacketSys.interfaceIndex(options.interface) else {
            throw PacketCaptureError(.noSuchInterface(options.interface), operation: .ifNameToIndex)
        }
        let fd = try PacketSys.openPacketSocket().mapError { PacketCaptureError.failed(.socket, $0) }.get()
        var opened: [Int32] = [fd]
        do throws(PacketCaptureError) {
            switch PacketSys.isInterfaceUp(options.interface, controlFD: fd) {
            case .success(true): break
            case .success(false): throw PacketCaptureError(.interfaceDown(options.interface), operation: .ioctl)
            case .failure(let e): throw PacketCaptureError.failed(.ioctl, e)
            }
            // The filter goes on before the bind: nothing is queued before it applies.
            if options.kernelFilter {
                try PacketSys.attachTCPFilter(fd).mapError { PacketCaptureError.failed(.setsockopt, $0) }.get()
            }
            try PacketSys.enableTimestamps(fd).mapError { PacketCaptureError.failed(.setsockopt, $0) }.get()
            // A smaller queue than asked for is no reason to refuse: the statistics report any drops.
            _ = PacketSys.setReceiveBuffer(fd, bytes: options.receiveBufferBytes)
            try PacketSys.bind(fd, interfaceIndex: index).mapError { PacketCaptureError.failed(.bind, $0) }.get()
            let wake = try PacketSys.pipe().mapError { PacketCaptureError.failed(.pipe, $0) }.get()
            opened += [wake.read, wake.write]
            let finished = try PacketSys.pipe().mapError { PacketCaptureError.failed(.pipe, $0) }.get()
            opened += [finished.read, finished.write]

            let offset = options.clockOffset ?? ClockOffset.measure()
            let filter = PortFilter(ports: options.ports, everyPort: options.capturesEveryPort)
            let statistics = SharedStatistics()
            let loop = CaptureLoop(packetFD: fd, wakeFD: wake.read, finishedFD: finished.write, ports: filter, clockOffset: offset,
                                   snapLength: max(options.snapLength, 134), drainTimeout: options.drainTimeout,
                                   statistics: statistics, handler: handler)
            try ReaderThread.start(name: "trace-packets") { loop.run() }
                .mapError { PacketCaptureError.failed(.pthreadCreate, $0) }.get()
            self.clockOffset = offset
            self.interfaceIndex = index
            self.ports = filter
            self.sharedStatistics = statistics
            self.running = Mutex(Running(wakeRead: wake.read, wakeWrite: wake.write, finishedRead: finished.read))
        } catch {
            opened.forEach(PacketSys.close)
            throw error
        }
        #else
        throw PacketCaptureError(.linuxOnly, operation: .socket)
        #endif
    }

    deinit { stop() }

    /// Whether this process may open a capture on its network namespace's interfaces: it has CAP_NET_RAW
    /// (root, `setcap cap_net_raw+ep`, or inside a `PrivateNetwork`). False on systems other than Linux.
    ///
    /// The corresponding C function is `capget`.
    public static var isPermitted: Bool {
        #if os(Linux)
        return PacketSys.canCapture
        #else
        return false
        #endif
    }

    /// Also keeps the segments from or to `port` from now on (a server's port, once it is bound).
    public func watch(port: UInt16) { ports.add(CollectionOfOne(port)) }

    /// Also keeps the segments from or to these ports from now on.
    public func watch<S: Sequence<UInt16>>(ports more: S) { ports.add(more) }

    /// The ports watched now.
    public var watchedPorts: Set<UInt16> { ports.ports }

    /// What the reader has done so far (updated every few hundred frames, and at the end).
    public var statistics: CaptureStatistics { sharedStatistics.current }

    /// Whether the reader is still running.
    public var isRunning: Bool { running.withLock { $0 != nil } }

    /// Stops the capture: the reader first reads every frame the kernel already captured (for at most
    /// `drainTimeout`), then ends. Once `stop()` returns the handler is not called again; the reader
    /// closes the packet socket after that, without making `stop()` wait (closing an AF_PACKET socket
    /// waits for the kernel's `synchronize_net`, milliseconds). Safe to call more than once; returns the
    /// final statistics.
    ///
    /// The corresponding C functions are `write`, `read` (of the reader's pipes) and `close`.
    @discardableResult
    public func stop() -> CaptureStatistics {
        #if os(Linux)
        guard let run = running.withLock({ state -> Running? in defer { state = nil }; return state }) else {
            return statistics
        }
        PacketSys.poke(run.wakeWrite)
        PacketSys.awaitByte(run.finishedRead)
        [run.wakeRead, run.wakeWrite, run.finishedRead].forEach(PacketSys.close)
        #endif
        return statistics
    }
}
