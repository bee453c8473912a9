import Foundation
import Testing
import TraceText
import TraceCore

@Suite("JSON Lines: the public recording format")
struct JSONLinesTests {
    static func fullEvent() -> TraceEvent {
        var e = TraceEvent(seq: 7, time: 123_456_789, phase: .done, actor: .server, connection: 3,
                           operation: .recv, step: 4, fd: 5)
        e.duration = 42_000
        e.newFD = 9
        e.requestedBytes = 1024
        e.bytes = 27
        e.sendCalls = 2
        e.preview = "Hola, \"servidor\" \\ ñ 👋 \\x1b"
        e.address = "[::1]:0"
        e.family = "ipv6"
        e.option = "SO_REUSEADDR"
        e.optionValue = 1
        e.backlog = 5
        e.how = "SHUT_WR"
        e.local = "127.0.0.1:5000"
        e.remote = "127.0.0.1:53122"
        e.error = .init(name: "ECONNRESET", code: 104, message: "Connection reset by peer", call: "recv")
        e.tcp = .init(state: TCPState(name: "CLOSE_WAIT"), rttMicroseconds: 31, rttVarianceMicroseconds: 15, unacked: 0,
                      retransmits: 0, totalRetransmits: 1, bytesAcked: UInt64.max, bytesReceived: 28,
                      acceptQueue: 1, backlog: 128)
        e.text = "line\nwith\tcontrols\u{0}"
        return e
    }

    @Test("every field survives a round trip, and each event is one line")
    func roundTrip() throws {
        let events = [JSONLinesTests.fullEvent(),
                      TraceEvent(seq: 8, time: 0, phase: .start, actor: .client, operation: .socket),
                      TraceEvent(seq: 9, time: 1, phase: .instant, actor: .tool, operation: .stop, text: "quit", origin: .tool)]
        let text = events.map(JSONLinesWriter.line(for:)).joined()
        #expect(text.split(separator: "\n").count == 3)
        let back = try JSONLinesReader.events(from: Array(text.utf8), source: "mem")
        #expect(back == events)
    }

    @Test("through a file, and through the writer sink")
    func fileRoundTrip() throws {
        let output = StringOutput()
        let writer = JSONLinesWriter(output: output)
        let original = JSONLinesTests.fullEvent()
        writer.receive(original)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString).jsonl").path
        try output.text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try JSONLinesReader.events(fromFile: path) == [original])
    }

    @Test("the first line is versioned and starts with the fixed keys")
    func shape() {
        let line = JSONLinesWriter.line(for: TraceEvent(seq: 1, time: 2, phase: .start, actor: .client, operation: .connect))
        #expect(line == "{\"v\":1,\"seq\":1,\"t_ns\":2,\"phase\":\"start\",\"actor\":\"client\",\"op\":\"connect\"}\n")
    }

    @Test("Codable goes through the same mapping")
    func codable() throws {
        let event = JSONLinesTests.fullEvent()
        let data = try JSONEncoder().encode(event)
        #expect(try JSONDecoder().decode(TraceEvent.self, from: data) == event)
        let line = JSONLinesWriter.line(for: event)
        #expect(try JSONDecoder().decode(TraceEvent.self, from: Data(line.utf8)) == event)
    }

    static let malformed: [(String, Int, String)] = [
        ("{\"v\":1,\"seq\":1,\"t_ns\":0,\"phase\":\"start\",\"actor\":\"client\",\"op\":\"socket\"}\nnot json\n", 2, "not JSON"),
        ("{\"v\":2,\"seq\":1,\"t_ns\":0,\"phase\":\"start\",\"actor\":\"client\",\"op\":\"socket\"}", 1, "unsupported format version 2"),
        ("{\"v\":1,\"seq\":1,\"t_ns\":0,\"phase\":\"middle\",\"actor\":\"client\",\"op\":\"socket\"}", 1, "field \"phase\""),
        ("{\"v\":1,\"seq\":-1,\"t_ns\":0,\"phase\":\"start\",\"actor\":\"client\",\"op\":\"socket\"}", 1, "field \"seq\""),
        ("{\"v\":1,\"t_ns\":0,\"phase\":\"start\",\"actor\":\"client\",\"op\":\"socket\"}", 1, "missing field \"seq\""),
        ("\n\n{\"v\":1,\"seq\":1,\"t_ns\":0,\"phase\":\"done\",\"actor\":\"client\",\"op\":\"recv\",\"tcp\":{\"state\":3}}", 3, "field \"tcp.state\""),
        ("{\"v\":1,\"seq\":2,\"t_ns\":0,\"phase\":\"start\",\"actor\":\"client\",\"op\":\"socket\"}\n{\"v\":1,\"seq\":2,\"t_ns\":0,\"phase\":\"start\",\"actor\":\"client\",\"op\":\"socket\"}", 2, "out of order"),
        ("{\"v\":1,\"seq\":1,\"t_ns\":0,\"phase\":\"start\",\"actor\":\"client\",\"op\":\"sock", 1, "not JSON"),
        ("[1,2,3]", 1, "expected a JSON object"),
        // Valid JSON events the format does not allow (RecordingValidation): the line and why.
        ("{\"v\":1,\"seq\":1,\"t_ns\":0,\"phase\":\"start\",\"actor\":\"client\",\"op\":\"socket\"}\n{\"v\":1,\"seq\":2,\"t_ns\":0,\"phase\":\"instant\",\"actor\":\"observer\",\"op\":\"note\"}", 2, "unknown actor \"observer\""),
        ("{\"v\":1,\"seq\":1,\"t_ns\":0,\"phase\":\"instant\",\"actor\":\"client\",\"op\":\"future_op\"}", 1, "unknown operation \"future_op\""),
        ("{\"v\":1,\"seq\":1,\"t_ns\":0,\"phase\":\"start\",\"actor\":\"client\",\"op\":\"connect\",\"step\":-3}", 1, "step -3"),
        ("{\"v\":1,\"seq\":1,\"t_ns\":0,\"phase\":\"done\",\"actor\":\"server\",\"op\":\"recv\",\"fd\":5,\"asked\":1024,\"bytes\":99999}", 1, "never moves more bytes"),
        ("\n  \n", 2, "the recording is empty"),
        ("{\"v\":1,\"v\":1}", 1, "duplicate member"),
    ]

    @Test("malformed input is rejected with the line number and the reason", arguments: malformed)
    func rejects(input: String, line: Int, reason: String) {
        #expect {
            _ = try JSONLinesReader.events(from: Array(input.utf8), source: "rec.jsonl")
        } throws: { error in
            guard let error = error as? JSONLinesError else { return false }
            return error.line == line && error.reason.contains(reason)
                && error.description.hasPrefix("rec.jsonl:\(line): ")
        }
    }

    @Test("garbage bytes, deep nesting and over-long lines fail cleanly, without crashing or hanging")
    func hostileInput() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let garbage = (0..<Int.random(in: 1...300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = try? JSONLinesReader.events(from: garbage, source: "garbage")
        }
        let deep = Array(repeating: UInt8(ascii: "["), count: 100_000)
        #expect(throws: JSONLinesError.self) { try JSONLinesReader.events(from: deep, source: "deep") }
        let long = Array(repeating: UInt8(ascii: " "), count: JSONLinesReader.maximumLineLength + 10)
        #expect {
            _ = try JSONLinesReader.events(from: long, source: "long")
        } throws: { ($0 as? JSONLinesError)?.reason.contains("longer than") == true }
    }

    @Test("a missing file or a directory is reported, not crashed on")
    func missingFile() {
        #expect {
            _ = try JSONLinesReader.events(fromFile: "/nonexistent/trace.jsonl")
        } throws: { ($0 as? JSONLinesError)?.description == "/nonexistent/trace.jsonl: no such file" }
        #expect(throws: JSONLinesError.self) { _ = try JSONLinesReader.events(fromFile: "/tmp") }
    }
}
