import Testing

@Suite("Exports of real recordings, compared with reviewed golden files")
struct GoldenExportTests {
    static let formats = [("mermaid", "mmd"), ("plantuml", "puml"), ("svg", "svg"), ("html", "html")]

    @Test("the seed, every format, in Spanish and English", arguments: ["es", "en"])
    func seed(lang: String) throws {
        for (format, ext) in Self.formats {
            ExportGolden.check(try Fixture.export(Fixture.seed, format, lang: lang), against: "seed-\(lang).\(ext)")
        }
    }

    @Test("a page that explains every step in both languages")
    func bothLanguages() throws {
        ExportGolden.check(try Fixture.export(Fixture.seed, "html", lang: "both"), against: "seed-both.html")
    }

    @Test("a peer that sends markup, entities, `end`, %date() and an escape byte, every format")
    func hostile() throws {
        for (format, ext) in Self.formats {
            ExportGolden.check(try Fixture.export(Fixture.hostile, format, lang: "en"), against: "hostile-en.\(ext)")
        }
    }
}
