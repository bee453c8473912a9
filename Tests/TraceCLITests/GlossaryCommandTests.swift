import Foundation
import Testing
import TraceText
import TraceCore
import TraceRender

@Suite("trace glossary")
struct GlossaryCommandTests {
    @Test("the list: every term once, the seed's sixteen first, in the locale's language, within the width")
    func list() throws {
        let en = InProcess.run(["glossary"], width: 60)
        #expect(en.status == 0 && en.errors.isEmpty)
        #expect(en.output.hasPrefix("Glossary: "))
        #expect(en.lines.allSatisfy { DisplayWidth.of($0) <= 60 })
        let rows = en.lines.filter { $0.hasPrefix("  ") }
        #expect(rows.count >= 30)
        #expect(en.output.contains("The original lesson's 16 terms"))
        let es = InProcess.run(["glossary"], environment: ["LANG": "es_ES.UTF-8"])
        #expect(es.output.hasPrefix("Glosario: "))
        #expect(es.output.contains("  puerto ") && !es.output.contains("  port "))
        #expect(es.lines.filter { $0.hasPrefix("  ") }.count == rows.count)
    }

    @Test("one term by any of its names, in either language, whatever its case, accents or ()", arguments: [
        ["puerto"], ["port"], ["PORT"], ["número", "de", "puerto"], ["numero de puerto"],
    ])
    func oneTerm(words: [String]) {
        let result = InProcess.run(["glossary"] + words + ["--lang", "es"])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("puerto  (en: port)\n"))
        #expect(result.output.contains("Relacionados: dirección IP"))
        #expect(result.output.contains("Aparece en: lección 1 (paso 1); lección 2 (paso 3)"))
    }

    @Test("accept, accept(), ACCEPT, Accept () and the Spanish alias show the same entry; a shared prefix is ambiguous")
    func sameEntry() {
        let outputs = [["accept"], ["accept()"], ["ACCEPT"], ["Accept", "()"], ["aceptar"]].map { InProcess.run(["glossary"] + $0).output }
        #expect(Set(outputs).count == 1)
        #expect(outputs[0].hasPrefix("accept()\n"))
        // "accep" starts accept() and also backlog's alias "accept queue".
        #expect(InProcess.run(["glossary", "accep"]).errors.contains("could be: accept(), backlog"))
        #expect(InProcess.run(["glossary", "ephem"]).output.hasPrefix("ephemeral port"))
    }

    @Test("on a terminal, definitions read without the glossary's Markdown backticks; --json keeps its text as written")
    func noBackticks() {
        let socket = InProcess.run(["glossary", "socket", "--lang", "es"])
        #expect(socket.output.contains("lo crea con socket() y"))
        for words in [["socket"], ["socket", "--lang", "es"], [], ["--all"], ["--all", "--lang", "es"]] {
            let result = InProcess.run(["glossary"] + words)
            #expect(result.status == 0 && !result.output.isEmpty && !result.output.contains("`"), "\(words)")
        }
        #expect(InProcess.run(["glossary", "socket", "--json"]).output.contains("`socket()`"))
    }

    @Test("an unknown term: up to three suggestions on standard error, exit 1, nothing on standard output")
    func unknown() {
        let result = InProcess.run(["glossary", "acecpt"])
        #expect(result.status == 1 && result.output.isEmpty)
        #expect(result.errors == "trace: no term 'acecpt'. Did you mean: accept()?\n")
        let spanish = InProcess.run(["glossary", "puertp", "--lang", "es"])
        #expect(spanish.errors.hasPrefix("trace: no hay ningún término 'puertp'. ¿Quizá: puerto"))
        let far = InProcess.run(["glossary", "qwertyuiop"])
        #expect(far.status == 1 && far.errors.contains("trace glossary lists them all"))
        let ambiguous = InProcess.run(["glossary", "econn"])
        #expect(ambiguous.status == 1 && ambiguous.errors.contains("could be: ECONNREFUSED, ECONNRESET"))
    }

    @Test("what the learner typed is echoed without its escape sequences")
    func safeEcho() {
        let result = InProcess.run(["glossary", "\u{1B}[2J\u{1B}]0;owned\u{7}"])
        #expect(result.status == 1)
        #expect(!result.errors.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test("--all prints every definition in the chosen language")
    func all() throws {
        let result = InProcess.run(["glossary", "--all", "--lang", "en"])
        #expect(result.status == 0)
        let json = try JSONParser.parse(Array(InProcess.run(["glossary", "--json", "--lang", "en"]).output.utf8))
        guard case .array(let entries) = json else { Issue.record("not an array"); return }
        for entry in entries {
            guard case .string(let name)? = entry["name"] else { Issue.record("no name"); continue }
            #expect(result.output.contains("\n" + name) || result.output.hasPrefix(name), "\(name)")
        }
    }

    @Test("--json: every entry with both names and definitions; one term with where it appears")
    func json() throws {
        let list = try JSONParser.parse(Array(InProcess.run(["glossary", "--json"]).output.utf8))
        guard case .array(let entries) = list else { Issue.record("not an array"); return }
        #expect(entries.count >= 30)
        #expect(entries.allSatisfy { $0["names"]?["es"] != nil && $0["definitions"]?["en"] != nil && $0["id"] != nil })
        let port = InProcess.run(["glossary", "puerto", "--json", "--lang", "es"])
        let value = try JSONParser.parse(Array(port.output.utf8))
        #expect(value["id"] == .string("port") && value["name"] == .string("puerto") && value["seed"] == .bool(true))
        guard case .array(let appears)? = value["appears"] else { Issue.record("no appears"); return }
        #expect(appears.contains(.object([("lesson", .string("seed")), ("number", .number("1")), ("step", .number("1"))])))
    }
}
