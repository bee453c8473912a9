import Testing
import TracePrograms
import TraceModel
import TraceText
@testable import TraceTeaching

@Suite("The glossary file format")
struct GlossaryFormatTests {
    static let valid = """
        # Glosario

        Free text before the first entry.

        ## port
        name: puerto | port
        also: número de puerto, port number
        related: socket
        seed: yes
        es: Un número de 0 a 65535,
          en dos líneas.
        en: A number from 0 to 65535.

        ## socket
        name: socket | socket
        es: El extremo de una conexión.
        en: One end of a connection.
        """

    @Test("a valid glossary: names, aliases, related terms, seed mark, definitions continued on indented lines")
    func valid() throws {
        let (glossary, errors) = GlossaryParser.parse(GlossaryFormatTests.valid, file: "g.md")
        #expect(errors.isEmpty, "\(errors)")
        let port = try #require(glossary?.entry(id: "port"))
        #expect(port.name == Bilingual(es: "puerto", en: "port"))
        #expect(port.aliases == ["número de puerto", "port number"] && port.related == ["socket"])
        #expect(port.isSeedTerm && port.line == 5)
        #expect(port.definition.es == "Un número de 0 a 65535, en dos líneas.")
        #expect(port.definition[.en] == "A number from 0 to 65535.")
        #expect(glossary?.entry(id: "socket")?.isSeedTerm == false)
    }

    func variant(_ old: String, _ new: String) -> String {
        GlossaryFormatTests.valid.replacingOccurrences(of: old, with: new)
    }

    @Test("a malformed glossary gives file:line: what is wrong", arguments: [
        ("## port", "## Port Number", 5, "an entry's heading is its id"),
        ("name: puerto | port", "name: puerto", 6, "needs 'name: spanish name | english name'"),
        ("name: puerto | port", "name: puerto | ", 6, "needs 'name: spanish name | english name'"),
        ("en: A number from 0 to 65535.", "", 5, "needs a definition in both languages"),
        ("seed: yes", "seed: maybe", 9, "seed is yes or no"),
        ("seed: yes", "colour: blue", 9, "expected 'key: value' (name, also, related, seed, es, en)"),
        ("seed: yes", "seed: yes\nseed: no", 10, "'seed' is given twice"),
        ("related: socket", "related: socket, plug", 5, "related: no entry has the id 'plug'"),
        ("related: socket", "related: port", 5, "an entry is not related to itself"),
        ("## socket", "## port", 14, "the id 'port' is used twice"),
        ("name: socket | socket", "name: puerto | socket", 14, "'puerto' already names 'port' (line 5)"),
        ("related: socket", "\n  stray continuation\nrelated: socket", 9, "an indented line continues the field above it, but there is none"),
    ])
    func errors(old: String, new: String, line: Int, message: String) {
        let text = variant(old, new)
        #expect(text != GlossaryFormatTests.valid)
        let (glossary, errors) = GlossaryParser.parse(text, file: "g.md")
        #expect(glossary == nil)
        #expect(errors.contains { $0.file == "g.md" && $0.line == line && $0.message.contains(message) }, "\(errors)")
    }

    @Test("a file with no entries is refused")
    func empty() {
        #expect(GlossaryParser.parse("# just a title\n", file: "g.md").errors.map(\.description)
                == ["g.md:1: the glossary has no entries ('## id' headings)"])
    }
}
