import Foundation
import Testing

@Suite("PlantUML: rendered by Debian's plantuml without errors, nothing from a peer read as markup")
struct PlantUMLTests {
    @Test("the source: @startuml, both participants, dividers, a legend, only plain text or entities in labels")
    func source() throws {
        let source = try Fixture.export(Fixture.hostile, "plantuml", lang: "en")
        let lines = source.split(separator: "\n").map(String.init)
        #expect(lines.first == "@startuml")
        #expect(lines.last == "@enduml")
        #expect(lines.filter { $0.hasPrefix("participant ") }.count == 2)
        #expect(lines.filter { $0.hasPrefix("== ") }.count == 3)
        #expect(lines.contains("legend bottom") && lines.contains("endlegend"))
        for line in lines where line.contains(" : ") {
            let text = String(line.split(separator: ":", maxSplits: 1)[1])
            #expect(!Self.withoutEscapes(text).contains { "<>[]%*\\\"/_~$!#&-'".contains($0) }, "markup characters left raw: \(line)")
        }
    }

    /// `text` without its entities (`&#60;`) and backslashes (`<U+005C>`).
    static func withoutEscapes(_ text: String) -> String {
        var out = text.replacingOccurrences(of: "<U+005C>", with: " ")
        while let start = out.range(of: "&#"), let end = out[start.upperBound...].firstIndex(of: ";"),
              out[start.upperBound..<end].allSatisfy(\.isNumber) {
            out.replaceSubrange(start.lowerBound...end, with: " ")
        }
        return out
    }

    @Test("plantuml -tsvg renders the seed and the hostile run: no error, the words shown as text",
          .enabled(if: Tools.plantuml != nil, "SKIPPED: plantuml is not installed (apt-get install plantuml)"))
    func rendered() throws {
        let dir = try Fixture.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, file) in [("seed", Fixture.seed), ("hostile", Fixture.hostile)] {
            let source = dir.appendingPathComponent("\(name).puml")
            try Fixture.export(file, "plantuml", lang: "es").write(to: source, atomically: true, encoding: .utf8)
            let run = try Command.run(Tools.plantuml!, ["-charset", "UTF-8", "-tsvg", source.path], timeout: 120)
            #expect(run.status == 0, "\(run.errors)")
            let svg = try String(contentsOf: dir.appendingPathComponent("\(name).svg"), encoding: .utf8)
            let texts = Browser.texts(in: svg)
            // PlantUML draws its failures as a picture and still exits 0: look for them in it.
            #expect(!svg.contains("An error has occured") && !svg.contains("Syntax Error"), "\(texts.prefix(3))")
            #expect(texts.contains { $0.contains("connect(127.0.0.1:") })
            #expect(texts.contains { $0.contains("Preparación: socket, bind, listen") })
            if name == "hostile" {
                #expect(texts.contains { $0.contains("<script>document.title='PWNED'</script></svg>]]>") })
                #expect(texts.contains { $0.contains(";#end %date() [[x]] **b** \\x1b") }, "no preprocessor call, link or bold from the peer")
                #expect(!svg.contains("<a "), "no link from [[x]]")
                #expect(!svg.contains("<image"), "no image")
            }
        }
    }
}
