import Testing
@testable import TracePackets
import TraceCore
import TraceSockets

@Suite("Decoding frames, flags, options and sequence numbers")
struct DecodingTests {
    @Test("flag names are the lesson's; other combinations join their flags with ACK last")
    func flagNames() {
        let names: [(TCPFlags, String)] = [
            (.syn, "SYN"), ([.syn, .ack], "SYN-ACK"), (.ack, "ACK"), ([.psh, .ack], "PSH-ACK"), ([.fin, .ack], "FIN-ACK"),
            (.rst, "RST"), ([.rst, .ack], "RST-ACK"), ([.fin, .psh, .ack], "FIN-PSH-ACK"), ([.syn, .ece, .cwr], "SYN-ECE-CWR"),
            ([], "none"),
        ]
        for (flags, name) in names { #expect(flags.name == name) }
    }

    @Test("an IPv4 SYN: addresses, ports, numbers, options, and its time on the monotonic clock")
    func ipv4SYN() throws {
        var builder = FrameBuilder()
        builder.options = FrameBuilder.linuxSYNOptions
        let offset = ClockOffset(nanoseconds: 1_700_000_000_000_000_000)
        let segment = try #require(builder.segment(at: 1_700_000_000_123_456_789, offset: offset))
        #expect(segment.source == .loopback(port: 40_000) && segment.destination == .loopback(port: 5_000))
        #expect(segment.ipVersion == 4)
        #expect(segment.flags == .syn)
        #expect(segment.sequenceNumber == 1_000 && segment.window == 65_483)
        #expect(segment.payloadLength == 0)
        #expect(segment.time == 123_456_789)
        #expect(segment.wallTime == 1_700_000_000_123_456_789)
        #expect(segment.options == TCPOptions(maximumSegmentSize: 65_495, windowScale: 7, sackPermitted: true,
                                              timestamps: TCPTimestamps(value: 1, echoReply: 0)))
        #expect(segment.connection == TCPConnection(.loopback(port: 5_000), .loopback(port: 40_000)))
    }

    @Test("payload length from the IP length, or from the frame when the IP length is 0")
    func payloadLength() throws {
        var builder = FrameBuilder()
        builder.flags = [.psh, .ack]
        builder.payload = 14
        #expect(builder.segment()?.payloadLength == 14)
        builder.zeroIPv4Length = true
        #expect(builder.segment()?.payloadLength == 14)
    }

    @Test("IPv6, also behind a hop-by-hop extension header; not a later fragment")
    func ipv6() throws {
        var builder = FrameBuilder()
        builder.source = .loopback(.ipv6, port: 40_000)
        builder.destination = .loopback(.ipv6, port: 5_000)
        builder.payload = 16
        #expect(builder.segment()?.payloadLength == 16)
        #expect(builder.segment()?.source.description == "[::1]:40000")
        builder.ipv6Extensions = [(0, [6, 0, 1, 4, 0, 0, 0, 0])]
        #expect(builder.segment()?.payloadLength == 16)
        #expect(builder.segment()?.destination == .loopback(.ipv6, port: 5_000))
        builder.ipv6Extensions = [(44, [6, 0, 0x00, 0x08, 0, 0, 0, 1])]
        #expect(builder.segment() == nil)
    }

    @Test("frames that hold no whole TCP header decode to nil")
    func notTCP() {
        var udp = FrameBuilder().bytes
        udp[23] = 17
        #expect(TCPSegment(frame: CapturedFrame(bytes: udp, length: udp.count, packetType: .host, interfaceIndex: 1, hardwareType: 772),
                           wallTime: 0, clockOffset: ClockOffset(nanoseconds: 0)) == nil)
        let cut = Array(FrameBuilder().bytes.prefix(14 + 20 + 10))
        #expect(TCPSegment(frame: CapturedFrame(bytes: cut, length: 80, packetType: .host, interfaceIndex: 1, hardwareType: 772),
                           wallTime: 0, clockOffset: ClockOffset(nanoseconds: 0)) == nil)
    }

    @Test("a malformed option ends the reading; the options before it are kept")
    func malformedOption() {
        var builder = FrameBuilder()
        builder.options = [2, 4, 0x05, 0xB4, 3, 0, 0, 0]
        #expect(builder.segment()?.options == TCPOptions(maximumSegmentSize: 1460))
    }

    @Test("window scaling applies after both SYNs, with the sender's shift; not when only one side offers it")
    func windowScaling() throws {
        func handshake(serverOffersScale: Bool) -> [TCPSegment] {
            var syn = FrameBuilder()
            syn.options = [1, 3, 3, 7]
            var synAck = FrameBuilder()
            (synAck.source, synAck.destination, synAck.flags) = (syn.destination, syn.source, [.syn, .ack])
            synAck.options = serverOffersScale ? [1, 3, 3, 5] : []
            var ack = syn
            (ack.flags, ack.options, ack.window) = (.ack, [], 512)
            var reply = synAck
            (reply.flags, reply.options, reply.window) = (.ack, [], 1_000)
            var scaling = WindowScaling()
            return [syn, synAck, ack, reply].map {
                var segment = $0.segment()!
                scaling.apply(to: &segment)
                return segment
            }
        }
        #expect(handshake(serverOffersScale: true).map(\.scaledWindow) == [65_483, 65_483, 512 << 7, 1_000 << 5])
        #expect(handshake(serverOffersScale: false).map(\.scaledWindow) == [65_483, 65_483, 512, 1_000])
        var scaling = WindowScaling()
        var midstream = FrameBuilder()
        midstream.flags = .ack
        var segment = try #require(midstream.segment())
        scaling.apply(to: &segment)
        #expect(segment.scaledWindow == nil)
    }

    @Test("relative numbers count from the first segment seen when the SYN was not captured")
    func relativeWithoutSYN() {
        var data = FrameBuilder()
        (data.flags, data.sequence, data.acknowledgement, data.payload) = ([.psh, .ack], 5_000, 9_000, 10)
        var ack = FrameBuilder()
        (ack.source, ack.destination, ack.flags, ack.sequence, ack.acknowledgement) = (data.destination, data.source, .ack, 9_000, 5_010)
        var sequence = ConnectionSequence()
        #expect(sequence.relative(data.segment()!) == RelativeNumbers(sequence: 0, acknowledgement: nil))
        #expect(sequence.relative(ack.segment()!) == RelativeNumbers(sequence: 0, acknowledgement: 10))
    }

    @Test("the clock offset: a tight bracket, close to a direct reading, and conversions that invert")
    func clockOffset() {
        let offset = ClockOffset.measure()
        #expect(offset.uncertainty < 1_000_000)
        let monotonic = MonotonicClock.now()
        #expect(offset.monotonic(fromWallTime: offset.wallTime(fromMonotonic: monotonic)) == monotonic)
        let again = ClockOffset.measure()
        #expect(abs(again.nanoseconds - offset.nanoseconds) < 1_000_000)
    }
}
