import Foundation
import Testing
import TraceCore

/// `trace run --step` driven through a real pseudo-terminal, with the tests' own Python pair.
@Suite("trace run --step in a terminal", .enabled(if: RunPrograms.python != nil, "SKIPPED: python3 is not installed"))
struct RunStepTests {
    final class Session {
        let scratch: RunScratch
        let terminal: PseudoTerminal
        let recording: String
        let before: [UInt32]

        init() throws {
            scratch = try RunScratch()
            let python = RunPrograms.python!
            let server = try scratch.write("server.py", RunPrograms.server)
            let client = try scratch.write("client.py", RunPrograms.client)
            recording = scratch.path("step.jsonl")
            terminal = try PseudoTerminal(executable: Executable.traceURL.path,
                                          arguments: ["run", "--step", "--lang", "en", "--record", recording,
                                                      "--server", "\(python) \(server) 0", "--", python, client, "127.0.0.1", "{port}"],
                                          environment: ["LANG": "C", "TERM": "xterm"], columns: 100)
            before = terminal.settings().modes
        }

        func events() -> [TraceEvent] { (try? JSONLinesReader.events(fromFile: recording)) ?? [] }

        /// The calls that have started (the programs' own, not trace's).
        func starts() -> [TraceEvent] { events().filter { $0.phase == .start && $0.origin == nil } }

        func prompts() -> Int { terminal.text.components(separatedBy: "Enter: run it").count - 1 }

        /// Waits for prompt `count`, or the end of the run; true for the prompt.
        func waitForPrompt(_ count: Int) -> Bool {
            terminal.read(until: { $0.components(separatedBy: "Enter: run it").count - 1 >= count }, timeout: 30)
        }
    }

    @Test("no call starts before its key; the steps' cards come in the lesson's order; the terminal is restored")
    func noCallBeforeItsKey() throws {
        let session = try Session()
        var keys: [UInt64] = []
        for prompt in 1...40 {
            guard session.waitForPrompt(prompt) else { break }
            // The program waits at the call's entry: nothing of it has started.
            #expect(session.starts().count == prompt - 1, "a call started before key \(prompt)")
            keys.append(MonotonicClock.now())
            session.terminal.type("\r")
        }
        #expect(session.terminal.waitForExit(timeout: 30))
        #expect(session.terminal.exitStatus == 0)
        #expect(session.terminal.settings().modes == session.before)

        let events = session.events()
        let origin = try #require(events.first?.header?.clock?.monotonicOrigin)
        #expect(events.first?.header?.pacing == .stepped)
        let starts = events.filter { $0.phase == .start && $0.origin == nil }.sorted { $0.time < $1.time }
        #expect(starts.count == keys.count && keys.count >= 14, "\(starts.count) calls, \(keys.count) keys")
        for (start, key) in zip(starts, keys) {
            #expect(origin + start.time >= key, "\(start.operation) started \((Int64(key) - Int64(origin + start.time)) / 1000) µs before its key")
        }
        let text = RunStepTests.plain(session.terminal.text)
        let order = (1...9).compactMap { text.range(of: "Step \($0) of 9")?.lowerBound }
        #expect(order.count == 8 && order == order.sorted(), "the steps' cards (7 is a print: no card)")
        #expect(text.contains("Step 2 of 9 · Server · accept() [accept4]"))
        #expect(text.contains("queued: 1") && text.contains("8 bytes are waiting in the receive buffer"))
        #expect(text.contains("CLOSE_WAIT. recv() will return 0 bytes at once"))
        #expect(Set(events.compactMap(\.step)) == Set(1...9))
    }

    @Test("q: every traced process is killed, the terminal restored, exit 0")
    func quit() throws {
        let session = try Session()
        for prompt in 1...7 {
            #expect(session.waitForPrompt(prompt))
            session.terminal.type("\r")
        }
        #expect(session.waitForPrompt(8))
        session.terminal.type("q")
        #expect(session.terminal.waitForExit(timeout: 30))
        #expect(session.terminal.exitStatus == 0)
        #expect(session.terminal.text.contains("Stopped: every traced process has ended."))
        #expect(session.terminal.settings().modes == session.before)
        let events = session.events()
        #expect(events.contains { $0.operation == .stop && $0.text == "quit" })
        let pids = Set(events.compactMap(\.pid))
        #expect(pids.count == 2)
        #expect(pids.allSatisfy { !RunOutput.isAlive($0) })
    }

    @Test("SIGTERM while a card waits: every traced process is killed, the terminal restored, 143")
    func terminate() throws {
        let session = try Session()
        for prompt in 1...2 {
            #expect(session.waitForPrompt(prompt))
            session.terminal.type("\r")
        }
        #expect(session.waitForPrompt(3))
        session.terminal.interrupt(SIGTERM)
        #expect(session.terminal.waitForExit(timeout: 30))
        #expect(session.terminal.exitStatus == 143)
        #expect(session.terminal.settings().modes == session.before)
        #expect(Set(session.events().compactMap(\.pid)).allSatisfy { !RunOutput.isAlive($0) })
    }

    /// The screen's text without colours, its wrapped lines joined: sentences can be looked for whole.
    static func plain(_ screen: String) -> String {
        var out = ""
        var escape = false
        for c in screen {
            if escape { if c.isLetter { escape = false }; continue }
            if c == "\u{1B}" { escape = true; continue }
            out.append(c)
        }
        return out.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
