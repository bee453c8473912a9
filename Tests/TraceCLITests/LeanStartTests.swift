import Foundation
import Testing

/// Issue 15: a light start (no Foundation in what `trace` links) and a replay that streams (issue 9 point 17).
@Suite("A light start and a streaming replay")
struct LeanStartTests {
    /// The package's root, from this file's place in it.
    static var root: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    @Test("no target linked into trace imports Foundation (only trace-bench may)")
    func noFoundationInTheExecutable() throws {
        let sources = Self.root.appendingPathComponent("Sources")
        let targets = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0 != "trace-bench" }
        #expect(targets.contains("TraceCore") && targets.contains("TraceCLI"))
        var importers: [String] = []
        for target in targets {
            let directory = sources.appendingPathComponent(target)
            guard let files = FileManager.default.enumerator(atPath: directory.path) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                let imports = text.split(separator: "\n").contains { line in
                    let words = line.split(separator: " ")
                    return words.contains("import") && words.last.map { $0.hasPrefix("Foundation") } == true
                }
                if imports { importers.append("\(target)/\(file)") }
            }
        }
        #expect(importers == [], "these import Foundation: \(importers)")
    }

    @Test("the built trace loads no Foundation library and no ICU (ldd)")
    func noFoundationLibraries() throws {
        guard let ldd = which("ldd") else {
            print("skipped: ldd is not on the PATH")
            return
        }
        let result = try Executable.run([Executable.traceURL.path], executable: ldd)
        try #require(result.status == 0, "ldd failed: \(result.errors)")
        let libraries = result.output.split(separator: "\n").map { String($0) }
        #expect(libraries.contains { $0.contains("libswiftCore") }, "\(result.output)")
        let stale = libraries.filter { $0.contains("Foundation") || $0.contains("icu") || $0.contains("ICU") }
        #expect(stale == [], "trace still loads \(stale)")
    }

    @Test("trace replay draws the first lines of a recording fed through a pipe before the pipe ends")
    func replayStreamsFromAPipe() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trace-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let recording = directory.appendingPathComponent("demo.jsonl")
        let recorded = try Executable.run(["--record", recording.path, "--color", "never"])
        try #require(recorded.status == 0, "\(recorded.errors)")
        let lines = try String(contentsOf: recording, encoding: .utf8).split(separator: "\n").map { $0 + "\n" }
        // The header, the server's setup and the client's socket(): the first half of the exchange.
        let half = try #require(lines.dropFirst().firstIndex { $0.contains("\"op\":\"connect\"") })
        try #require(half > 8 && half < lines.count - 8)

        let fifo = directory.appendingPathComponent("events")
        try #require(mkfifo(fifo.path, 0o600) == 0)
        // Read-write, so that opening never waits for the reader; closing it is the pipe's end.
        let writer = open(fifo.path, O_RDWR)
        try #require(writer >= 0)
        var writerOpen = true
        defer { if writerOpen { close(writer) } }
        func write(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBytes { Foundation.write(writer, $0.baseAddress, $0.count) } == bytes.count
        }

        let replay = try Spawned(trace: ["replay", fifo.path, "--color", "never"])
        try #require(write(lines[..<half].joined()))
        // The setup's rows arrive while the rest of the recording has not been written yet.
        let early = replay.waitFor("listen(5) → ok [LISTEN]")
        #expect(early, "nothing drawn before the input ended: \(replay.output) \(replay.errors)")
        #expect(!replay.output.contains("connect("), "a row of events not written yet")

        try #require(write(lines[half...].joined()))
        close(writer)
        writerOpen = false
        #expect(replay.exitStatus() == 0, "\(replay.errors)")
        let whole = try Executable.run(["replay", recording.path, "--color", "never"])
        #expect(whole.status == 0)
        // Streamed, the diagram is the same as from the file (its title names its source).
        let body = { (text: String) in text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n") }
        #expect(body(replay.output) == body(whole.output))
    }
}
