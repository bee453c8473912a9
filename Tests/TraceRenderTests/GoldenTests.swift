import Foundation
import Testing
import TraceText
import TraceCore
import TraceModel
import TraceRender

@Suite("The seed's diagram, compared with reviewed golden files")
struct GoldenTests {
    static let widths = [40, 50, 60, 80, 120]

    @Test("Spanish and English × Unicode and ASCII × widths 40, 50, 60, 80 and 120", arguments: Language.allCases, [false, true])
    func matrix(language: Language, ascii: Bool) {
        let events = language == .es ? SeedEvents.make()
            : SeedEvents.make(message: Array("Hello, server".utf8), reply: Array("Message received".utf8))
        for width in Self.widths {
            let style = DiagramStyle(language: language, ascii: ascii, width: width)
            Golden.check(DiagramRenderer.render(events, style: style),
                         against: "seed-\(language.rawValue)-\(ascii ? "ascii" : "unicode")-\(width).txt")
        }
    }

    @Test("a real recorded run (trace --json), drawn in both languages", arguments: Language.allCases)
    func recordedRun(language: Language) throws {
        let events = try JSONLinesReader.events(fromFile: Golden.url("recorded-run.jsonl").path)
        Golden.check(DiagramRenderer.render(events, style: DiagramStyle(language: language, width: 80)),
                     against: "recorded-run-\(language.rawValue)-80.txt")
    }

    @Test("one side traced alone (trace server, trace client): the peer's lifeline dashed", arguments: [TraceEvent.Actor.server, .client])
    func oneSided(actor: TraceEvent.Actor) {
        let events = SeedEvents.make(message: Array("Hello, server".utf8), reply: Array("Message received".utf8))
            .filter { $0.actor == actor }.renumbered()
        Golden.check(DiagramRenderer.render(events, style: DiagramStyle(language: .en, width: 80), options: DiagramOptions(view: .only(actor))),
                     against: "only-\(actor.rawValue)-en-unicode-80.txt")
    }

    @Test("hostile payloads: escape sequences, NUL, invalid UTF-8, a long reply, wide characters", arguments: [false, true])
    func hostilePayloads(ascii: Bool) {
        let events = SeedEvents.make(message: Hostile.message, reply: Hostile.longReply)
        for width in [60, 80] {
            Golden.check(DiagramRenderer.render(events, style: DiagramStyle(language: .en, ascii: ascii, width: width)),
                         against: "hostile-en-\(ascii ? "ascii" : "unicode")-\(width).txt")
        }
    }
}

/// Payloads a peer could send to upset a terminal.
enum Hostile {
    /// An escape sequence that would turn the screen red and clear it, a NUL, invalid UTF-8, a
    /// right-to-left override, accents, CJK and an emoji.
    static let message: [UInt8] = Array("\u{1B}[31m\u{1B}[2J".utf8) + [0x00, 0xFF, 0xC3] + Array("\u{202E}ñandú 日本 😀 \"q\"".utf8)
    /// 300 bytes: longer than any line, longer than the 96-byte preview.
    static let longReply: [UInt8] = Array(String(repeating: "La respuesta larga ", count: 16).utf8.prefix(300))
}
