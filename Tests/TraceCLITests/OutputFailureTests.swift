#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import Foundation
import Testing

/// A failed write of standard output is a failed run: exit 74 and one line on standard error, in the
/// learner's language, for every command; a closed output (EPIPE) never kills the process.
@Suite("a lost standard output: exit 74, one line")
struct OutputFailureTests {
    struct Outcome {
        let status: Int32
        /// Ended by a signal (SIGPIPE would be one) rather than by exiting.
        let signalled: Bool
        let errors: String
        var errorLines: [String] { errors.split(separator: "\n").map(String.init) }
    }

    /// Runs the built `trace` with standard output on `output` (a descriptor the test owns), standard
    /// error on a pipe, and no input.
    static func run(_ arguments: [String], output: Int32, environment: [String: String] = ["LANG": "C"],
                    timeout: Double = 60) throws -> Outcome {
        let process = Process()
        process.executableURL = Executable.traceURL
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = FileHandle(fileDescriptor: output, closeOnDealloc: false)
        let err = Pipe()
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errors = ReadAll(err.fileHandleForReading)
        let deadline = Date(timeIntervalSinceNow: timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        if process.isRunning {
            process.terminate()
            throw ExecutableTimeout(arguments: arguments)
        }
        return Outcome(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                       errors: String(decoding: errors.wait(), as: UTF8.self))
    }

    /// `/dev/full`: every write fails with ENOSPC, as on a full disk.
    static func runToFullDisk(_ arguments: [String], environment: [String: String] = ["LANG": "C"]) throws -> Outcome {
        let full = open("/dev/full", O_WRONLY | O_CLOEXEC)
        try #require(full >= 0, "/dev/full cannot be opened")
        defer { close(full) }
        return try run(arguments, output: full, environment: environment)
    }

    static let recording: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("full-\(getpid()).jsonl").path
        let made = try? Executable.run(["--json"])
        try? made?.output.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }()

    static let fullDiskLine = "trace: could not write the output (ENOSPC): no space left on the device"

    @Test("to a full disk: the demo, --json, --step, a lesson, replay, export, run, help: 74 and one line",
          .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "SKIPPED: no /dev/full on this system"),
          arguments: [["--json"], [], ["--step"], ["--width", "40"], ["lesson", "1"], ["replay", recording],
                      ["export", recording, "--format", "mermaid"], ["run", "--", "/bin/true"], ["--help"]])
    func fullDisk(arguments: [String]) throws {
        let outcome = try Self.runToFullDisk(arguments)
        #expect(outcome.status == 74)
        #expect(!outcome.signalled)
        #expect(outcome.errorLines.last == Self.fullDiskLine)
        #expect(outcome.errorLines.filter { $0.contains("could not write the output") }.count == 1)
    }

    @Test("the line is in the learner's language",
          .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "SKIPPED: no /dev/full on this system"))
    func spanish() throws {
        let outcome = try Self.runToFullDisk(["--json"], environment: ["LANG": "es_ES.UTF-8"])
        #expect(outcome.status == 74)
        #expect(outcome.errorLines == ["trace: no se pudo escribir la salida (ENOSPC): no queda espacio en el dispositivo"])
    }

    @Test("a pipe whose reader is gone: EPIPE, exit 74, one line, no death by SIGPIPE")
    func closedPipe() throws {
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        close(ends[0])
        defer { close(ends[1]) }
        let outcome = try Self.run(["--json"], output: ends[1])
        #expect(!outcome.signalled)
        #expect(outcome.status == 74)
        #expect(outcome.errorLines == ["trace: the output was closed before the end (EPIPE): what followed was not written"])
    }

    @Test("trace server with its JSON Lines on a full disk stops by itself: 74, its port closed",
          .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "SKIPPED: no /dev/full on this system"))
    func serverToFullDisk() throws {
        let outcome = try Self.runToFullDisk(["server", "--port", "0", "--forever", "--json"])
        #expect(outcome.status == 74)
        // Its own lines went to standard error: where it listened, the summary, then why it failed.
        let lines = outcome.errorLines
        #expect(lines.first?.hasPrefix("trace server: listening on 127.0.0.1:") == true)
        #expect(lines.contains { $0.hasPrefix("trace server: done; 0 connections") })
        #expect(lines.last == Self.fullDiskLine)
        let port = try #require(lines.first.flatMap(Spawned.port(in:)))
        #expect(LoopbackPeer.isRefused(port))
    }

    @Test("trace client to a full disk against a real server: 74, one line",
          .enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "SKIPPED: no /dev/full on this system"))
    func clientToFullDisk() throws {
        let server = try Spawned(trace: ["server", "--port", "0"])
        let port = try #require(server.lines(1)?.first.flatMap(Spawned.port(in:)))
        let outcome = try Self.runToFullDisk(["client", "--port", String(port)])
        #expect(outcome.status == 74)
        #expect(outcome.errorLines == [Self.fullDiskLine])
        // The client may stop on its title's write, before it connects: the server is not waited for.
        _ = server.exitStatus(timeout: 0)
    }
}
