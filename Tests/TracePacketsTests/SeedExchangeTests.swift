import Testing
import TracePackets
import TraceSockets
@testable import trace_packets_probe

#if os(Linux)
@Suite("The seed exchange's segments, captured on lo")
struct SeedExchangeTests {
    @Test("ten segments in order, with their flags and payload lengths", .needsCapture)
    func tenSegments() throws {
        let run = try capturedSeedExchange()
        let (exchange, segments, statistics) = (run.exchange, run.segments, run.statistics)
        #expect(flagsAndLengths(segments) == expectedSeed)
        #expect(statistics.kernelDrops == 0)
        #expect(statistics.failure == nil)
        let client = SocketAddress.loopback(port: exchange.clientPort)
        let server = SocketAddress.loopback(port: exchange.serverPort)
        let fromClient = [true, false, true, true, false, false, true, true, false, true]
        #expect(segments.map { $0.source == client && $0.destination == server } == fromClient)
        #expect(segments.map { $0.source == server && $0.destination == client } == fromClient.map { !$0 })
        #expect(segments.allSatisfy { $0.ipVersion == 4 && $0.timeSource == .kernel })
    }

    @Test("each segment's time falls inside the monotonic window of the call that sent it",
          .needsCapture)
    func timesInsideCallWindows() throws {
        let run = try capturedSeedExchange()
        let (exchange, segments) = (run.exchange, run.segments)
        try #require(segments.count == 10)
        #expect(exchange.connect.contains(segments[0].time), "SYN at \(segments[0].time), connect \(exchange.connect)")
        #expect(exchange.clientSend.contains(segments[3].time), "PSH-ACK 14 at \(segments[3].time), send \(exchange.clientSend)")
        #expect(exchange.serverSend.contains(segments[5].time), "PSH-ACK 16 at \(segments[5].time), send \(exchange.serverSend)")
        #expect(exchange.clientClose.contains(segments[7].time), "FIN-ACK at \(segments[7].time), close \(exchange.clientClose)")
        #expect(exchange.serverClose.contains(segments[8].time), "FIN-ACK at \(segments[8].time), close \(exchange.serverClose)")
        #expect(zip(segments, segments.dropFirst()).allSatisfy { $0.time <= $1.time })
    }

    @Test("the same exchange on ::1", .needsCapture)
    func ipv6() throws {
        let run = try capturedSeedExchange(.ipv6)
        let (exchange, segments) = (run.exchange, run.segments)
        #expect(flagsAndLengths(segments) == expectedSeed)
        #expect(segments.allSatisfy { $0.ipVersion == 6 && $0.family == .ipv6 })
        #expect(segments.first?.source == .loopback(.ipv6, port: exchange.clientPort))
        #expect(segments.first?.destination == .loopback(.ipv6, port: exchange.serverPort))
        #expect(exchange.connect.contains(segments.first?.time ?? 0))
    }

    @Test("relative sequence and acknowledgement numbers, as Wireshark shows them",
          .needsCapture)
    func relativeNumbers() throws {
        let segments = try capturedSeedExchange().segments
        var sequence = ConnectionSequence()
        let relative = segments.map { sequence.relative($0) }
        #expect(relative.map(\.sequence) == [0, 0, 1, 1, 1, 1, 15, 15, 17, 16])
        #expect(relative.map(\.acknowledgement) == [nil, 1, 1, 1, 15, 15, 17, 17, 16, 18])
    }

    @Test("the SYNs' options are decoded, and later windows scaled by the sender's shift",
          .needsCapture)
    func optionsAndScaledWindows() throws {
        let segments = try capturedSeedExchange().segments
        try #require(segments.count == 10)
        let syn = segments[0], synAck = segments[1]
        #expect(syn.options.maximumSegmentSize == 65_495)
        #expect(syn.options.sackPermitted)
        #expect(syn.options.timestamps != nil)
        let clientShift = try #require(syn.options.windowScale)
        let serverShift = try #require(synAck.options.windowScale)
        #expect(syn.scaledWindow == UInt32(syn.window))
        #expect(segments[2].scaledWindow == UInt32(segments[2].window) << UInt32(clientShift))
        #expect(segments[4].scaledWindow == UInt32(segments[4].window) << UInt32(serverShift))
        #expect(segments[3].options.timestamps?.echoReply == synAck.options.timestamps?.value)
    }
}
#endif
