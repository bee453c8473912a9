import Testing
import TraceText
import TraceModel
import TraceRender

@Suite("Columns, times and wrapping")
struct TextMeasureTests {
    @Test("display width: accents 1, CJK and emoji 2, combining marks 0", arguments: [
        ("abc", 3), ("ñandú", 5), ("e\u{301}", 1), ("日本", 4), ("😀", 2), ("│─▶", 3), ("µs", 2), ("\u{200B}", 0),
    ])
    func width(text: String, columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    @Test("truncation never splits a wide character and ends with the ellipsis")
    func truncate() {
        #expect(DisplayWidth.truncate("日本語", to: 4, ellipsis: "…") == "日…")
        #expect(DisplayWidth.truncate("abc", to: 3, ellipsis: "…") == "abc")
        #expect(DisplayWidth.of(DisplayWidth.truncate("😀😀😀😀", to: 6, ellipsis: "...")) <= 6)
    }

    @Test("times since the start fit 8 columns, durations 7", arguments: [
        (UInt64(590_000), "0.59 ms", "590 µs"), (1_470_000, "1.47 ms", "1.47 ms"), (12_345_678, "12.35 ms", "12.3 ms"),
        (123_456_789, "123.5 ms", "123 ms"), (4_512_000_000, "4.512 s", "4.51 s"), (400, "0.00 ms", "<1 µs"),
        (999_600, "1.00 ms", "1.00 ms"), (UInt64.max, ">99999 s", ">999 s"),
    ])
    func times(ns: UInt64, since: String, duration: String) {
        #expect(TimeText.sinceStart(ns) == since)
        #expect(TimeText.duration(ns) == duration)
        #expect(TimeText.sinceStart(ns).count <= 8 && TimeText.duration(ns).count <= 7)
    }

    @Test("wrapping keeps words whole, indents, and respects the width", arguments: [20, 33, 60])
    func wrap(width: Int) {
        let text = "El núcleo eligió un puerto libre y el cliente recibió otro: 171\u{00A0}µs después todo terminó."
        let lines = Wrap.lines(text, width: width, first: " • ", rest: "   ")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= width })
        #expect(lines[0].hasPrefix(" • ") && lines.dropFirst().allSatisfy { $0.hasPrefix("   ") })
        #expect(lines.joined(separator: " ").split(separator: " ").filter { $0 != "•" }.joined(separator: " ")
                == text.replacingAll("\u{00A0}", by: " "))
        #expect(lines.contains { $0.contains("171 µs") }, "a number stays with its unit")
    }
}
