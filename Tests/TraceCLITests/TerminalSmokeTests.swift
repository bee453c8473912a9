import Testing
import TraceText

@Suite("trace in a real pseudo-terminal")
struct TerminalSmokeTests {
    @Test("--help is shown and the terminal is left as it was")
    func help() throws {
        let terminal = try PseudoTerminal(executable: Executable.traceURL.path, arguments: ["--help"],
                                          environment: ["LANG": "C", "TERM": "xterm"])
        let before = terminal.settings().modes
        #expect(terminal.waitForExit())
        #expect(terminal.exitStatus == 0)
        #expect(terminal.text.contains("usage: trace"))
        #expect(terminal.settings().modes == before)
    }
}
