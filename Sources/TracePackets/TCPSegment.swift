import TraceSockets

/// One TCP segment as the kernel saw it on an interface: its header, decoded, and the frame it came in.
public struct TCPSegment: Sendable, Hashable {
    /// When the kernel received the frame, in nanoseconds of CLOCK_MONOTONIC, the clock of the traced calls
    /// (the kernel's wall-clock stamp converted with a measured `ClockOffset`).
    public var time: UInt64
    /// The kernel's own stamp: nanoseconds of CLOCK_REALTIME since 1970, what a pcap stores.
    public var wallTime: UInt64
    /// Where the stamps come from: the kernel, or (if it gave none) the reader's clock when it read the frame.
    public var timeSource: TimeSource
    public var source: SocketAddress
    public var destination: SocketAddress
    public var flags: TCPFlags
    /// The raw sequence number (see `ConnectionSequence` for the relative ones Wireshark shows).
    public var sequenceNumber: UInt32
    /// The raw acknowledgement number; meaningful only when `flags` has ACK.
    public var acknowledgementNumber: UInt32
    /// The window field as sent, not scaled.
    public var window: UInt16
    /// The window in bytes, when it is known: the window field shifted by the sender's window-scale option,
    /// once both SYNs of the connection were seen (both must offer the option for it to apply; SYNs
    /// themselves are never scaled). Nil when the handshake was not seen.
    public var scaledWindow: UInt32?
    /// Bytes of data the segment carries.
    public var payloadLength: Int
    public var options: TCPOptions
    /// The frame as captured, for a pcap.
    public var frame: CapturedFrame

    /// A segment from its parts (for tests, and for segments read back from a recording).
    public init(time: UInt64, wallTime: UInt64, timeSource: TimeSource = .kernel, source: SocketAddress,
                destination: SocketAddress, flags: TCPFlags, sequenceNumber: UInt32, acknowledgementNumber: UInt32,
                window: UInt16, scaledWindow: UInt32? = nil, payloadLength: Int, options: TCPOptions = TCPOptions(),
                frame: CapturedFrame) {
        self.time = time
        self.wallTime = wallTime
        self.timeSource = timeSource
        self.source = source
        self.destination = destination
        self.flags = flags
        self.sequenceNumber = sequenceNumber
        self.acknowledgementNumber = acknowledgementNumber
        self.window = window
        self.scaledWindow = scaledWindow
        self.payloadLength = payloadLength
        self.options = options
        self.frame = frame
    }

    public enum TimeSource: Hashable, Sendable {
        case kernel
        case reader
    }

    /// IPv4 or IPv6.
    public var family: SocketAddress.Family { source.family }

    /// 4 or 6.
    public var ipVersion: Int { family == .ipv4 ? 4 : 6 }

    /// The connection this segment belongs to, the same value for both directions.
    public var connection: TCPConnection { TCPConnection(source, destination) }
}

/// A link-layer frame as the capture received it.
public struct CapturedFrame: Sendable, Hashable {
    /// The captured bytes, starting with the 14-byte Ethernet header (all zeros on `lo`, then the ethertype).
    public var bytes: [UInt8]
    /// The frame's length on the link: `bytes.count`, or more when the capture kept only the first bytes.
    public var length: Int
    /// The frame's direction as the kernel reports it (`sll_pkttype`).
    public var packetType: PacketType
    /// The interface the frame was seen on (its index), 0 when unknown.
    public var interfaceIndex: Int32
    /// The interface's hardware type (ARPHRD_*): 772 for loopback, 1 for Ethernet.
    public var hardwareType: UInt16

    public init(bytes: [UInt8], length: Int, packetType: PacketType, interfaceIndex: Int32, hardwareType: UInt16) {
        self.bytes = bytes
        self.length = length
        self.packetType = packetType
        self.interfaceIndex = interfaceIndex
        self.hardwareType = hardwareType
    }

    /// The ethertype of the Ethernet header: 0x0800 IPv4, 0x86DD IPv6.
    public var etherType: UInt16 {
        bytes.count >= 14 ? UInt16(bytes[12]) << 8 | UInt16(bytes[13]) : 0
    }
}

/// `sll_pkttype`: who a frame was for, as the kernel classifies it.
public struct PacketType: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Received by this host. On `lo` every segment is seen twice; this is the copy a capture keeps.
    public static let host = PacketType(rawValue: 0)
    public static let broadcast = PacketType(rawValue: 1)
    public static let multicast = PacketType(rawValue: 2)
    public static let otherHost = PacketType(rawValue: 3)
    /// Sent by this host: on `lo`, the first of the two copies of each segment.
    public static let outgoing = PacketType(rawValue: 4)
}

/// Both ends of a TCP connection, in a fixed order whichever way a segment travels.
public struct TCPConnection: Hashable, Sendable, CustomStringConvertible {
    /// The end whose text sorts first (a name, not a role: not necessarily the client).
    public let first: SocketAddress
    public let second: SocketAddress

    public init(_ a: SocketAddress, _ b: SocketAddress) {
        if a.description <= b.description {
            (first, second) = (a, b)
        } else {
            (first, second) = (b, a)
        }
    }

    /// Whether `address` is one of the two ends.
    public func contains(_ address: SocketAddress) -> Bool { address == first || address == second }

    public var description: String { "\(first) <-> \(second)" }
}

extension TCPSegment {
    /// Decodes the TCP segment in an Ethernet-framed frame (as `lo` gives them) stamped at `wallTime`
    /// (CLOCK_REALTIME ns); nil when the frame holds no TCP header. `scaledWindow` stays nil: it needs the
    /// connection's SYNs (`LoopbackCapture` and `PcapReader` fill it in).
    public init?(frame: CapturedFrame, wallTime: UInt64, clockOffset: ClockOffset,
                 timeSource: TimeSource = .kernel) {
        let decoded: TCPSegment? = frame.bytes.withUnsafeBytes { raw in
            guard raw.count >= 14,
                  let headers = SegmentHeaders(frame: raw, networkStart: 14, etherType: frame.etherType,
                                               frameLength: frame.length) else { return nil }
            return headers.segment(in: raw, captured: frame, wallTime: wallTime,
                                   time: clockOffset.monotonic(fromWallTime: wallTime), timeSource: timeSource)
        }
        guard let decoded else { return nil }
        self = decoded
    }
}
