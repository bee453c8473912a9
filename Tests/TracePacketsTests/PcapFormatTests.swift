import Foundation
import Testing
import TracePackets
import TraceSockets

@Suite("The pcap format, without a capture")
struct PcapFormatTests {
    @Test("the file header: nanosecond magic, version 2.4, the link type; a record per segment")
    func header() throws {
        let path = temporaryPath("header.pcap")
        defer { unlink(path) }
        let writer = try PcapWriter(path: path, linkType: .linuxSLL2)
        try writer.write(try #require(FrameBuilder().segment(at: 1_700_000_000_000_000_123)))
        try writer.close()
        let bytes = try #require(FileManager.default.contents(atPath: path).map(Array.init))
        #expect(Array(bytes[0..<4]) == [0x4D, 0x3C, 0xB2, 0xA1])
        #expect(Array(bytes[4..<8]) == [2, 0, 4, 0])
        #expect(Array(bytes[20..<24]) == [0x14, 0x01, 0, 0])
        let record = try #require(PcapReader(bytes: bytes).records.first)
        #expect(record.wallTime == 1_700_000_000_000_000_123)
        #expect(record.bytes.count == 20 + FrameBuilder().bytes.count - 14)
        #expect(Array(record.bytes[0..<2]) == [0x08, 0x00])
    }

    @Test("a big-endian file with microsecond stamps is read too")
    func bigEndianMicroseconds() throws {
        let frame = FrameBuilder().bytes
        var bytes: [UInt8] = [0xA1, 0xB2, 0xC3, 0xD4, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0, 1]
        bytes.appendBig(UInt32(1_700_000_000)); bytes.appendBig(UInt32(250_000))
        bytes.appendBig(UInt32(frame.count)); bytes.appendBig(UInt32(frame.count))
        bytes += frame
        let file = try PcapReader(bytes: bytes)
        #expect(file.linkType == .ethernet && !file.hasNanosecondStamps && file.snapLength == 65_535)
        #expect(file.segments().first?.wallTime == 1_700_000_000_250_000_000)
        #expect(file.segments().first?.flags == .syn)
    }

    @Test("what is not a pcap, or is cut short, is a malformed error")
    func malformed() throws {
        #expect(throws: PcapError.self) { try PcapReader(bytes: [1, 2, 3]) }
        #expect(throws: PcapError.self) { try PcapReader(bytes: [UInt8](repeating: 0, count: 24)) }
        let path = temporaryPath("cut.pcap")
        defer { unlink(path) }
        let writer = try PcapWriter(path: path)
        try writer.write(try #require(FrameBuilder().segment()))
        try writer.close()
        let whole = try #require(FileManager.default.contents(atPath: path).map(Array.init))
        do {
            _ = try PcapReader(bytes: Array(whole.dropLast(3)), path: "cut.pcap")
            Issue.record("a cut record was read")
        } catch {
            #expect(error.description.hasPrefix("cut.pcap: not a readable pcap: record 1 is cut short"))
        }
    }

    @Test("a write error is never silent: it surfaces at close, and again at every later write",
          .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "SKIPPED: no /dev/full"))
    func writeErrors() throws {
        let writer = try PcapWriter(path: "/dev/full")
        let segment = try #require(FrameBuilder().segment())
        try writer.write(segment)
        do {
            try writer.close()
            Issue.record("closing after writing to a full device succeeded")
        } catch {
            #expect(error.reason == .system(Errno(rawValue: ENOSPC), operation: "write"))
        }
        #expect(throws: PcapError.self) { try writer.write(segment) }
    }

    @Test("a file that cannot be created is an error naming it")
    func cannotCreate() {
        do {
            _ = try PcapWriter(path: "/nonexistent-directory/x.pcap")
            Issue.record("created a file in a missing directory")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent-directory/x.pcap: open(): ENOENT"))
        }
    }
}
