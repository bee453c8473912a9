import Foundation
import Testing
import TraceCore
import TracePackets

extension Trait where Self == ConditionTrait {
    /// For a test whose `trace` captures: skipped, saying why, without CAP_NET_RAW.
    static var capturing: Self {
        .enabled(if: LoopbackCapture.isPermitted, "SKIPPED: capturing on lo needs CAP_NET_RAW (run the tests as root)")
    }
}

/// A run's events, read back from its JSON Lines.
struct PacketRun {
    let events: [TraceEvent]

    init(_ arguments: [String], executable: URL = Executable.traceURL) throws {
        let result = try Executable.run(arguments, executable: executable)
        #expect(result.status == 0, "\(arguments): \(result.errors)")
        events = try JSONLinesReader.events(from: result.outputBytes, source: "stdout")
    }

    var segments: [TraceEvent] { events.filter { $0.operation == .segment } }

    /// `SYN 0`, `PSH-ACK 14`: each segment's flags and payload length.
    var shape: [String] { segments.map { "\($0.segment!.flags.name) \($0.segment!.payloadLength)" } }

    /// The first finished call of `operation` by `actor` (at `step`, on `fd`): when it started and returned.
    func call(_ actor: TraceEvent.Actor, _ operation: TraceEvent.Operation, step: Int? = nil, fd: Int32? = nil) -> ClosedRange<UInt64>? {
        guard let done = events.first(where: { $0.phase == .done && $0.actor == actor && $0.operation == operation
                                                 && (step == nil || $0.step == step) && (fd == nil || $0.fd == fd) }),
              let start = events.first(where: { $0.seq == done.callID })
                ?? events.last(where: { $0.phase == .start && $0.seq < done.seq && $0.actor == actor && $0.operation == operation && $0.fd == done.fd })
        else { return nil }
        return start.time...done.time
    }

    /// Whether the segments at these indices travelled while the call ran (others may too: a thread that
    /// loses its processor right after a call returns is late to read the clock).
    func sent(_ indices: [Int], during call: ClosedRange<UInt64>?) -> Bool {
        guard let call, let last = indices.last, last < segments.count else { return false }
        return indices.allSatisfy { call.contains(segments[$0].time) }
    }

    /// What `sent` looked at, for a failure's message.
    func times(_ indices: [Int], _ call: ClosedRange<UInt64>?) -> String {
        "call \(call.map { "\($0)" } ?? "none"), segments " + indices.filter { $0 < segments.count }
            .map { "\(segments[$0].segment!.flags.name) at \(segments[$0].time)" }.joined(separator: ", ")
    }
}

/// The seed exchange's ten segments, as `flags length`.
func seedShape(message: Int = 13, reply: Int = 16) -> [String] {
    ["SYN 0", "SYN-ACK 0", "ACK 0", "PSH-ACK \(message)", "ACK 0", "PSH-ACK \(reply)", "ACK 0", "FIN-ACK 0", "FIN-ACK 0", "ACK 0"]
}

@Suite("--packets and --pcap: the TCP segments under the calls", .serialized)
struct PacketsTests {
    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("trace-packets-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(name)").path
    }

    @Test("trace --packets --json: the seed's ten segments, each numbered inside the call that sent it, in time order among the calls",
          .capturing, arguments: ["127.0.0.1", "::1"])
    func seedSegments(host: String) throws {
        for _ in 0..<3 {
            let run = try PacketRun(["--packets", "--json", "--lang", "en", "--host", host])
            #expect(run.events.first?.header?.packets == TraceHeader.Capture(interface: "lo"))
            #expect(run.shape == seedShape())
            let server = try #require(run.events.first { $0.operation == .listen && $0.phase == .done }?.local)
            #expect(run.segments.first?.remote == server)
            #expect(run.segments.allSatisfy { $0.local!.hasPrefix(host == "::1" ? "[::1]:" : "127.0.0.1:") })
            #expect(run.segments.map { $0.segment!.sequence } == [0, 0, 1, 1, 1, 1, 14, 14, 17, 15])
            #expect(run.segments.map { $0.segment!.acknowledgement } == [nil, 1, 1, 1, 14, 14, 17, 17, 15, 18])
            #expect(run.sent([0, 1, 2], during: run.call(.client, .connect, step: 1)), "\(run.times([0, 1, 2], run.call(.client, .connect, step: 1)))")
            #expect(run.sent([3, 4], during: run.call(.client, .sendall, step: 3)), "\(run.times([3, 4], run.call(.client, .sendall, step: 3)))")
            #expect(run.sent([5, 6], during: run.call(.server, .sendall, step: 5)), "\(run.times([5, 6], run.call(.server, .sendall, step: 5)))")
            #expect(run.sent([7], during: run.call(.client, .close, step: 8)), "\(run.times([7], run.call(.client, .close, step: 8)))")
            let serverClose = try #require(run.events.first { $0.phase == .done && $0.actor == .server && $0.operation == .close }?.fd)
            #expect(run.sent([8, 9], during: run.call(.server, .close, fd: serverClose)), "\(run.times([8, 9], run.call(.server, .close, fd: serverClose)))")
            // On one clock: the segments in time order, and every call that returned after a segment is numbered after it.
            let times = run.segments.map(\.time)
            #expect(times == times.sorted())
            for segment in run.segments {
                let late = run.events.filter { $0.phase == .done && $0.time > segment.time && $0.seq < segment.seq }
                #expect(late.isEmpty, "\(segment.segment!.flags.name) at \(segment.time) after \(late.map { "\($0.operation) \($0.time)" })")
            }
        }
    }

    @Test("RST: a refused connect is SYN then RST-ACK; close() after SO_LINGER 0 sends RST-ACK and no FIN (lesson 5)", .capturing)
    func resets() throws {
        let run = try PacketRun(["lesson", "5", "--packets", "--json", "--lang", "en"])
        #expect(Array(run.shape.prefix(2)) == ["SYN 0", "RST-ACK 0"])
        #expect(run.sent([0, 1], during: run.call(.client, .connect, step: 1)), "\(run.times([0, 1], run.call(.client, .connect, step: 1)))")
        let reset = try #require(run.call(.server, .close, step: 3))
        let rst = try #require(run.segments.first { reset.contains($0.time) && $0.segment!.flags.contains(.rst) })
        let connection = run.segments.filter { [$0.local, $0.remote] == [rst.local, rst.remote] || [$0.local, $0.remote] == [rst.remote, rst.local] }
        #expect(connection.map { $0.segment!.flags.name } == ["SYN", "SYN-ACK", "ACK", "RST-ACK"])
    }

    @Test("--pcap FILE: one record per segment, read back by PcapReader, in both link types", .capturing,
          arguments: [("ethernet", PcapLinkType.ethernet), ("sll2", .linuxSLL2)])
    func pcap(link: String, type: PcapLinkType) throws {
        let file = temporary("seed.pcap")
        defer { unlink(file) }
        let run = try PacketRun(["--pcap", file, "--pcap-link", link, "--json", "--lang", "en"])
        let reader = try PcapReader(path: file)
        #expect(reader.linkType == type && reader.hasNanosecondStamps)
        let segments = reader.segments()
        #expect(segments.map { "\($0.flags.name) \($0.payloadLength)" } == run.shape)
        #expect(segments.map { $0.source.description } == run.segments.map { $0.local! })
        guard let tshark = which("tshark") else { return }
        let shown = try Executable.run(["-r", file], executable: tshark)
        #expect(shown.status == 0, "\(shown.errors)")
        let lines = shown.output.split(separator: "\n")
        #expect(lines.count == 10 && lines[0].contains("[SYN]") && lines[3].contains("Len=13") && lines[7].contains("[FIN, ACK]"),
                "\(shown.output)")
    }

    @Test("trace replay of a recording with packets draws what the live run drew, legend and debrief included", .capturing)
    func replay() throws {
        let file = temporary("demo.jsonl")
        defer { unlink(file) }
        let display = ["--color", "never", "--width", "100", "--lang", "en"]
        let live = try Executable.run(["--packets", "--record", file] + display)
        #expect(live.status == 0, "\(live.errors)")
        let replayed = try Executable.run(["replay", file] + display)
        #expect(replayed.status == 0, "\(replayed.errors)")
        func diagram(_ text: String) -> [String] { Array(text.split(separator: "\n").map(String.init).drop { !$0.contains("Client") }) }
        #expect(diagram(replayed.output) == diagram(live.output))
        #expect(diagram(live.output).filter { $0.contains("─ SYN ─") }.count == 1)
        #expect(live.output.contains("Arrows: the TCP segments captured on lo"))
        #expect(live.output.contains("trace captured their 10 TCP segments: SYN, SYN-ACK, ACK, PSH-ACK (13"))
    }

    @Test("without --packets the arrows are inferred, and the legend says so", arguments: ["en", "es"])
    func inferredLegend(language: String) throws {
        let live = try Executable.run(["--color", "never", "--lang", language])
        #expect(live.status == 0)
        #expect(live.output.contains(language == "en" ? "Arrows: inferred from the calls" : "Flechas: deducidas de las llamadas"))
        #expect(!live.output.contains("Seq="))
    }

    @Test("--step --packets: after each step's lines, the segments it made travel", .capturing)
    func walkthrough() throws {
        let result = try Executable.run(["--step", "--packets", "--color", "never", "--lang", "en"], input: String(repeating: "\n", count: 20))
        #expect(result.status == 0, "\(result.errors)")
        let output = result.output.replacingOccurrences(of: "\n    ", with: " ")
        #expect(output.contains("Before connect() returned, the kernel sent SYN, received SYN-ACK and sent ACK: 3 segments in"))
        #expect(output.contains("No segment crossed the connection while accept() ran."))
        #expect(output.contains("Before sendall() returned, the kernel sent PSH-ACK (13 bytes) and received ACK: 2 segments"))
    }

    @Test("trace server and trace client, each with --packets, on one machine: each draws the segments it saw", .capturing)
    func serverAndClient() throws {
        let server = try Spawned(trace: ["server", "--port", "0", "--packets", "--json"])
        let first = try #require(server.lines(1, fromErrors: true)?.first)
        let port = try #require(Spawned.port(in: first))
        let client = try PacketRun(["client", "--port", String(port), "--packets", "--json"])
        #expect(server.exitStatus() == 0)
        let served = PacketRun(events: try JSONLinesReader.events(from: server.outputBytes, source: "server"))
        #expect(served.shape == seedShape())
        #expect(served.sent([0, 1, 2], during: served.call(.server, .accept)), "\(served.times([0, 1, 2], served.call(.server, .accept)))")
        #expect(Array(client.shape.prefix(8)) == Array(seedShape().prefix(8)))
        #expect(client.sent([0, 1, 2], during: client.call(.client, .connect)), "\(client.times([0, 1, 2], client.call(.client, .connect)))")
        #expect(client.events.first?.header?.packets != nil && served.events.first?.header?.packets != nil)
    }

    @Test("options: a bad link type, a server reachable from the network, a pcap that cannot be created", arguments: [
        (["--packets", "--pcap-link", "token-ring"], Int32(64), "--pcap-link"),
        (["--pcap-link", "sll2"], 64, "--pcap"),
        (["server", "--packets", "--host", "0.0.0.0"], 64, "lo"),
        (["--pcap", "/nonexistent-directory/x.pcap"], 73, "--pcap"),
    ])
    func badOptions(arguments: [String], status: Int32, mentions: String) throws {
        let result = try Executable.run(arguments)
        #expect(result.status == status, "\(result.errors)")
        #expect(result.errors.contains(mentions) && result.errors.split(separator: "\n").count <= 2, "\(result.errors)")
        #expect(result.output.isEmpty)
    }

    #if os(Linux)
    @Test("an unprivileged user (uid 65534): the demo captures in a private network of its own; trace server refuses in one line",
          .enabled(if: getuid() == 0, "SKIPPED: dropping to uid 65534 in a child process needs root"))
    func unprivileged() throws {
        let trace = Executable.traceURL.path
        let demo = try Executable.run(["as-user", "65534", "exec", trace, "--packets", "--json", "--lang", "en"], executable: Executable.probeURL)
        if demo.status == 1, demo.errors.hasPrefix("trace: --packets:") {
            // Where the system refuses the namespace, the one line says why and what to do.
            #expect(demo.errors.contains("setcap"))
            try Test.cancel("SKIPPED: this system refuses the private network: \(demo.errors)")
        }
        #expect(demo.status == 0, "\(demo.errors)")
        let run = try JSONLinesReader.events(from: demo.outputBytes, source: "stdout")
        #expect(run.filter { $0.operation == .segment }.count == 10)
        let server = try Executable.run(["as-user", "65534", "exec", trace, "server", "--packets", "--port", "0", "--lang", "en"],
                                        executable: Executable.probeURL)
        #expect(server.status == 1)
        #expect(server.output.isEmpty)
        #expect(server.errors.hasPrefix("trace: --packets: capturing needs the CAP_NET_RAW capability") && server.errors.contains("setcap cap_net_raw+ep"),
                "\(server.errors)")
        #expect(server.errors.split(separator: "\n").count == 1)
    }
    #endif
}

extension PacketRun {
    init(events: [TraceEvent]) { self.events = events }
}
