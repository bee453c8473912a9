import TraceSockets

/// The IP and TCP headers of one frame, located and read without copying: what the capture needs to
/// filter a frame by port before it pays for building a `TCPSegment`.
struct SegmentHeaders {
    var family: SocketAddress.Family
    var sourceAddress: Range<Int>
    var destinationAddress: Range<Int>
    var sourcePort: UInt16
    var destinationPort: UInt16
    /// Where the TCP header starts in the frame, and its length with options.
    var tcpStart: Int
    var tcpLength: Int
    var payloadLength: Int

    static let ipv4EtherType: UInt16 = 0x0800
    static let ipv6EtherType: UInt16 = 0x86DD
    private static let tcpProtocol: UInt8 = 6

    /// Reads the IP packet that starts at `networkStart` in `frame` (with `etherType` saying which IP),
    /// and its TCP header; nil for anything that is not a whole TCP header. `frameLength` is the frame's
    /// length on the link, used when the IP length field is 0 (a large offloaded segment).
    init?(frame: UnsafeRawBufferPointer, networkStart: Int, etherType: UInt16, frameLength: Int) {
        let ipStart = networkStart
        let ipLength: Int
        let tcpStart: Int
        switch etherType {
        case Self.ipv4EtherType:
            guard frame.count >= ipStart + 20, frame[ipStart] >> 4 == 4 else { return nil }
            let headerLength = Int(frame[ipStart] & 0x0F) * 4
            let fragmentOffset = frame.bigEndianUInt16(at: ipStart + 6) & 0x1FFF
            guard headerLength >= 20, frame[ipStart + 9] == Self.tcpProtocol, fragmentOffset == 0 else { return nil }
            let total = Int(frame.bigEndianUInt16(at: ipStart + 2))
            ipLength = total == 0 ? frameLength - ipStart : total
            tcpStart = ipStart + headerLength
            family = .ipv4
            sourceAddress = (ipStart + 12)..<(ipStart + 16)
            destinationAddress = (ipStart + 16)..<(ipStart + 20)
        case Self.ipv6EtherType:
            guard frame.count >= ipStart + 40, frame[ipStart] >> 4 == 6,
                  let start = Self.ipv6TCPStart(frame, ipStart: ipStart) else { return nil }
            let payload = Int(frame.bigEndianUInt16(at: ipStart + 4))
            ipLength = 40 + (payload == 0 ? frameLength - ipStart - 40 : payload)
            tcpStart = start
            family = .ipv6
            sourceAddress = (ipStart + 8)..<(ipStart + 24)
            destinationAddress = (ipStart + 24)..<(ipStart + 40)
        default:
            return nil
        }
        guard frame.count >= tcpStart + 20 else { return nil }
        let tcpLength = Int(frame[tcpStart + 12] >> 4) * 4
        guard tcpLength >= 20 else { return nil }
        self.tcpStart = tcpStart
        self.tcpLength = tcpLength
        sourcePort = frame.bigEndianUInt16(at: tcpStart)
        destinationPort = frame.bigEndianUInt16(at: tcpStart + 2)
        payloadLength = max(0, ipStart + ipLength - tcpStart - tcpLength)
    }

    /// Follows IPv6 extension headers (hop-by-hop, routing, fragment, destination options) to TCP.
    private static func ipv6TCPStart(_ frame: UnsafeRawBufferPointer, ipStart: Int) -> Int? {
        var next = frame[ipStart + 6]
        var offset = ipStart + 40
        for _ in 0..<8 {
            switch next {
            case tcpProtocol:
                return offset
            case 0, 43, 60:
                guard frame.count >= offset + 2 else { return nil }
                next = frame[offset]
                offset += (Int(frame[offset + 1]) + 1) * 8
            case 44:
                guard frame.count >= offset + 8 else { return nil }
                // Only the first fragment holds the TCP header.
                guard frame.bigEndianUInt16(at: offset + 2) & 0xFFF8 == 0 else { return nil }
                next = frame[offset]
                offset += 8
            default:
                return nil
            }
        }
        return nil
    }

    /// The whole segment, with the frame it came in (`frame` must be the bytes of `captured`).
    func segment(in frame: UnsafeRawBufferPointer, captured: CapturedFrame, wallTime: UInt64, time: UInt64,
                 timeSource: TCPSegment.TimeSource) -> TCPSegment? {
        guard let source = SocketAddress(networkBytes: UnsafeRawBufferPointer(rebasing: frame[sourceAddress]), port: sourcePort),
              let destination = SocketAddress(networkBytes: UnsafeRawBufferPointer(rebasing: frame[destinationAddress]), port: destinationPort)
        else { return nil }
        let optionsEnd = min(tcpStart + tcpLength, frame.count)
        return TCPSegment(
            time: time, wallTime: wallTime, timeSource: timeSource,
            source: source, destination: destination,
            flags: TCPFlags(rawValue: frame[tcpStart + 13]),
            sequenceNumber: frame.bigEndianUInt32(at: tcpStart + 4),
            acknowledgementNumber: frame.bigEndianUInt32(at: tcpStart + 8),
            window: frame.bigEndianUInt16(at: tcpStart + 14),
            scaledWindow: nil,
            payloadLength: payloadLength,
            options: TCPOptions(UnsafeRawBufferPointer(rebasing: frame[(tcpStart + 20)..<max(optionsEnd, tcpStart + 20)])),
            frame: captured)
    }
}
