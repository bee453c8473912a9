import Foundation
import Testing
import TraceCLI
import TraceCore

/// The recordings the export tests use, made by real runs of `trace --record` (see the README of
/// `Golden/`), and the way to export them: `trace export` run in this process.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// `trace --lang es --record`: the seed, as it ran.
    static let seed = directory.appendingPathComponent("seed-run.jsonl").path
    /// `trace --lang en --message '<script>…' --reply '<img …> ;#end %date() [[x]] **b** \e' --record`.
    static let hostile = directory.appendingPathComponent("hostile-run.jsonl").path

    struct Run {
        let status: Int32
        let output: String
        let errors: String
    }

    /// `trace ARGUMENTS` in this process, its outputs captured.
    static func trace(_ arguments: [String], environment: [String: String] = ["LANG": "C"]) -> Run {
        let out = StringOutput(), err = StringOutput()
        let status = TraceCommand.run(arguments, context: CommandContext(output: out, errors: err, environment: environment))
        return Run(status: status, output: out.text, errors: err.text)
    }

    /// `trace export FILE --format FORMAT --lang LANG` on standard output.
    static func export(_ file: String, _ format: String, lang: String) throws -> String {
        let run = trace(["export", file, "--format", format, "--lang", lang])
        try #require(run.status == 0, "trace export failed (\(run.status)): \(run.errors)")
        return run.output
    }

    /// A fresh directory for a test's files.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trace-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Programs a test may need; each test that needs one skips, saying why, when it is missing.
enum Tools {
    static func which(_ name: String) -> URL? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    static let chromium = which("chromium") ?? which("chromium-browser")
    static let plantuml = which("plantuml")
    static let xmllint = which("xmllint")

    /// A real Mermaid renderer: `mermaid.min.js`, run in Chromium. The npm registry is out of reach
    /// here; `.ci/run` takes the file from a PyPI wheel that ships it and says where in TRACE_MERMAID_JS.
    static let mermaidJS: URL? = {
        let candidates = [ProcessInfo.processInfo.environment["TRACE_MERMAID_JS"], "/usr/local/share/trace-test-tools/mermaid.min.js"]
        return candidates.compactMap { $0 }.map { URL(fileURLWithPath: $0) }
            .first { FileManager.default.isReadableFile(atPath: $0.path) }
    }()
}

/// Runs a program with a deadline, its outputs collected.
struct Command {
    let status: Int32
    let output: String
    let errors: String

    static func run(_ executable: URL, _ arguments: [String], timeout: Double = 60) throws -> Command {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = Drain(out.fileHandleForReading), errData = Drain(err.fileHandleForReading)
        let deadline = Date(timeIntervalSinceNow: timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            process.terminate()
            throw CommandTimeout(program: executable.lastPathComponent)
        }
        return Command(status: process.terminationStatus, output: String(decoding: outData.wait(), as: UTF8.self),
                       errors: String(decoding: errData.wait(), as: UTF8.self))
    }
}

struct CommandTimeout: Error { let program: String }

/// Reads a pipe to its end on a thread of its own, so a chatty program never blocks on a full pipe.
final class Drain: @unchecked Sendable {
    private let condition = NSCondition()
    private var data: Data?

    init(_ handle: FileHandle) {
        Thread { [self] in
            let all = handle.readDataToEndOfFile()
            condition.lock()
            data = all
            condition.broadcast()
            condition.unlock()
        }.start()
    }

    func wait() -> Data {
        condition.lock()
        defer { condition.unlock() }
        while data == nil { condition.wait() }
        return data!
    }
}
