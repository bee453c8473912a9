import Foundation
import Testing
import TraceCore
import TracePackets

/// `trace run --packets`: the segments of the class's own programs, under their calls.
@Suite("trace run --packets: the segments under your own programs' calls",
       .enabled(if: RunPrograms.python != nil, "SKIPPED: python3 is not installed"))
struct RunPacketsTests {
    let python = RunPrograms.python ?? "python3"

    func pair(_ extra: [String], host: String = "127.0.0.1", input: String? = nil) throws -> Executable.Result {
        let scratch = try RunScratch()
        let server = try scratch.write("server.py", RunPrograms.server)
        let client = try scratch.write("client.py", RunPrograms.client)
        return try Executable.run(["run"] + RunCommandTests.display + extra + ["--server", "\(python) \(server) 0 \(host)", "--",
                                                                              python, client, host, "{port}"], input: input, timeout: 60)
    }

    @Test("the Python pair's segments in JSON Lines: the handshake inside connect(), each send a PSH-ACK of its length, a FIN from each side",
          .capturing, arguments: ["127.0.0.1", "::1"])
    func jsonSegments(host: String) throws {
        let result = try pair(["--packets", "--json"], host: host)
        #expect(result.status == 0, "\(result.errors)")
        let run = PacketRun(events: try JSONLinesReader.events(from: result.outputBytes, source: "stdout"))
        #expect(run.events.first?.header?.packets == TraceHeader.Capture(interface: "lo"))
        // The closing may take a pure ACK of the first FIN before the second (a server slow to close).
        #expect(Array(run.shape.prefix(7)) == ["SYN 0", "SYN-ACK 0", "ACK 0", "PSH-ACK 8", "ACK 0", "PSH-ACK 12", "ACK 0"], "\(run.shape)")
        #expect(run.shape.filter { $0 == "FIN-ACK 0" }.count == 2 && run.shape.last == "ACK 0", "\(run.shape)")
        #expect(run.sent([0, 1, 2], during: run.call(.client, .connect, step: 1)), "\(run.times([0, 1, 2], run.call(.client, .connect, step: 1)))")
        #expect(run.sent([3], during: run.call(.client, .send, step: 3)), "\(run.times([3], run.call(.client, .send, step: 3)))")
        #expect(run.sent([5], during: run.call(.server, .send, step: 5)), "\(run.times([5], run.call(.server, .send, step: 5)))")
        let listener = try #require(run.events.first { $0.operation == .listen && $0.phase == .done }?.local)
        #expect(run.segments.first?.remote == listener)
        // Ordered on one clock: every event's time is not before the previous one's segment.
        let times = run.events.filter { $0.operation == .segment }.map(\.time)
        #expect(times == times.sorted())
    }

    @Test("on the diagram: observed arrows under the calls, none inferred, the legend saying so", .capturing)
    func diagram() throws {
        let result = try pair(["--packets"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(RunOutput.stepNumbers(result.output) == Array(1...9), "\(result.output)")
        #expect(result.output.contains("── SYN ──") && result.output.contains("── SYN-ACK ──"))
        #expect(result.output.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("No arrow is inferred."))
        #expect(!result.output.contains("(inferred)"))
    }

    @Test("--pcap FILE: the pair's segments written for Wireshark, read back by the project's reader", .capturing)
    func pcap() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trace-run-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).pcap").path
        defer { unlink(path) }
        let result = try pair(["--pcap", path, "--json"])
        #expect(result.status == 0, "\(result.errors)")
        let run = PacketRun(events: try JSONLinesReader.events(from: result.outputBytes, source: "stdout"))
        let reader = try PcapReader(path: path)
        #expect(reader.linkType == .ethernet && reader.hasNanosecondStamps)
        let segments = reader.segments()
        #expect(segments.count >= 10)
        #expect(segments.map { "\($0.flags.name) \($0.payloadLength)" } == run.shape)
        #expect(segments.map { $0.source.description } == run.segments.map { $0.local! })
    }

    @Test("--step --packets: after each call, the segments that crossed meanwhile (the handshake named after connect())", .capturing)
    func stepNamesSegments() throws {
        let result = try pair(["--step", "--packets"], input: String(repeating: "\n", count: 200))
        #expect(result.status == 0, "\(result.errors)")
        let text = result.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("Before connect() returned, the kernel sent SYN, received SYN-ACK and sent ACK: 3 segments"), "\(result.output)")
        #expect(text.contains("No arrow is inferred."))
    }

    #if os(Linux)
    @Test("one program without CAP_NET_RAW: one line naming the capability and the remedy, status 1, nothing run",
          .enabled(if: getuid() == 0, "SKIPPED: dropping to uid 65534 in a child process needs root"))
    func unprivilegedSingle() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("trace-run-ran-\(getpid())").path
        let result = try Executable.run(["as-user", "65534", "exec", Executable.traceURL.path, "run", "--packets", "--lang", "en",
                                         "--", "/bin/sh", "-c", "echo ran > \(marker)"], executable: Executable.probeURL)
        #expect(result.status == 1)
        #expect(result.errors.hasPrefix("trace: --packets: capturing needs the CAP_NET_RAW capability"), "\(result.errors)")
        #expect(result.errors.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: marker))
    }
    #endif
}
