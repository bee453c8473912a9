import Foundation
import Testing
import TraceCore
import TraceTerminal
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Issue 9.4: the learner's sockets get the numbers the seed's programs would get (3, 4, 5) in every
/// mode: the tool's own descriptors (the recording, the key pipe, the signal pipe) live above 100.
@Suite("The tool's own descriptors stay out of the learner's way")
struct ToolDescriptorTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).jsonl").path
    }

    /// The descriptors the recorded `socket()` and `accept()` calls returned, in order.
    static func socketNumbers(in path: String) -> [Int32] {
        let events = (try? JSONLinesReader.events(fromFile: path)) ?? []
        return events.filter { $0.phase == .done && ($0.operation == .socket || $0.operation == .accept) }.compactMap(\.newFD)
    }

    @Test("trace --step --record in a terminal: the server's socket is fd 3, the client's 4, the accepted one 5")
    func stepWithRecording() throws {
        let recording = Self.temporaryPath("fds-step")
        defer { try? FileManager.default.removeItem(atPath: recording) }
        let terminal = try PseudoTerminal(executable: Executable.traceURL.path,
                                          arguments: ["--step", "--lang", "en", "--record", recording],
                                          environment: ["LANG": "C", "TERM": "xterm"], columns: 100, rows: 40)
        // Server setup, client socket, step 1 (connect), step 2 (accept): one key each, once the
        // recording shows the one before.
        let connected = { (path: String) in
            ((try? JSONLinesReader.events(fromFile: path)) ?? []).contains { $0.operation == .connect && $0.phase == .done }
        }
        let stops: [(String) -> Bool] = [{ Self.socketNumbers(in: $0).count >= 1 }, { Self.socketNumbers(in: $0).count >= 2 },
                                         connected, { Self.socketNumbers(in: $0).count >= 3 }]
        for reached in stops {
            terminal.type("\r")
            #expect(terminal.read(until: { _ in reached(recording) }))
        }
        #expect(Self.socketNumbers(in: recording) == [3, 4, 5])
        terminal.type("q")
        #expect(terminal.waitForExit())
        #expect(terminal.exitStatus == 0)
    }

    @Test("trace server --record, stopped by SIGTERM: its listening socket is fd 3")
    func serverWithRecording() throws {
        let recording = Self.temporaryPath("fds-server")
        defer { try? FileManager.default.removeItem(atPath: recording) }
        let terminal = try PseudoTerminal(executable: Executable.traceURL.path,
                                          arguments: ["server", "--port", "0", "--lang", "en", "--record", recording],
                                          environment: ["LANG": "C", "TERM": "dumb"], columns: 100)
        #expect(terminal.read(until: { $0.contains("listening on") }))
        terminal.interrupt(SIGTERM)
        #expect(terminal.waitForExit())
        #expect(Self.socketNumbers(in: recording) == [3])
    }

    @Test("a tool pipe and a recording file open above the floor")
    func aboveTheFloor() throws {
        let pipe = try #require(ToolDescriptors.pipe())
        defer {
            close(pipe.read)
            close(pipe.write)
        }
        #expect(pipe.read >= ToolDescriptors.floor && pipe.write >= ToolDescriptors.floor)
        #expect(fcntl(pipe.read, F_GETFD) & FD_CLOEXEC != 0)
        let path = Self.temporaryPath("fds-file")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try FileOutput.create(path: path)
        defer { file.close() }
        #expect(file.fd >= ToolDescriptors.floor)
        file.write("x\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "x\n")
    }

    @Test("a signal reaches the watcher's handler through its pipe, and stops doing so once cancelled")
    func signalWatcher() throws {
        let seen = Counter()
        let watcher = SignalWatcher(signals: [SIGURG]) { if $0 == SIGURG { seen.add() } }
        // To the process, as a shell's kill sends it (this test's thread may block it; the watcher does not).
        kill(getpid(), SIGURG)
        #expect(seen.wait(for: 1))
        watcher.cancel()
        // SIGURG's default action is to ignore it: raising it now is harmless and reaches nobody.
        kill(getpid(), SIGURG)
        #expect(!seen.wait(for: 2, timeout: 0.2))
    }
}

/// Counts calls from any thread; waits for a count with a deadline.
final class Counter: @unchecked Sendable {
    private let condition = NSCondition()
    private var count = 0

    func add() {
        condition.lock()
        count += 1
        condition.broadcast()
        condition.unlock()
    }

    func wait(for target: Int, timeout: Double = 5) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while count < target {
            if !condition.wait(until: deadline) { return count >= target }
        }
        return true
    }
}
