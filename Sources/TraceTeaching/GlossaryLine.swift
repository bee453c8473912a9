/// One line of the glossary file, as both its readers see it: `GlossaryParser`, which reads and checks
/// every field, and `GlossaryNames`, which keeps the names alone. Values are left untrimmed (and
/// uncopied) until a reader wants them.
enum GlossaryLine {
    /// `## id`: an entry starts.
    case heading(id: String)
    case blank
    /// A line indented by spaces or a tab: more of the field above it.
    case continuation(Substring)
    /// `key: value`, the key in its one spelling (`nombre` and `name` are `name`).
    case field(key: String, value: Substring)
    /// No colon, or a key the format does not have.
    case unknown

    init(_ text: String) {
        if text.hasPrefix("## ") {
            self = .heading(id: text.dropFirst(3).trimmed)
        } else if text.isBlank {
            self = .blank
        } else if text.first == " " || text.first == "\t" {
            self = .continuation(text[...])
        } else if let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")), let key = GlossaryLine.keys[TermKey.normalize(String(text[..<colon]))] {
            self = .field(key: key, value: text[text.index(after: colon)...])
        } else {
            self = .unknown
        }
    }

    private static let keys: [String: String] = [
        "name": "name", "nombre": "name", "also": "also", "tambien": "also", "aliases": "also",
        "related": "related", "relacionados": "related", "seed": "seed", "semilla": "seed", "es": "es", "en": "en",
    ]

    /// `name: puerto | port`: the Spanish and the English name (two, when the field is well formed).
    static func names(_ value: String) -> [String] {
        value.splitting(on: "|").map(\.trimmed)
    }
}
