import Testing
@testable import TraceCLI

@Suite("The full screen's frame: what goes where, at any height")
struct ScreenFrameTests {
    let header = ["H1", "H2"]
    let body = (1...30).map { "row \($0)" }
    let full = ["title"] + (1...14).map { "full \($0)" }
    let compact = ["title"] + (1...8).map { "compact \($0)" }

    @Test("the header first, the diagram's last lines, the card above the prompt on the last row; nothing overlaps")
    func layout() {
        let frame = ScreenFrame(height: 24, header: header, body: body, cardForms: [full, compact], cut: "…", status: "prompt")
        #expect(frame.rows.count == 24)
        #expect(Array(frame.rows.prefix(2)) == header)
        #expect(Array(frame.rows.suffix(16)) == full + ["prompt"])
        #expect(Array(frame.rows[2..<8]) == Array(body.suffix(6)), "the diagram's last lines fill what is left")
        #expect(!frame.cardIsCut)
    }

    @Test("a full card that leaves fewer than four diagram lines gives way to the compact one")
    func compactWhenShort() {
        let frame = ScreenFrame(height: 19, header: header, body: body, cardForms: [full, compact], cut: "…", status: "p")
        #expect(Array(frame.rows.suffix(10)) == compact + ["p"])
        #expect(Array(frame.rows[2..<9]) == Array(body.suffix(7)))
    }

    @Test("too short for either form: the card is cut (and says so), the diagram keeps its header and four lines")
    func cut() {
        let frame = ScreenFrame(height: 12, header: header, body: body, cardForms: [full, compact], cut: "…", status: "p")
        #expect(frame.rows.count == 12)
        #expect(frame.cardIsCut)
        #expect(Array(frame.rows.prefix(6)) == header + Array(body.suffix(4)))
        #expect(frame.rows[10] == "…" && frame.rows[6] == "title" && frame.rows[11] == "p")
    }

    @Test("tiny screens give up the diagram's lines, then its header; blank rows keep the card at the bottom")
    func tiny() {
        let three = ScreenFrame(height: 3, header: header, body: body, cardForms: [full, compact], cut: "…", status: "p")
        #expect(three.rows == ["title", "…", "p"])
        let early = ScreenFrame(height: 24, header: [], body: [], cardForms: [compact], cut: "…", status: "p")
        #expect(early.rows.count == 24)
        #expect(early.rows.prefix(14).allSatisfy { $0.isEmpty })
        #expect(ScreenFrame(height: 0, header: header, body: body, cardForms: [full], cut: "…", status: "p").rows.isEmpty)
    }
}

@Suite("The tests' screen model")
struct ScreenModelTests {
    @Test("cursor moves, erasing, a full-width row, wide characters, the alternate screen and the scrollback")
    func basics() {
        var screen = ScreenModel(columns: 10, rows: 3)
        screen.feed(Array("one\r\ntwo\r\nthree\r\nfour".utf8))
        #expect(screen.lines == ["two", "three", "four"])
        #expect(screen.scrollback == ["one"])
        screen.feed(Array("\u{1B}[?1049h\u{1B}[2J\u{1B}[2;3Hab\u{1B}[31mc\u{1B}[0m\u{1B}[1;1H日本\u{1B}[K".utf8))
        #expect(screen.isAlternate)
        #expect(screen.lines == ["日本", "  abc", ""])
        screen.feed(Array("\u{1B}[3;1H0123456789\u{1B}[K".utf8))
        #expect(screen.lines[2] == "012345678", "xterm erases the last column under a pending wrap")
        screen.feed(Array("\u{1B}[?1049l".utf8))
        #expect(!screen.isAlternate)
        #expect(screen.normalHistory == ["one", "two", "three", "four"])
    }
}
