import TracePackets
import TraceSockets

/// Hand-built frames as `lo` gives them (a zero Ethernet header, then IP and TCP), for decoding tests
/// that need no capture.
struct FrameBuilder {
    var source = SocketAddress.loopback(port: 40_000)
    var destination = SocketAddress.loopback(port: 5_000)
    var sequence: UInt32 = 1_000
    var acknowledgement: UInt32 = 0
    var flags: TCPFlags = .syn
    var window: UInt16 = 65_483
    var options: [UInt8] = []
    var payload = 0
    /// IPv6 only: extension headers between the IP header and TCP, each as (next-header number, bytes).
    var ipv6Extensions: [(UInt8, [UInt8])] = []
    /// IPv4 only: write 0 in the total-length field, as a large offloaded segment may.
    var zeroIPv4Length = false

    var bytes: [UInt8] {
        var tcp: [UInt8] = []
        tcp.appendBig(source.port); tcp.appendBig(destination.port)
        tcp.appendBig(sequence); tcp.appendBig(acknowledgement)
        tcp.append(UInt8((20 + options.count) / 4) << 4); tcp.append(flags.rawValue)
        tcp.appendBig(window); tcp += [0, 0, 0, 0]
        tcp += options
        tcp += [UInt8](repeating: 0x61, count: payload)
        var frame = [UInt8](repeating: 0, count: 12)
        if source.family == .ipv4 {
            frame += [0x08, 0x00, 0x45, 0]
            frame.appendBig(zeroIPv4Length ? 0 : UInt16(20 + tcp.count))
            frame += [0, 0, 0x40, 0, 64, 6, 0, 0]
        } else {
            let chain = ipv6Extensions.reduce([UInt8]()) { $0 + $1.1 }
            frame += [0x86, 0xDD, 0x60, 0, 0, 0]
            frame.appendBig(UInt16(chain.count + tcp.count))
            frame += [ipv6Extensions.first?.0 ?? 6, 64]
            frame += source.networkBytes + destination.networkBytes + chain
            return frame + tcp
        }
        return frame + source.networkBytes + destination.networkBytes + tcp
    }

    /// The frame as a capture would hold it.
    var frame: CapturedFrame {
        let bytes = self.bytes
        return CapturedFrame(bytes: bytes, length: bytes.count, packetType: .host, interfaceIndex: 1, hardwareType: 772)
    }

    func segment(at wallTime: UInt64 = 1_000_000_000_000, offset: ClockOffset = ClockOffset(nanoseconds: 0)) -> TCPSegment? {
        TCPSegment(frame: frame, wallTime: wallTime, clockOffset: offset)
    }

    /// The options of a Linux SYN on lo: MSS 65495, SACK permitted, timestamps, NOP, window scale 7.
    static let linuxSYNOptions: [UInt8] = [2, 4, 0xFF, 0xD7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7]
}

extension Array where Element == UInt8 {
    mutating func appendBig(_ value: UInt16) { append(UInt8(value >> 8)); append(UInt8(value & 0xFF)) }
    mutating func appendBig(_ value: UInt32) { appendBig(UInt16(value >> 16)); appendBig(UInt16(value & 0xFFFF)) }
}
