import Foundation
import Testing
import TraceCore

@Suite("trace export and --export: formats, files, exit statuses")
struct ExportCommandTests {
    @Test("a bad format, a malformed --export or both languages outside a page: one line, exit 64", arguments: [
        ["export", Fixture.seed, "--format", "pdf"],
        ["export", Fixture.seed],
        ["export", Fixture.seed, "--format", "svg", "--lang", "both"],
        ["--export", "pdf:x.pdf"],
        ["--export", "svg"],
        ["client", "--export", ":x.svg"],
    ])
    func usage(arguments: [String]) {
        let run = Fixture.trace(arguments)
        #expect(run.status == 64)
        #expect(run.errors.hasPrefix("trace"))
        #expect(run.output.isEmpty)
    }

    @Test("an output that cannot be created: exit 73; one that cannot be written: exit 74; a missing recording: 66")
    func files() {
        let missingDirectory = Fixture.trace(["export", Fixture.seed, "--format", "svg", "--output", "/nonexistent/x.svg"])
        #expect(missingDirectory.status == 73)
        #expect(missingDirectory.errors.split(separator: "\n").count == 1)
        let full = Fixture.trace(["export", Fixture.seed, "--format", "html", "--output", "/dev/full"])
        #expect(full.status == 74, "\(full.errors)")
        #expect(Fixture.trace(["export", "/nonexistent.jsonl", "--format", "svg"]).status == 66)
        #expect(Fixture.trace(["--export", "svg:/nonexistent/x.svg"]).status == 73)
    }

    @Test("the format follows --output's extension")
    func formatFromExtension() throws {
        let dir = try Fixture.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (ext, start) in [("mmd", "%% "), ("puml", "@startuml"), ("svg", "<?xml"), ("html", "<!DOCTYPE html>")] {
            let out = dir.appendingPathComponent("seed.\(ext)")
            #expect(Fixture.trace(["export", Fixture.seed, "--output", out.path]).status == 0)
            #expect(try String(contentsOf: out, encoding: .utf8).hasPrefix(start))
        }
    }

    @Test("a recording without a header (trace --json of an older trace) exports like its replay, steps in order")
    func withoutHeader() throws {
        let dir = try Fixture.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let old = dir.appendingPathComponent("old.jsonl")
        let lines = try String(contentsOfFile: Fixture.seed, encoding: .utf8).split(separator: "\n").dropFirst()
        try (lines.joined(separator: "\n") + "\n").write(to: old, atomically: true, encoding: .utf8)
        let source = try Fixture.export(old.path, "mermaid", lang: "en")
        let numbers = source.split(separator: "\n").compactMap { line -> Int? in
            guard line.contains("->>"), let colon = line.range(of: ": ") else { return nil }
            let text = line[colon.upperBound...]
            guard let dot = text.firstIndex(of: "."), let n = Int(text[..<dot]) else { return nil }
            return n
        }
        #expect(numbers == Array(1...9))
    }

    @Test("trace --export html:FILE: the run ends, the page is there, its steps the run's")
    func liveRun() throws {
        let dir = try Fixture.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("run.html"), picture = dir.appendingPathComponent("run.svg")
        let run = Fixture.trace(["--lang", "en", "--export", "html:\(page.path)"])
        #expect(run.status == 0, "\(run.errors)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.hasSuffix("</html>\n"))
        for step in 0...9 { #expect(html.contains("data-step=\"\(step)\""), "step \(step)") }
        #expect(html.contains("the three-way handshake"), "the cards' explanation of connect()")
        let client = Fixture.trace(["client", "--port", "1", "--export", "svg:\(picture.path)", "--connect-timeout", "2"])
        #expect(client.status == 1, "nobody listens on port 1")
        let svg = try String(contentsOf: picture, encoding: .utf8)
        #expect(svg.contains("ECONNREFUSED"), "a failed run is exported too")
    }
}
