import TraceText

/// A glossary's names alone, read from its `## id`, `name:` and `also:` lines, every definition
/// skipped: what a legend of terms shows, in a small part of the time `GlossaryParser` takes. It checks
/// nothing, so it reads the built-in glossary, which the tests check with the parser.
public struct GlossaryNames: TermLookup {
    /// Normalised key → the names of the first entry with that key, as `Glossary.exact` finds it.
    private let names: [String: Bilingual]

    init(lines: [String]) {
        var names: [String: Bilingual] = [:]
        names.reserveCapacity(lines.count / 2)
        var entry: (id: String, name: String, also: String)?
        var lastField: String?
        func finish() {
            guard let entry else { return }
            let both = GlossaryLine.names(entry.name)
            guard both.count == 2 else { return }
            let name = Bilingual(es: both[0], en: both[1])
            for key in GlossaryEntry.keys(id: entry.id, name: name, aliases: LessonHeader.list(entry.also)) where names[key] == nil {
                names[key] = name
            }
        }
        for line in lines {
            // Most lines are a definition's, indented: they can only continue the field above, or be blank.
            if lastField != "name" && lastField != "also", line.utf8.first == 0x20 || line.utf8.first == 0x09 { continue }
            switch GlossaryLine(line) {
            case .heading(let id):
                finish()
                entry = (id, "", "")
                lastField = nil
            case .blank:
                lastField = nil
            case .continuation(let text):
                if lastField == "name" { entry?.name += " " + text.trimmed }
                if lastField == "also" { entry?.also += " " + text.trimmed }
            case .field(let key, let value):
                if key == "name" { entry?.name = value.trimmed }
                if key == "also" { entry?.also = value.trimmed }
                lastField = key
            case .unknown:
                break
            }
        }
        finish()
        self.names = names
    }

    public func name(of term: String, in language: Language) -> String { names[TermKey.normalize(term)]?[language] ?? term }

    /// None: the definitions are what this reading skips.
    public func definition(of term: String, in language: Language) -> String? { nil }
}
