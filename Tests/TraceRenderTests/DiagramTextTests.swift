import Testing
import TraceText
import TraceCore
import TraceModel
import TraceRender

@Suite("Every line fits, and nothing from a peer reaches the terminal raw")
struct DiagramTextTests {
    static let payloads: [(String, [UInt8])] = [
        ("short", Array("Hola".utf8)),
        ("1024 bytes", Array(repeating: UInt8(ascii: "x"), count: 1024)),
        ("accents", Array(String(repeating: "ñandú camión ", count: 30).utf8)),
        ("CJK", Array(String(repeating: "日本語の文", count: 40).utf8)),
        ("emoji", Array(String(repeating: "😀🎉", count: 30).utf8)),
        ("combining marks", Array(String(repeating: "e\u{301}a\u{308}", count: 40).utf8)),
        ("hostile", Hostile.message),
    ]
    static let widths = [60, 61, 67, 73, 80, 99, 120, 240]

    func renderings(_ body: (String, DiagramStyle, [String]) -> Void) {
        for (name, payload) in Self.payloads {
            let events = SeedEvents.make(message: payload, reply: payload.reversed())
            for width in Self.widths {
                for language in Language.allCases {
                    for ascii in [false, true] {
                        let style = DiagramStyle(language: language, ascii: ascii, width: width)
                        body(name, style, DiagramRenderer.render(events, style: style))
                    }
                }
            }
        }
    }

    @Test("no line is wider than the width asked for, counting wide characters as two columns")
    func widths() {
        renderings { name, style, lines in
            let widest = lines.map { DisplayWidth.of($0) }.max() ?? 0
            #expect(widest <= style.width, "\(name), width \(style.width), ascii \(style.ascii): a line of \(widest)")
        }
    }

    @Test("no control character, escape, or invisible format character in any line")
    func noControlCharacters() {
        renderings { name, style, lines in
            let bad = lines.first { line in
                line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.properties.generalCategory == .format }
            }
            #expect(bad == nil, "\(name), width \(style.width): \(bad ?? "")")
        }
    }

    @Test("--ascii output is pure ASCII, in Spanish too")
    func pureASCII() {
        renderings { name, style, lines in
            guard style.ascii else { return }
            #expect(lines.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }, "\(name), \(style.language), width \(style.width)")
        }
        let debrief = Debrief(heading: "¿Qué pasa detrás?", points: ["El núcleo eligió el puerto: «señal» — ¡sí!"], note: "Nota: 0.21 ms")
        let lines = debrief.lines(style: DiagramStyle(language: .es, ascii: true))
        #expect(lines.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } })
        #expect(lines[0] == "Que pasa detras?")
    }

    @Test("a long message is shortened with an ellipsis and its real byte count is shown")
    func longMessage() {
        let events = SeedEvents.make(message: Array(repeating: UInt8(ascii: "x"), count: 1024))
        let lines = DiagramRenderer.render(events, style: DiagramStyle(language: .en, width: 80))
        let send = lines.first { stepNumber(of: $0) == 3 }!
        #expect(send.contains("1024 bytes") || send.contains("1024 B"))
        #expect(send.contains("xxx…\")"))
    }

    @Test("payload escapes are never cut in half")
    func escapesStayWhole() {
        let events = SeedEvents.make(message: Array(repeating: 0x1B, count: 200))
        for width in 60...90 {
            let lines = DiagramRenderer.render(events, style: DiagramStyle(language: .en, width: width))
            for line in lines where line.contains("\\x") {
                let quoted = line.split(separator: "\"").dropFirst().first.map(String.init) ?? ""
                #expect(quoted.replacingAll("\\x1b", by: "").replacingAll("…", by: "").isEmpty, "width \(width): \(line)")
            }
        }
    }

    @Test("colour: SGR codes when asked, and the same text underneath")
    func colour() {
        let events = SeedEvents.make()
        let plain = DiagramRenderer.render(events, style: DiagramStyle(language: .en, color: false))
        let coloured = DiagramRenderer.render(events, style: DiagramStyle(language: .en, color: true))
        #expect(!plain.joined().contains("\u{1B}"))
        #expect(coloured.joined().contains("\u{1B}[36m"), "the client's colour")
        #expect(coloured.joined().contains("\u{1B}[35m"), "the server's colour")
        #expect(coloured.map(\.withoutSGR) == plain)
    }

    @Test("a hostile recording: raw control characters in every text field are escaped")
    func hostileRecording() {
        let evil = "\u{1B}]0;owned\u{07}\u{1B}[2J\u{9B}31m\u{202E}"
        var events = SeedEvents.make()
        events = events.map { original in
            var e = original
            e.preview = e.preview.map { _ in evil }
            e.address = e.address.map { _ in evil }
            e.local = evil
            e.remote = evil
            e.option = e.option.map { _ in evil }
            return e
        }
        var note = TraceEvent(seq: 999, time: 2_000_000, phase: .instant, actor: .init(rawValue: evil),
                              operation: .init(rawValue: evil), step: nil)
        note.text = evil
        events.append(note)
        var failed = TraceEvent(seq: 1000, time: 2_100_000, phase: .done, actor: .client, operation: .connect, step: nil, fd: 9)
        failed.error = .init(name: evil, code: 111, message: evil, call: evil)
        events.append(failed)
        for ascii in [false, true] {
            let lines = DiagramRenderer.render(events, style: DiagramStyle(language: .en, ascii: ascii, width: 120))
            #expect(!lines.joined().unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" })
            #expect(lines.joined().contains("\\x1b]0;owned"))
        }
    }

    @Test("the live sink writes what render() returns")
    func sink() {
        let events = SeedEvents.make()
        let style = DiagramStyle(language: .es, width: 80)
        let output = StringOutput()
        let sink = DiagramSink(style: style, options: DiagramOptions(plan: StepPlan(deriving: events)), output: output)
        for event in events { sink.receive(event) }
        sink.finish()
        #expect(output.lines == DiagramRenderer.render(events, style: style))
    }

    @Test("errors show the errno name; a connection number shows as #N")
    func errorsAndConnections() {
        var refused = TraceEvent(seq: 1, time: 100_000, phase: .done, actor: .client, connection: 3, operation: .connect, step: 1, fd: 4)
        refused.address = "127.0.0.1:9"
        refused.duration = 40_000
        refused.error = .init(name: "ECONNREFUSED", code: 111, message: "Connection refused", call: "connect")
        let lines = DiagramRenderer.render([refused], style: DiagramStyle(language: .en, width: 100))
        let line = lines.first { stepNumber(of: $0) == 1 }!
        #expect(line.contains("#3 connect(127.0.0.1:9) → ECONNREFUSED"))
        #expect(line.contains("40 µs"))
    }

    @Test("one side traced alone: the peer's lifeline is dashed and what arrives comes as an arrow")
    func oneSided() {
        let serverOnly = SeedEvents.make().filter { $0.actor == .server }.renumbered()
        let lines = DiagramRenderer.render(serverOnly, style: DiagramStyle(language: .en, width: 80), options: DiagramOptions(view: .only(.server)))
        #expect(lines.dropFirst().allSatisfy { $0.count < 5 || $0.dropFirst(4).first == "┆" })
        let received = lines.first { stepNumber(of: $0) == 4 }!
        #expect(received.contains("─▶│") && received.contains("recv(1024) → 14 bytes"))
        let closure = lines.first { stepNumber(of: $0) == 9 }!
        #expect(closure.contains("FIN"))
    }
}

extension String {
    func replacingAll(_ target: String, by replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
