import Testing
import TraceText
import TraceRender

@Suite("trace in a terminal (a pseudo-terminal)")
struct TerminalTests {
    let base = ["LANG": "C", "TERM": "xterm-256color"]

    /// Runs `trace` in a pseudo-terminal to the end; its exit status and what it wrote (`\r\n` as `\n`).
    func run(_ arguments: [String], environment: [String: String], columns: UInt16 = 80) throws -> (status: Int32?, output: String) {
        let terminal = try PseudoTerminal(executable: Executable.traceURL.path, arguments: arguments,
                                          environment: environment, columns: columns)
        #expect(terminal.waitForExit())
        return (terminal.exitStatus, terminal.text.split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n"))
    }

    @Test("--color auto colours a terminal")
    func colours() throws {
        let result = try run([], environment: base)
        #expect(result.status == 0)
        #expect(result.output.contains("\u{1B}[36m"))
    }

    @Test("but not when TERM is dumb or NO_COLOR is set", arguments: [["TERM": "dumb"], ["NO_COLOR": "1"]])
    func noColour(overrides: [String: String]) throws {
        let result = try run([], environment: base.merging(overrides) { $1 })
        #expect(result.status == 0)
        #expect(!result.output.contains("\u{1B}"))
        #expect(result.output.contains("closure detected"))
    }

    @Test("the width is the terminal's, down to 40 columns", arguments: [UInt16(45), 50, 64, 100])
    func width(columns: UInt16) throws {
        let result = try run(["--color", "never"], environment: base, columns: columns)
        let widest = result.output.split(separator: "\n").map { DisplayWidth.of($0) }.max() ?? 0
        #expect(widest <= Int(columns))
        #expect(widest > 80 || columns < 80, "a wide terminal gets a wider diagram (widest line \(widest))")
        #expect(widest >= Int(columns) - 3 || columns > 80, "a narrow one is filled (widest line \(widest))")
    }
}
