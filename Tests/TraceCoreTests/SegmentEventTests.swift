import Testing
import TraceCore

@Suite("Segment events and the header's packets member in JSON Lines")
struct SegmentEventTests {
    static let segment = TraceEvent.Segment(flags: [.psh, .ack], sequence: 1, acknowledgement: 1, payloadLength: 14,
                                            window: 512, windowBytes: 65_536)

    @Test("a segment event is written with its members in a fixed order and read back equal")
    func roundTrip() throws {
        var event = TraceEvent(segment: Self.segment, time: 2_660_000, source: "127.0.0.1:41000", destination: "127.0.0.1:5000")
        event.seq = 12
        let line = JSONLinesWriter.line(for: event)
        #expect(line == #"{"v":1,"seq":12,"t_ns":2660000,"phase":"instant","actor":"network","op":"segment","local":"127.0.0.1:41000","remote":"127.0.0.1:5000","segment":{"flags":"PSH-ACK","seq":1,"ack":1,"len":14,"win":512,"win_bytes":65536}}"# + "\n")
        #expect(try JSONLinesReader.events(from: Array(line.utf8), source: "mem") == [event])
    }

    @Test("a SYN keeps its options and has no acknowledgement")
    func synOptions() throws {
        var syn = TraceEvent(segment: .init(flags: .syn, sequence: 0, acknowledgement: nil, payloadLength: 0, window: 65_495,
                                            maximumSegmentSize: 65_495, windowScale: 7),
                             time: 5, source: "[::1]:40000", destination: "[::1]:5000")
        syn.seq = 3
        let line = JSONLinesWriter.line(for: syn)
        #expect(line.contains(#""segment":{"flags":"SYN","seq":0,"len":0,"win":65495,"mss":65495,"wscale":7}"#))
        #expect(try JSONLinesReader.events(from: Array(line.utf8), source: "mem") == [syn])
    }

    @Test("flag names read back as the flags that wrote them; other words are refused", arguments: [
        TCPFlags.syn, [.syn, .ack], .ack, [.psh, .ack], [.fin, .ack], .rst, [.rst, .ack], [.fin, .psh, .ack], [],
    ])
    func flagNames(flags: TCPFlags) {
        #expect(TCPFlags(name: flags.name) == flags)
    }

    @Test("a malformed segment member is an error naming the field", arguments: [
        (#""segment":{"flags":"SYNACK","seq":0,"len":0,"win":1}"#, "segment.flags"),
        (#""segment":{"flags":"SYN","len":0,"win":1}"#, "segment.seq"),
        (#""segment":{"flags":"SYN","seq":0,"len":-1,"win":1}"#, "segment.len"),
        (#""segment":{"flags":"SYN","seq":0,"len":0,"win":70000}"#, "segment.win"),
        (#""text":"no segment""#, "segment"),
    ])
    func malformed(member: String, field: String) {
        let line = #"{"v":1,"seq":1,"t_ns":0,"phase":"instant","actor":"network","op":"segment","# + member + "}\n"
        do {
            _ = try JSONLinesReader.events(from: Array(line.utf8), source: "mem")
            Issue.record("accepted \(line)")
        } catch {
            #expect("\(error)".contains(field), "\(error)")
        }
    }

    @Test("the header says packets were captured, and on which interface")
    func headerPackets() throws {
        let header = TraceHeader(source: .builtIn, command: "demo", traced: [.client, .server],
                                 clock: .init(monotonicOrigin: 10, wallAtOrigin: 20), packets: .init(interface: "lo"))
        var event = TraceEvent(header: header)
        event.seq = 1
        let line = JSONLinesWriter.line(for: event)
        #expect(line.contains(#""clock":{"mono_ns":10,"wall_ns":20},"packets":{"interface":"lo"}}"#))
        #expect(try JSONLinesReader.events(from: Array(line.utf8), source: "mem").first?.header?.packets == .init(interface: "lo"))
        let without = JSONLinesWriter.line(for: TraceEvent(header: TraceHeader(source: .builtIn, command: "demo", traced: [])))
        #expect(!without.contains("packets"))
    }
}
