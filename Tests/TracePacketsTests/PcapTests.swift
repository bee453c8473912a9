import Foundation
import Testing
import TracePackets
import TraceSockets

#if os(Linux)
@Suite("pcap files of the seed exchange")
struct PcapTests {
    @Test("written and read back by PcapReader: the same segments, nanosecond stamps", .needsCapture,
          arguments: [PcapLinkType.ethernet, .linuxSLL2])
    func readBack(linkType: PcapLinkType) throws {
        let (run, path) = try capturedSeedPcap(linkType)
        defer { unlink(path) }
        let file = try PcapReader(path: path)
        #expect(file.linkType == linkType)
        #expect(file.hasNanosecondStamps)
        #expect((file.versionMajor, file.versionMinor) == (2, 4))
        #expect(file.records.count == 10)
        let segments = file.segments(clockOffset: run.clockOffset)
        switch linkType {
        case .linuxSLL2:
            // SLL2 keeps the direction, interface and hardware type: the segments come back whole.
            #expect(segments == run.segments)
        case .ethernet:
            #expect(segments.map(withoutLinkFacts) == run.segments.map(withoutLinkFacts))
            #expect(segments.map(\.frame.bytes) == run.segments.map(\.frame.bytes))
        }
    }

    @Test("tshark -r shows the handshake, the data and the FINs, with our stamps, and no retransmission",
          .needsCapture, .enabled(if: which("tshark") != nil, "SKIPPED: tshark is not installed (apt-get install tshark)"),
          arguments: [PcapLinkType.ethernet, .linuxSLL2])
    func tshark(linkType: PcapLinkType) throws {
        let (run, path) = try capturedSeedPcap(linkType)
        defer { unlink(path) }
        let fields = try runProgram(which("tshark")!, ["-r", path, "-T", "fields", "-E", "separator=,",
                                                       "-e", "tcp.flags", "-e", "tcp.len", "-e", "tcp.seq", "-e", "tcp.ack",
                                                       "-e", "frame.time_epoch"])
        #expect(fields.status == 0, "tshark: \(fields.errors)")
        var sequence = ConnectionSequence()
        let expected = run.segments.map { segment -> String in
            let relative = sequence.relative(segment)
            let seconds = segment.wallTime / 1_000_000_000, nanoseconds = segment.wallTime % 1_000_000_000
            let stamp = "\(seconds).\(zeroPadded(String(nanoseconds), 9))"
            return "0x\(zeroPadded(String(segment.flags.rawValue, radix: 16), 4)),\(segment.payloadLength),\(relative.sequence),\(relative.acknowledgement ?? 0),\(stamp)"
        }
        #expect(fields.lines == expected)

        let summary = try runProgram(which("tshark")!, ["-r", path])
        #expect(summary.status == 0)
        let lines = summary.lines
        #expect(lines.count == 10)
        #expect(lines.first?.contains("[SYN]") == true)
        #expect(lines.dropFirst().first?.contains("[SYN, ACK]") == true)
        #expect(lines.filter { $0.contains("[PSH, ACK]") }.count == 2)
        #expect(lines.filter { $0.contains("[FIN, ACK]") }.count == 2)
        #expect(lines.contains { $0.contains("Len=14") } && lines.contains { $0.contains("Len=16") })
        #expect(!summary.output.contains("Retransmission") && !summary.output.contains("Dup ACK"))
    }

    /// The seed exchange, captured whole and written to a new pcap file.
    private func capturedSeedPcap(_ linkType: PcapLinkType) throws -> (CapturedExchange, String) {
        let run = try capturedSeedExchange()
        try #require(run.segments.count == 10)
        let path = temporaryPath("seed-\(linkType).pcap")
        let writer = try PcapWriter(path: path, linkType: linkType)
        for segment in run.segments { try writer.write(segment) }
        try writer.close()
        #expect(writer.recordsWritten == run.segments.count)
        return (run, path)
    }

    /// A segment without what an Ethernet pcap does not keep (direction, interface, hardware type).
    private func withoutLinkFacts(_ segment: TCPSegment) -> TCPSegment {
        var copy = segment
        copy.frame = CapturedFrame(bytes: segment.frame.bytes, length: segment.frame.length, packetType: .host,
                                   interfaceIndex: 0, hardwareType: 0)
        return copy
    }

    private func zeroPadded(_ digits: String, _ width: Int) -> String {
        String(repeating: "0", count: max(width - digits.count, 0)) + digits
    }
}
#endif
