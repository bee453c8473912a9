import TraceCore

/// The kernel's view of one TCP socket at one moment (Linux `TCP_INFO`).
/// Fields the running kernel does not report are nil, never invented.
public struct TCPInfo: Hashable, Sendable, BitwiseCopyable {
    public var state: TCPState?
    /// Smoothed round-trip time and its variation, in microseconds.
    public var rttMicroseconds: UInt32?
    public var rttVarianceMicroseconds: UInt32?
    /// Segments sent and not yet acknowledged. On a listening socket: connections waiting in the accept queue.
    public var unacked: UInt32?
    /// On a listening socket: the backlog the kernel applies.
    public var sacked: UInt32?
    public var retransmits: UInt8?
    public var totalRetransmits: UInt32?
    public var bytesAcked: UInt64?
    public var bytesReceived: UInt64?

    public init(state: TCPState? = nil, rttMicroseconds: UInt32? = nil, rttVarianceMicroseconds: UInt32? = nil,
                unacked: UInt32? = nil, sacked: UInt32? = nil, retransmits: UInt8? = nil,
                totalRetransmits: UInt32? = nil, bytesAcked: UInt64? = nil, bytesReceived: UInt64? = nil) {
        self.state = state
        self.rttMicroseconds = rttMicroseconds
        self.rttVarianceMicroseconds = rttVarianceMicroseconds
        self.unacked = unacked
        self.sacked = sacked
        self.retransmits = retransmits
        self.totalRetransmits = totalRetransmits
        self.bytesAcked = bytesAcked
        self.bytesReceived = bytesReceived
    }

    /// Connections waiting to be accepted, when this is a listening socket.
    public var acceptQueue: UInt32? { state == .listen ? unacked : nil }
    /// The listener's backlog, when this is a listening socket.
    public var backlog: UInt32? { state == .listen ? sacked : nil }

    /// Decodes the Linux kernel's `struct tcp_info` at its documented offsets.
    init(linuxBytes bytes: UnsafeRawBufferPointer) {
        func u8(_ offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }
        func u32(_ offset: Int) -> UInt32? {
            offset + 4 <= bytes.count ? bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self) : nil
        }
        func u64(_ offset: Int) -> UInt64? {
            offset + 8 <= bytes.count ? bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) : nil
        }
        self.init(state: u8(0).flatMap(TCPState.init(rawValue:)),
                  rttMicroseconds: u32(68), rttVarianceMicroseconds: u32(72),
                  unacked: u32(24), sacked: u32(28), retransmits: u8(2), totalRetransmits: u32(100),
                  bytesAcked: u64(120), bytesReceived: u64(128))
    }
}

extension TraceEvent.KernelView {
    /// The event's form of the kernel's view. A socket that has no connection (not yet connected, or
    /// listening) carries only its state, and for a listener its queue and backlog: the connection
    /// counters would be zeros that mean nothing.
    public init(_ info: TCPInfo) {
        switch info.state {
        case .listen:
            self.init(state: info.state, acceptQueue: info.acceptQueue, backlog: info.backlog)
        case .close where info.bytesAcked ?? 0 == 0 && info.bytesReceived ?? 0 == 0:
            self.init(state: info.state)
        default:
            self.init(state: info.state, rttMicroseconds: info.rttMicroseconds,
                      rttVarianceMicroseconds: info.rttVarianceMicroseconds, unacked: info.unacked,
                      retransmits: info.retransmits.map(UInt32.init), totalRetransmits: info.totalRetransmits,
                      bytesAcked: info.bytesAcked, bytesReceived: info.bytesReceived)
        }
    }
}
