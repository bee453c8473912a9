import TraceSockets

/// The link-layer header type of a pcap file.
public enum PcapLinkType: UInt32, Hashable, Sendable {
    /// LINKTYPE_ETHERNET: each record is the frame as `lo` gives it, a 14-byte Ethernet header first.
    case ethernet = 1
    /// LINKTYPE_LINUX_SLL2: a 20-byte header with the protocol, interface index and direction, then the IP packet.
    case linuxSLL2 = 276
}

/// A failed pcap read or write: which file, what failed, and why.
public struct PcapError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// A call on the file failed.
        case system(Errno, operation: String)
        /// The bytes are not a pcap this reader understands.
        case malformed(String)
    }

    public let reason: Reason
    public let path: String

    public init(_ reason: Reason, path: String) {
        self.reason = reason
        self.path = path
    }

    public var description: String {
        switch reason {
        case .system(let e, let operation): return "\(path): \(operation)(): \(e.name): \(e.message)"
        case .malformed(let why): return "\(path): not a readable pcap: \(why)"
        }
    }
}

/// The classic pcap format (libpcap's `savefile`): a 24-byte file header, then a 16-byte header per record.
/// Written little-endian with nanosecond timestamps; read in either byte order and either resolution.
enum PcapFormat {
    static let nanosecondMagic: UInt32 = 0xA1B2_3C4D
    static let microsecondMagic: UInt32 = 0xA1B2_C3D4
    static let fileHeaderLength = 24
    static let recordHeaderLength = 16
    static let sll2HeaderLength = 20
    static let ethernetHeaderLength = 14

    static func fileHeader(linkType: PcapLinkType, snapLength: UInt32) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fileHeaderLength)
        bytes.appendLittleEndian(nanosecondMagic)
        bytes.appendLittleEndian(UInt16(2))
        bytes.appendLittleEndian(UInt16(4))
        bytes.appendLittleEndian(UInt32(0))  // thiszone: stamps are UTC
        bytes.appendLittleEndian(UInt32(0))  // sigfigs
        bytes.appendLittleEndian(snapLength)
        bytes.appendLittleEndian(linkType.rawValue)
        return bytes
    }

    /// Appends one record for `segment`'s frame, in the link type's form.
    static func appendRecord(_ segment: TCPSegment, linkType: PcapLinkType, snapLength: Int, to bytes: inout [UInt8]) {
        let frame = segment.frame
        let data: ArraySlice<UInt8>
        let originalLength: Int
        var sll2: [UInt8] = []
        switch linkType {
        case .ethernet:
            data = frame.bytes[...]
            originalLength = frame.length
        case .linuxSLL2:
            sll2 = sll2Header(frame)
            data = frame.bytes.dropFirst(ethernetHeaderLength)
            originalLength = max(frame.length - ethernetHeaderLength, 0) + sll2HeaderLength
        }
        let kept = data.prefix(max(snapLength - sll2.count, 0))
        bytes.appendLittleEndian(UInt32(truncatingIfNeeded: segment.wallTime / 1_000_000_000))
        bytes.appendLittleEndian(UInt32(truncatingIfNeeded: segment.wallTime % 1_000_000_000))
        bytes.appendLittleEndian(UInt32(sll2.count + kept.count))
        bytes.appendLittleEndian(UInt32(originalLength))
        bytes += sll2
        bytes += kept
    }

    /// The SLL2 header: protocol, reserved, interface index, ARPHRD type, packet type, address length and
    /// the sender's link address (the Ethernet source, zeros on `lo`), padded to 8 bytes.
    private static func sll2Header(_ frame: CapturedFrame) -> [UInt8] {
        var header: [UInt8] = []
        header.reserveCapacity(sll2HeaderLength)
        header.appendBigEndian(frame.etherType)
        header.appendBigEndian(UInt16(0))
        header.appendBigEndian(UInt32(bitPattern: frame.interfaceIndex))
        header.appendBigEndian(frame.hardwareType)
        header.append(frame.packetType.rawValue)
        header.append(6)
        header += frame.bytes.count >= 12 ? Array(frame.bytes[6..<12]) : [0, 0, 0, 0, 0, 0]
        header += [0, 0]
        return header
    }

    /// An SLL2 record's packet rebuilt as the Ethernet frame it came from (destination unknown: zeros).
    static func frame(fromSLL2 record: [UInt8], originalLength: Int) -> CapturedFrame? {
        guard record.count >= sll2HeaderLength else { return nil }
        return record.withUnsafeBytes { raw in
            var bytes = [UInt8](repeating: 0, count: 6)
            let addressLength = min(Int(raw[11]), 6)
            bytes += record[12..<(12 + addressLength)]
            bytes += [UInt8](repeating: 0, count: 6 - addressLength)
            bytes += record[0..<2]
            bytes += record[sll2HeaderLength...]
            return CapturedFrame(bytes: bytes, length: originalLength - sll2HeaderLength + ethernetHeaderLength,
                                 packetType: PacketType(rawValue: raw[10]),
                                 interfaceIndex: Int32(bitPattern: raw.bigEndianUInt32(at: 4)),
                                 hardwareType: raw.bigEndianUInt16(at: 8))
        }
    }
}
