import Foundation
import Testing
import TraceCore
import TraceText
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Issue 14: `--step` on a terminal uses the whole screen, for a class: the diagram so far on top with its
/// lifeline header, the card below, the prompt on the last row; sized to the terminal, redrawn on a
/// resize and after `fg`; the whole diagram left on the terminal at the end; the terminal restored.
@Suite("trace --step on the whole screen")
struct FullScreenStepTests {
    typealias Session = StepModeTests.Session

    /// The row of step `n` in the diagram (its number right-aligned before the client's lifeline).
    static func stepRow(_ n: Int) -> String { String(repeating: " ", count: 3 - String(n).count) + "\(n) │" }

    /// The words the checks look for, in the session's language.
    struct Words {
        let prompt, client, server, kernel, cut, title, debrief: String

        init(_ language: String) {
            let es = language == "es"
            prompt = es ? "▶ Enter: ejecutar" : "▶ Enter: run it"
            client = es ? "Cliente" : "Client"
            server = es ? "Servidor" : "Server"
            kernel = es ? "Núcleo" : "Kernel"
            cut = es ? "la tarjeta no cabe entera" : "the card does not fit whole"
            title = es ? "Cliente y servidor TCP en 127.0.0.1" : "A TCP client and server on 127.0.0.1"
            debrief = es ? "¿Qué pasa detrás?" : "What happens behind the scenes?"
        }
    }

    @Test("at 80×24, 120×40 and 50×20, after each key: the header on top, the last steps, the card, the prompt at the bottom",
          arguments: [(UInt16(80), UInt16(24), "en"), (80, 24, "es"), (120, 40, "en"), (50, 20, "es")])
    func everyKey(columns: UInt16, rows: UInt16, language: String) throws {
        let session = try Session(language: language, columns: columns, rows: rows)
        let words = Words(language)
        let roomy = columns >= 80
        for stop in 0..<StepModeTests.stops {
            #expect(session.waitForStop(stop), "stop \(stop) at \(columns)×\(rows)")
            let screen = session.terminal.screenModel()
            let lines = screen.lines
            #expect(lines.count == Int(rows))
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= Int(columns) })
            #expect(lines.last?.hasPrefix(words.prompt) == true)
            if stop > 0 {
                // The diagram has begun: its lifeline header is the first two rows.
                #expect(lines[0].contains(words.client) && lines[0].contains(words.server), "\(lines.joined(separator: "\n"))")
                #expect(lines[1].hasPrefix("    │"))
            }
            // The last step that ran is still in sight above the card.
            let ran = stop - 2
            if (1...9).contains(ran) { #expect(lines.contains { $0.hasPrefix(Self.stepRow(ran)) }, "step \(ran) out of sight") }
            if roomy {
                #expect(!lines.contains { $0.contains(words.cut) }, "the card is whole at \(columns)×\(rows)")
                let explained = lines.map { $0.components(separatedBy: words.kernel).count - 1 }.reduce(0, +)
                #expect(explained == StepModeTests.callsPerStop[stop], "\(lines.joined(separator: "\n"))")
            }
            session.terminal.type("\r")
        }
        #expect(session.terminal.waitForExit())
        #expect(session.terminal.exitStatus == 0)
        // Back on the normal screen: the title, the whole diagram and what follows, to scroll back to.
        let after = session.terminal.screenModel()
        #expect(!after.isAlternate)
        let history = after.normalHistory
        #expect(history.contains { $0.hasPrefix(words.title) })
        for step in 1...9 { #expect(history.contains { $0.hasPrefix(Self.stepRow(step)) }, "step \(step) not left on the terminal") }
        #expect(history.contains { $0.contains(words.debrief) })
        #expect(!history.contains { $0.contains(words.prompt) }, "no card or prompt is left behind")
        #expect(session.terminal.settings().modes == session.before)
    }

    @Test("a resize redraws at the new size, the diagram drawn again for the new width")
    func resize() throws {
        let session = try Session(columns: 80, rows: 24)
        for stop in 0..<5 {
            #expect(session.waitForStop(stop))
            session.terminal.type("\r")
        }
        #expect(session.waitForStop(5))
        session.terminal.resize(columns: 120, rows: 40)
        #expect(session.terminal.read(untilScreen: { $0.lines[1].hasSuffix("time     took") && DisplayWidth.of($0.lines[1]) > 80 }))
        session.terminal.resize(columns: 50, rows: 20)
        // At 50 columns the time since the start gives way; only the duration is left.
        #expect(session.terminal.read(untilScreen: { screen in
            screen.lines[1].hasSuffix("took") && !screen.lines[1].contains("time")
                && screen.lines.allSatisfy { DisplayWidth.of($0) <= 50 } && screen.lines.last?.contains("Enter: ") == true
        }))
        #expect(session.terminal.screenModel().lines.contains { $0.hasPrefix(Self.stepRow(3)) })
        session.terminal.type("q")
        #expect(session.terminal.waitForExit())
        #expect(session.terminal.exitStatus == 0)
        #expect(session.terminal.settings().modes == session.before)
    }

    @Test("stopped (SIGSTOP), its terminal reset by the shell, then SIGCONT: single keys again, the screen redrawn")
    func stopAndContinue() throws {
        let session = try Session(columns: 80, rows: 24)
        let terminal = session.terminal
        #expect(session.waitForStop(0))
        let keys = terminal.settings().modes
        #expect(keys != session.before)
        terminal.interrupt(SIGSTOP)
        // What a shell does when its job stops: its own settings back, a line on the screen.
        var cooked = termios()
        _ = tcgetattr(terminal.slave, &cooked)
        var shells = session.beforeSettings
        _ = tcsetattr(terminal.slave, TCSANOW, &shells)
        terminal.writeAsShell("\r\n[1]+  Stopped                 trace --step\r\n")
        #expect(terminal.settings().modes == session.before)
        terminal.interrupt(SIGCONT)
        #expect(terminal.read(until: { _ in terminal.settings().modes == keys }), "keyboard mode taken back")
        #expect(terminal.read(untilScreen: { screen in
            !screen.lines.contains { $0.contains("Stopped") } && screen.lines.contains { $0.contains("Before step 1 · Server") }
        }), "the screen is drawn again")
        // A single key, with no Enter after it, runs the step: the terminal reads keys again.
        terminal.type("n")
        #expect(session.waitForStop(1))
        #expect(session.events().contains { $0.operation == .listen && $0.phase == .done })
        terminal.type("q")
        #expect(terminal.waitForExit())
        #expect(terminal.exitStatus == 0)
        #expect(terminal.settings().modes == session.before)
    }

    @Test("trace lesson N --step: the lesson's text first, then a key covers it with the screen")
    func lesson() throws {
        let terminal = try PseudoTerminal(executable: Executable.traceURL.path, arguments: ["lesson", "3", "--step", "--lang", "en"],
                                          environment: ["LANG": "C", "TERM": "xterm"], columns: 80, rows: 24)
        let before = terminal.settings().modes
        #expect(terminal.read(until: { $0.contains("Enter: begin, step by step") }))
        #expect(!terminal.screenModel().isAlternate)
        terminal.type("\r")
        #expect(terminal.read(untilScreen: { $0.isAlternate && $0.lines.last?.contains("Enter: run it") == true }))
        terminal.type("q")
        #expect(terminal.waitForExit())
        #expect(terminal.exitStatus == 0)
        let history = terminal.screenModel().normalHistory
        #expect(history.contains { $0.contains("every socket is closed") })
        #expect(!history.contains { $0.contains("Enter: begin") }, "the begin prompt is erased once answered")
        #expect(terminal.settings().modes == before)
    }
}
