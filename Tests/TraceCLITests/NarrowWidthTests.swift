import Testing
import TraceText

/// Issue 9.13: a terminal narrower than 60 columns (two panes side by side) gets a diagram that fits it,
/// down to 40; narrower than that, one line says why the lines will wrap.
@Suite("Narrow terminals: 40 to 59 columns")
struct NarrowWidthTests {
    static func widest(_ result: InProcess) -> Int { result.lines.map { DisplayWidth.of($0) }.max() ?? 0 }

    @Test("--width takes 40 to 240; 39 and 241 are usage errors")
    func range() {
        #expect(InProcess.run(["--width", "40", "--lang", "en"]).status == 0)
        for bad in ["39", "241"] {
            let result = InProcess.run(["--width", bad, "--lang", "en"])
            #expect(result.status == 64)
            #expect(result.errors.contains("40 to 240"))
        }
    }

    @Test("below 60 the time since the start goes, below 50 the duration too; every line fits", arguments: [40, 45, 50, 55, 59])
    func fits(width: Int) {
        let result = InProcess.run(["--lang", "en"], width: width)
        #expect(result.status == 0)
        #expect(result.errors.isEmpty)
        #expect(Self.widest(result) <= width)
        let headings = result.lines.first { $0.contains("took") || $0.hasPrefix("    │") } ?? ""
        #expect(!headings.contains("time"))
        #expect(headings.contains("took") == (width >= 50))
        #expect(result.output.contains("closure detected"))
        #expect(result.output.contains("[CLOSE_WAIT]"))
    }

    @Test("narrower than 40: drawn at 40, and one line on standard error says why", arguments: ["en", "es"])
    func tooNarrow(language: String) {
        let result = InProcess.run(["--lang", language], width: 30)
        #expect(result.status == 0)
        #expect(result.errors.split(separator: "\n").count == 1)
        #expect(result.errors.contains("30") && result.errors.contains("40"))
        #expect(Self.widest(result) <= 40)
        let explicit = InProcess.run(["--lang", language, "--width", "40"], width: 30)
        #expect(explicit.errors.isEmpty, "--width says what the user wants: no note")
    }
}
