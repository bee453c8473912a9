import TraceCore
import TracePrograms
import TraceText

/// The lesson file's header: `key: value` lines between two `---` lines, at the very top.
struct LessonHeader {
    var id: String?
    var number: Int?
    var language: Language?
    var title: String?
    var summary: String?
    var terms: [String] = []
    var termsLine: Int?
    /// The index in `lines` of the first line after the header.
    var bodyStart = 0

    /// Spanish and accent-free spellings are accepted too: a teacher writes what comes naturally.
    private static let keys: [String: String] = [
        "id": "id", "number": "number", "numero": "number", "lang": "lang", "language": "lang", "idioma": "lang",
        "title": "title", "titulo": "title", "summary": "summary", "resumen": "summary",
        "terms": "terms", "terminos": "terms",
    ]

    static func parse(_ lines: [NumberedLine], file: String) -> (LessonHeader, [LessonFormatError]) {
        var header = LessonHeader()
        var errors: [LessonFormatError] = []
        func error(_ line: Int, _ es: String, _ en: String) { errors.append(LessonFormatError(file: file, line: line, es: es, en: en)) }
        guard lines.first?.text.trimmed == "---" else {
            error(lines.first?.number ?? 1, "una lección empieza por su cabecera entre dos líneas '---' (id, lang, title...)",
                  "a lesson starts with its header between two '---' lines (id, lang, title, ...)")
            return (header, errors)
        }
        guard let end = lines.dropFirst().firstIndex(where: { $0.text.trimmed == "---" }) else {
            error(lines[0].number, "la cabecera no tiene la línea '---' que la cierra", "the header has no closing '---' line")
            return (header, errors)
        }
        header.bodyStart = end + 1
        var seen: Set<String> = []
        for line in lines[1..<end] where !line.text.trimmed.isEmpty {
            guard let colon = line.text.firstIndex(of: ":") else {
                error(line.number, "se espera 'clave: valor' en la cabecera", "expected 'key: value' in the header")
                continue
            }
            let written = String(line.text[..<colon]).trimmed
            let value = String(line.text[line.text.index(after: colon)...]).trimmed
            guard let key = keys[TermKey.normalize(written)] else {
                error(line.number, "clave de cabecera desconocida '\(written)': usa id, number, lang, title, summary, terms",
                      "unknown header key '\(written)': use id, number, lang, title, summary, terms")
                continue
            }
            guard seen.insert(key).inserted else {
                error(line.number, "'\(key)' aparece dos veces", "'\(key)' is given twice")
                continue
            }
            if let problem = header.set(key, value) { error(line.number, problem.es, problem.en) }
            if key == "terms" { header.termsLine = line.number }
        }
        let at = lines[0].number
        if header.id == nil { error(at, "la cabecera no tiene 'id' (un nombre corto como byte-stream)", "the header has no 'id' (a short name such as byte-stream)") }
        if header.language == nil { error(at, "la cabecera no tiene 'lang' (es o en)", "the header has no 'lang' (es or en)") }
        if header.title == nil { error(at, "la cabecera no tiene 'title'", "the header has no 'title'") }
        return (header, errors)
    }

    /// Stores one value; returns what is wrong with it.
    private mutating func set(_ key: String, _ value: String) -> Bilingual? {
        switch key {
        case "id":
            guard LessonHeader.isIdentifier(value) else {
                return Bilingual(es: "el id lleva minúsculas, cifras y -, como byte-stream", en: "the id is lowercase letters, digits and -, such as byte-stream")
            }
            id = value
        case "number":
            guard value.count <= 3, let n = Int(value), (1...999).contains(n) else {
                return Bilingual(es: "el número va de 1 a 999", en: "the number is 1 to 999")
            }
            number = n
        case "lang":
            guard let l = Language(rawValue: value.lowercased()) else { return Bilingual(es: "lang es es o en", en: "lang is es or en") }
            language = l
        case "title":
            guard !value.isEmpty else { return Bilingual(es: "el título está vacío", en: "the title is empty") }
            title = value
        case "summary": summary = value.isEmpty ? nil : value
        default: terms = LessonHeader.list(value)
        }
        return nil
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 40 && text.first != "-"
            && text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    /// `a, b, c` as a list, without empty items.
    static func list(_ value: String) -> [String] {
        value.splitting(on: ",").map(\.trimmed).filter { !$0.isEmpty }
    }
}

extension String {
    /// Without the whitespace at either end.
    var trimmed: String { self[...].trimmed }

    /// `split(separator:)` for an ASCII separator: byte by byte when every separator sits between
    /// ASCII bytes (then it is a character of its own), by characters otherwise.
    func splitting(on separator: Character) -> [Substring] {
        guard let byte = separator.asciiValue else { return split(separator: separator) }
        var pieces: [Substring] = []
        var start = utf8.startIndex, previous: UInt8 = 0
        var index = start
        while index < utf8.endIndex {
            let current = utf8[index]
            let next = utf8.index(after: index)
            if current == byte {
                guard previous < 0x80, next == utf8.endIndex || utf8[next] < 0x80 else { return split(separator: separator) }
                if start < index { pieces.append(self[start..<index]) }
                start = next
            }
            previous = current
            index = next
        }
        if start < utf8.endIndex { pieces.append(self[start...]) }
        return pieces
    }
}

extension Substring {
    var trimmed: String {
        let bytes = utf8
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, Substring.isASCIISpace(bytes[start]) { start = bytes.index(after: start) }
        while start < end, Substring.isASCIISpace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        // ASCII where the cut falls: the bytes cut are whole characters, and so are those kept.
        if start == end || (bytes[start] < 0x80 && bytes[bytes.index(before: end)] < 0x80) { return String(self[start..<end]) }
        var s = self
        while let f = s.first, f.isTrimmable { s = s.dropFirst() }
        while let l = s.last, l.isTrimmable { s = s.dropLast() }
        return String(s)
    }

    fileprivate static func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
}

extension Character {
    /// `isWhitespace`, without the Unicode tables for ASCII (nearly every character of a lesson).
    var isTrimmable: Bool {
        if let ascii = asciiValue { return ascii == 0x20 || (0x09...0x0D).contains(ascii) }
        return isWhitespace
    }
}
