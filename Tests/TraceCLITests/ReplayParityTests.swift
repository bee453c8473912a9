import Foundation
import Testing
import TraceCore
import TraceText

/// Each command records, and `trace replay` of its recording draws the very lines the live run drew:
/// the recording's header says whose calls it holds and which plan it follows.
@Suite("Replay draws what the live run drew, for every command")
struct ReplayParityTests {
    let display = ["--color", "never", "--width", "100", "--lang", "en"]

    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("trace-parity-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(name)").path
    }

    /// The lines from the diagram's lifeline titles on (the diagram, then what follows it).
    func diagram(_ output: String) -> [String] {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.contains("Client") && $0.contains("Server") }) else { return [] }
        return Array(lines[start...])
    }

    func replay(_ file: String) throws -> [String] {
        let replayed = try Executable.run(["replay", file] + display)
        #expect(replayed.status == 0, "\(replayed.errors)")
        return diagram(replayed.output)
    }

    @Test("the demo, with its legend and debrief")
    func demo() throws {
        let file = temporary("demo.jsonl")
        defer { unlink(file) }
        let live = try Executable.run(["--record", file] + display)
        #expect(live.status == 0)
        let drawn = diagram(live.output)
        #expect(drawn.count > 20 && drawn.contains { $0.contains("What happens behind the scenes?") })
        #expect(try replay(file) == drawn)
        // The header says how the run was made.
        let header = try #require(try JSONLinesReader.events(fromFile: file).first?.header)
        #expect(header.command == "demo" && header.plan?.id == "seed" && Set(header.traced) == [.client, .server])
    }

    @Test("a lesson, with its legend (lesson 8: two clients and a server)")
    func lesson() throws {
        let file = temporary("lesson.jsonl")
        defer { unlink(file) }
        let live = try Executable.run(["lesson", "8", "--record", file] + display)
        #expect(live.status == 0)
        // The lesson's own text comes first; its questions come after the diagram and its legend.
        var drawn = diagram(live.output)
        if let questions = drawn.firstIndex(where: { $0.hasPrefix("Questions") }) { drawn = Array(drawn[..<questions]) }
        while drawn.last == "" { drawn.removeLast() }
        #expect(drawn.contains { $0.contains("#2") })
        var replayed = try replay(file)
        while replayed.last == "" { replayed.removeLast() }
        #expect(replayed == drawn)
    }

    @Test("trace server and trace client: one side each, the peer seen from the network; and their merge")
    func oneSided() throws {
        let serverFile = temporary("server.jsonl"), clientFile = temporary("client.jsonl")
        defer { unlink(serverFile); unlink(clientFile) }
        let server = try Spawned(trace: ["server", "--port", "0", "--record", serverFile] + display)
        let first = try #require(server.lines(1)?.first)
        let port = try #require(Spawned.port(in: first))
        let client = try Executable.run(["client", "--port", String(port), "--record", clientFile] + display)
        #expect(client.status == 0)
        #expect(server.exitStatus() == 0)

        let serverLive = diagram(server.output)
        // The client's lifeline is dotted (seen from the network), with arrows coming in from it.
        #expect(serverLive.contains { $0.hasPrefix("    ┆") })
        #expect(serverLive.contains { $0.contains("─▶│") })
        #expect(try replay(serverFile) == serverLive)
        let clientLive = diagram(client.output)
        #expect(clientLive.contains { $0.contains("│◀") })
        #expect(try replay(clientFile) == clientLive)

        let mergedFile = temporary("merged.jsonl")
        defer { unlink(mergedFile) }
        let merged = try Executable.run(["merge", serverFile, clientFile, "--record", mergedFile] + display)
        #expect(merged.status == 0, "\(merged.errors)")
        #expect(try replay(mergedFile) == diagram(merged.output))
    }
}
