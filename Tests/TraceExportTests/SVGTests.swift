import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("SVG: valid XML, text as text, nothing from a peer can open an element")
struct SVGTests {
    /// Element names and text, as an XML parser reads the document.
    final class Reader: NSObject, XMLParserDelegate {
        var elements: [String] = []
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) { elements.append(name) }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    @Test("parsed as XML: one svg, text in <text>, no script, no foreign object, no image", arguments: [Fixture.seed, Fixture.hostile])
    func wellFormed(file: String) throws {
        let svg = try Fixture.export(file, "svg", lang: "en")
        let parser = XMLParser(data: Data(svg.utf8))
        let reader = Reader()
        parser.delegate = reader
        #expect(parser.parse(), "\(parser.parserError.map(String.init(describing:)) ?? "")")
        #expect(reader.elements.first == "svg")
        #expect(reader.elements.filter { $0 == "svg" }.count == 1)
        #expect(Set(reader.elements).isDisjoint(with: ["script", "foreignObject", "image", "a", "iframe"]))
        #expect(reader.elements.filter { $0 == "text" }.count > 40)
        #expect(!svg.contains("<path") || svg.components(separatedBy: "<path").count == 3, "paths only for the two arrowheads")
        #expect(!svg.contains("href"), "nothing linked or fetched")
        if file == Fixture.hostile {
            #expect(reader.text.contains("<script>document.title='PWNED'</script></svg>]]>"))
            #expect(reader.text.contains("<img src=x onerror=alert(1)>"))
        }
        for words in ["Client", "Server", "connect(127.0.0.1:", "FIN", "[ESTABLISHED]", "How to read the diagram", "dashed arrow"] {
            #expect(reader.text.contains(words), "\(words)")
        }
    }

    @Test("xmllint agrees", .enabled(if: Tools.xmllint != nil, "SKIPPED: xmllint is not installed (apt-get install libxml2-utils)"))
    func xmllint() throws {
        let dir = try Fixture.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("hostile.svg")
        try Fixture.export(Fixture.hostile, "svg", lang: "es").write(to: file, atomically: true, encoding: .utf8)
        let run = try Command.run(Tools.xmllint!, ["--noout", file.path])
        #expect(run.status == 0 && run.errors.isEmpty, "\(run.errors)")
    }
}
