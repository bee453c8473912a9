import Foundation
import Testing
import TraceCore
import TraceText
@testable import TraceCLI
@testable import TraceTerminal

/// Issue 13, navigation: `trace replay FILE --step`, forward and back through any recording.
@Suite("trace replay --step")
struct ReplayStepTests {
    /// Recordings made for real: the demo's, a server's and a client's own, and their merge.
    final class Recordings {
        let directory: URL
        var seed: String { directory.appendingPathComponent("seed.jsonl").path }
        var server: String { directory.appendingPathComponent("server.jsonl").path }
        var client: String { directory.appendingPathComponent("client.jsonl").path }
        var merged: String { directory.appendingPathComponent("merged.jsonl").path }

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-step-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let seed = try Executable.run(["--lang", "en", "--record", self.seed])
            #expect(seed.status == 0)
            let server = try Spawned(trace: ["server", "--port", "0", "--record", self.server])
            let port = try #require(server.lines(1)?.first.flatMap(Spawned.port(in:)))
            #expect(try Executable.run(["client", "--port", String(port), "--record", client]).status == 0)
            #expect(server.exitStatus() == 0)
            let merge = try Executable.run(["merge", self.server, client, "--json"])
            #expect(merge.status == 0)
            try Data(merge.outputBytes).write(to: URL(fileURLWithPath: merged))
        }

        deinit { try? FileManager.default.removeItem(at: directory) }
    }

    /// The blocks of output that start with a `stop K of N` line's card, in order: each one's text.
    static func stopLines(_ output: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { $0.hasPrefix("  stop ") && $0.contains(" of ") }
    }

    @Test("from a pipe: one word per line; forward, back (the diagram drawn again only so far), a jump, a step it lacks, g, ?, q")
    func piped() throws {
        let recordings = try Recordings()
        let result = try Executable.run(["replay", recordings.seed, "--step", "--lang", "en", "--color", "never"],
                                        input: "\n\np\n4\n99\ng\n?\nend\nnext\nq\n")
        #expect(result.status == 0)
        #expect(result.errors.isEmpty)
        // The stops a run has depend on how its threads met (a waiting accept() is a stop of its own).
        let positions = Self.stopLines(result.output).map { $0.split(separator: " ").compactMap { Int($0) } }
        let count = try #require(positions.first?.last)
        #expect(positions.map(\.first!) == [1, 2, 3, 2, positions[4].first!, count] && positions.allSatisfy { $0.last == count })
        #expect((5...7).contains(positions[4].first!), "step 4 is the fifth stop at the earliest")
        #expect(result.output.contains("Step 4 of 9 · Server · recv(), print()"))
        #expect(result.output.contains("This recording has no step 99 (it has: 1, 2, 3, 4, 5, 6, 7, 8, 9)."))
        #expect(result.output.contains("recv(): A method for receiving data"), "g: the step's terms defined")
        #expect(result.output.contains("the previous one (the diagram goes back)"), "?: the keys")
        #expect(result.output.contains("This is the last stop: q quits."))
        // The jump to step 4 draws the diagram again, through step 4 and no further.
        let afterJump = try #require(result.output.components(separatedBy: "  stop 2 of \(count)").last)
        let drawn = try #require(afterJump.components(separatedBy: "━━ Step 4 of 9").first)
        #expect(drawn.contains(" Client ") && drawn.contains("  4 │") && !drawn.contains("  5 │"))
        // The kernel's view on a card is the one recorded.
        #expect(result.output.contains("As recorded, the kernel left the socket in ESTABLISHED after recv()"))
    }

    @Test("one-sided and merged recordings step through too, in both languages",
          arguments: [("server", "en"), ("client", "es"), ("merged", "en"), ("merged", "es")])
    func everyRecording(kind: String, language: String) throws {
        let recordings = try Recordings()
        let path = ["server": recordings.server, "client": recordings.client, "merged": recordings.merged][kind]!
        let result = try Executable.run(["replay", path, "--step", "--lang", language, "--color", "never"],
                                        input: String(repeating: "\n", count: 40))
        #expect(result.status == 0)
        let es = language == "es"
        let stops = result.output.split(separator: "\n").filter { $0.hasPrefix(es ? "  parada " : "  stop ") }
        let count = try #require(stops.last.flatMap { $0.split(separator: " ").last }.flatMap { Int($0) })
        #expect(stops.count == count, "every stop once, in order, then the end of input ends it")
        switch kind {
        case "server": #expect(result.output.contains("Step 2 (1 of 4) · Server · accept()"))
        case "client": #expect(result.output.contains("Paso 1 (1 de 5) · Cliente · connect()"))
        default:
            #expect(result.output.contains(es ? "· Cliente" : "· Client") && result.output.contains(es ? "· Servidor" : "· Server"))
            #expect(result.output.contains(es ? "Paso 9 de 9" : "Step 9 of 9"))
        }
    }

    @Test("on a terminal: → ← Home End, a number then Enter; going back draws the diagram only so far; q restores it all")
    func fullScreen() throws {
        let recordings = try Recordings()
        let terminal = try PseudoTerminal(executable: Executable.traceURL.path,
                                          arguments: ["replay", recordings.seed, "--step", "--lang", "en"],
                                          environment: ["LANG": "C", "TERM": "xterm"], columns: 80, rows: 24)
        let before = terminal.settings().modes
        func shows(_ title: String, row: Int? = nil, notRow: Int? = nil) -> Bool {
            terminal.read(untilScreen: { screen in
                let lines = screen.lines
                return screen.isAlternate && lines.contains { $0.contains(title) } && lines.last?.contains("→: next") == true
                    && row.map { r in lines.contains { $0.hasPrefix(FullScreenStepTests.stepRow(r)) } } ?? true
                    && notRow.map { r in !lines.contains { $0.hasPrefix(FullScreenStepTests.stepRow(r)) } } ?? true
            })
        }
        #expect(shows("Before step 1 · Server", notRow: 1))
        // Two or three stops before step 1, as the run's threads met (a waiting accept() is one).
        var reached = false
        for _ in 0..<3 where !reached {
            terminal.type("\u{1B}[C")
            reached = terminal.read(untilScreen: { $0.lines.contains { $0.contains("Step 1 of 9 · Client · connect()") } }, timeout: 2)
        }
        #expect(reached && shows("Step 1 of 9 · Client · connect()", row: 1, notRow: 2))
        terminal.type("\u{1B}[D")
        #expect(shows("Before step 1 · ", notRow: 1), "back: the diagram drawn again without step 1")
        terminal.type("\u{1B}[F")
        #expect(shows("Afterwards · Server", row: 9))
        terminal.type("\u{1B}[H")
        #expect(shows("Before step 1 · Server", notRow: 1))
        terminal.type("5")
        #expect(terminal.read(untilScreen: { $0.lines.last?.contains("→ step 5…") == true }))
        terminal.type("\r")
        #expect(shows("Step 5 of 9 · Server · sendall()", row: 5, notRow: 6))
        terminal.type("q")
        #expect(terminal.waitForExit())
        #expect(terminal.exitStatus == 0)
        let history = terminal.screenModel().normalHistory
        for step in 1...9 { #expect(history.contains { $0.hasPrefix(FullScreenStepTests.stepRow(step)) }) }
        #expect(history.contains { $0.hasPrefix("Recording ") })
        #expect(terminal.settings().modes == before)
    }

    @Test("the words a line may say, and the keys Home, End, Page Up and Down, Backspace")
    func keys() {
        #expect(ReplayKeys.command(forLine: "") == .next)
        #expect(ReplayKeys.command(forLine: " 12 ") == .jump(12))
        #expect(ReplayKeys.command(forLine: "atrás") == .previous)
        #expect(ReplayKeys.command(forLine: "END") == .last)
        #expect(ReplayKeys.command(forLine: "banana") == .unknown)
        let sequences: [([UInt8], Key)] = [([0x1B, 0x5B, 0x48], .home), ([0x1B, 0x4F, 0x46], .end), (Array("\u{1B}[1~".utf8), .home),
                                           (Array("\u{1B}[4~".utf8), .end), (Array("\u{1B}[5~".utf8), .pageUp),
                                           (Array("\u{1B}[6~".utf8), .pageDown), ([0x7F], .backspace)]
        for (bytes, key) in sequences {
            let (decoded, used) = KeyInput.decode(bytes)
            #expect(decoded == key && used == bytes.count)
        }
        #expect(KeyInput.decode(Array("\u{1B}[1".utf8)).1 == 0, "an unfinished sequence waits for its end")
    }
}
