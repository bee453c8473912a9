import TraceCore
import TraceText
import TracePrograms
/// Reads the glossary file: free text, then one entry per `## id` heading with `key: value` lines
/// (`name: puerto | port`, `also:`, `related:`, `seed: yes`, `es:`, `en:`); a line indented by spaces
/// continues the field above it. The format is documented in `Lessons/README.md`.
public enum GlossaryParser {
    public static func parse(_ bytes: [UInt8], file: String) -> (glossary: Glossary?, errors: [LessonFormatError]) {
        let (lines, encoding) = SourceLines.split(bytes, file: file)
        if !encoding.isEmpty { return (nil, encoding) }
        var reader = EntryReader(file: file)
        for line in lines { reader.read(line) }
        reader.finishEntry()
        var errors = reader.errors
        errors += crossProblems(reader.entries, file: file)
        if reader.entries.isEmpty && errors.isEmpty {
            errors.append(LessonFormatError(file: file, line: 1, es: "el glosario no tiene entradas (títulos '## id')",
                                            en: "the glossary has no entries ('## id' headings)"))
        }
        return errors.isEmpty ? (Glossary(entries: reader.entries), []) : (nil, errors)
    }

    public static func parse(_ text: String, file: String) -> (glossary: Glossary?, errors: [LessonFormatError]) {
        parse(Array(text.utf8), file: file)
    }

    /// Ids and names are unique across entries, and `related` names entries that exist.
    private static func crossProblems(_ entries: [GlossaryEntry], file: String) -> [LessonFormatError] {
        var errors: [LessonFormatError] = []
        var owner: [String: GlossaryEntry] = [:]
        var ids: Set<String> = []
        for entry in entries {
            if !ids.insert(entry.id).inserted {
                errors.append(LessonFormatError(file: file, line: entry.line, es: "el id '\(entry.id)' se usa dos veces", en: "the id '\(entry.id)' is used twice"))
            }
            for key in entry.keys {
                if let other = owner[key], other.id != entry.id {
                    errors.append(LessonFormatError(file: file, line: entry.line, es: "'\(key)' ya nombra a '\(other.id)' (línea \(other.line))",
                                                    en: "'\(key)' already names '\(other.id)' (line \(other.line))"))
                } else {
                    owner[key] = entry
                }
            }
        }
        for entry in entries {
            for id in entry.related where !ids.contains(id) || id == entry.id {
                errors.append(id == entry.id
                    ? LessonFormatError(file: file, line: entry.line, es: "una entrada no se relaciona consigo misma", en: "an entry is not related to itself")
                    : LessonFormatError(file: file, line: entry.line, es: "related: ninguna entrada tiene el id '\(id)'",
                                        en: "related: no entry has the id '\(id)'"))
            }
        }
        return errors
    }
}

/// Reads the glossary's lines, one entry at a time.
private struct EntryReader {
    let file: String
    var entries: [GlossaryEntry] = []
    var errors: [LessonFormatError] = []
    private var current: (id: String, line: Int)?
    private var fields: [String: (line: Int, value: String)] = [:]
    private var lastField: String?

    private static let keys: [String: String] = [
        "name": "name", "nombre": "name", "also": "also", "tambien": "also", "aliases": "also",
        "related": "related", "relacionados": "related", "seed": "seed", "semilla": "seed", "es": "es", "en": "en",
    ]

    init(file: String) { self.file = file }

    mutating func read(_ line: NumberedLine) {
        let text = line.text
        if text.hasPrefix("## ") {
            finishEntry()
            let id = String(text.dropFirst(3)).trimmed
            if !LessonHeader.isIdentifier(id) {
                error(line.number, "el título de una entrada es su id: minúsculas, cifras y -, como ip-address",
                      "an entry's heading is its id: lowercase letters, digits and -, such as ip-address")
            }
            current = (id, line.number)
            return
        }
        guard current != nil else { return }
        if text.trimmed.isEmpty {
            lastField = nil
            return
        }
        if text.first == " " || text.first == "\t" {
            guard let field = lastField, let old = fields[field] else {
                error(line.number, "una línea sangrada continúa el campo de encima, pero no lo hay",
                      "an indented line continues the field above it, but there is none")
                return
            }
            fields[field] = (old.line, old.value + " " + text.trimmed)
            return
        }
        guard let colon = text.firstIndex(of: ":"), let key = EntryReader.keys[TermKey.normalize(String(text[..<colon]))] else {
            error(line.number, "se espera 'clave: valor' (name, also, related, seed, es, en)", "expected 'key: value' (name, also, related, seed, es, en)")
            return
        }
        if fields[key] != nil { error(line.number, "'\(key)' aparece dos veces", "'\(key)' is given twice") }
        fields[key] = (line.number, String(text[text.index(after: colon)...]).trimmed)
        lastField = key
    }

    mutating func finishEntry() {
        defer {
            current = nil
            fields = [:]
            lastField = nil
        }
        guard let (id, line) = current else { return }
        let names = fields["name"].map { $0.value.split(separator: "|").map { String($0).trimmed } } ?? []
        guard names.count == 2, !names[0].isEmpty, !names[1].isEmpty else {
            error(fields["name"]?.line ?? line, "'\(id)' necesita 'name: nombre en español | nombre en inglés'",
                  "'\(id)' needs 'name: spanish name | english name'")
            return
        }
        guard let es = fields["es"]?.value, !es.isEmpty, let en = fields["en"]?.value, !en.isEmpty else {
            error(line, "'\(id)' necesita una definición en cada idioma: 'es: ...' y 'en: ...'",
                  "'\(id)' needs a definition in both languages: 'es: ...' and 'en: ...'")
            return
        }
        let seed = fields["seed"]?.value.lowercased() ?? "no"
        guard ["yes", "no", "si", "sí"].contains(seed) else {
            error(fields["seed"]?.line ?? line, "seed es yes o no", "seed is yes or no")
            return
        }
        entries.append(GlossaryEntry(id: id, name: Bilingual(es: names[0], en: names[1]),
                                     aliases: LessonHeader.list(fields["also"]?.value ?? ""),
                                     related: LessonHeader.list(fields["related"]?.value ?? ""),
                                     isSeedTerm: seed != "no", definition: Bilingual(es: es, en: en), line: line))
    }

    private mutating func error(_ line: Int, _ es: String, _ en: String) {
        errors.append(LessonFormatError(file: file, line: line, es: es, en: en))
    }
}

extension GlossaryParser {
    /// A definition as a terminal shows it: without the backticks that mark inline code in the
    /// glossary's Markdown (`` `socket()` `` reads `socket()`). Definitions have no literal backticks.
    public static func plainText(_ definition: String) -> String {
        guard definition.contains("`") else { return definition }
        return String(definition.filter { $0 != "`" })
    }
}
