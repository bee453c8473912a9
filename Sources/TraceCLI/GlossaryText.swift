import TracePrograms
import TraceText
import TraceCore
import TraceRender
import TraceTeaching

/// The glossary as the learner reads it: a tidy list, entries in full, or JSON for scripts.
enum GlossaryText {
    /// Every term, the seed lesson's sixteen first, one line each: the name and the definition's
    /// first sentence, cut to the width.
    static func list(_ library: LessonLibrary, style: DiagramStyle) -> String {
        let l = style.language, width = style.width
        let entries = library.glossary.sorted(for: l)
        let column = min(24, entries.map { DisplayWidth.of($0.name[l]) }.max() ?? 0) + 2
        func rows(_ group: [GlossaryEntry]) -> [StyledLine] {
            group.map { entry in
                let name = entry.name[l]
                let pad = String(repeating: " ", count: max(1, column - DisplayWidth.of(name)))
                let room = max(10, width - 2 - DisplayWidth.of(name) - pad.count)
                var line = StyledLine("  ")
                line.append(name, .heading)
                line.append(pad + DisplayWidth.truncate(firstSentence(GlossaryParser.plainText(entry.definition[l])), to: room, ellipsis: "…"))
                return line
            }
        }
        let seed = entries.filter(\.isSeedTerm), more = entries.filter { !$0.isSeedTerm }
        let title = l.pick(es: "Glosario: \(entries.count) términos (trace glossary TÉRMINO muestra uno; --all, todos)",
                           en: "Glossary: \(entries.count) terms (trace glossary TERM shows one; --all shows them all)")
        var lines = Wrap.lines(title, width: width, first: "", rest: "").map { StyledLine($0) } + [StyledLine()]
        lines += [StyledLine(l.pick(es: "Los \(seed.count) términos de la lección original", en: "The original lesson's \(seed.count) terms"), .heading)]
        lines += rows(seed) + [StyledLine(), StyledLine(l.pick(es: "Más términos", en: "More terms"), .heading)] + rows(more)
        return lines.map(style.text(of:)).joined(separator: "\n") + "\n"
    }

    /// One entry in full: names, definition, other names, related terms and where it appears.
    static func entry(_ entry: GlossaryEntry, _ library: LessonLibrary, style: DiagramStyle) -> String {
        let l = style.language, width = style.width
        let other: Language = l == .es ? .en : .es
        var head = StyledLine(entry.name[l], .heading)
        if entry.name[other] != entry.name[l] { head.append("  (\(other.rawValue): \(entry.name[other]))") }
        var lines: [String] = []
        lines += wrapped(GlossaryParser.plainText(entry.definition[l]), width: width)
        if !entry.aliases.isEmpty {
            lines += wrapped(l.pick(es: "También: ", en: "Also: ") + entry.aliases.joined(separator: ", "), width: width)
        }
        let related = entry.related.compactMap { library.glossary.entry(id: $0)?.name[l] }
        if !related.isEmpty {
            lines += wrapped(l.pick(es: "Relacionados: ", en: "Related: ") + related.joined(separator: ", "), width: width)
        }
        let appearances = library.appearances(of: entry, language: l)
        if !appearances.isEmpty {
            lines += wrapped(l.pick(es: "Aparece en: ", en: "Appears in: ") + places(appearances, l), width: width)
        }
        return ([style.text(of: head)] + lines.map { style.text(of: StyledLine($0)) }).joined(separator: "\n") + "\n"
    }

    /// Every entry in full, in alphabetical order.
    static func all(_ library: LessonLibrary, style: DiagramStyle) -> String {
        library.glossary.sorted(for: style.language).map { entry($0, library, style: style) }.joined(separator: "\n")
    }

    /// `lección 1 (paso 1); lección 2 (pasos 3, 6)`.
    static func places(_ appearances: [TermAppearance], _ l: Language) -> String {
        var order: [String] = []
        var steps: [String: [Int]] = [:]
        for a in appearances {
            let lesson = a.lessonNumber.map { l.pick(es: "lección \($0)", en: "lesson \($0)") } ?? a.lessonID
            if steps[lesson] == nil { order.append(lesson) }
            steps[lesson, default: []] += a.step.map { [$0] } ?? []
        }
        return order.map { lesson in
            let numbers = steps[lesson] ?? []
            if numbers.isEmpty { return lesson }
            let word = numbers.count == 1 ? l.pick(es: "paso", en: "step") : l.pick(es: "pasos", en: "steps")
            return "\(lesson) (\(word) \(numbers.map(String.init).joined(separator: ", ")))"
        }.joined(separator: "; ")
    }

    static func json(_ entry: GlossaryEntry, _ library: LessonLibrary, _ l: Language) -> JSONValue {
        let appears: [JSONValue] = library.appearances(of: entry, language: l).map { a in
            var members: [(String, JSONValue)] = [("lesson", .string(a.lessonID))]
            if let n = a.lessonNumber { members.append(("number", .integer(n))) }
            if let s = a.step { members.append(("step", .integer(s))) }
            return .object(members)
        }
        return .object([
            ("id", .string(entry.id)),
            ("name", .string(entry.name[l])),
            ("names", .object([("es", .string(entry.name.es)), ("en", .string(entry.name.en))])),
            ("aliases", .array(entry.aliases.map { .string($0) })),
            ("seed", .bool(entry.isSeedTerm)),
            ("definition", .string(entry.definition[l])),
            ("definitions", .object([("es", .string(entry.definition.es)), ("en", .string(entry.definition.en))])),
            ("related", .array(entry.related.map { .string($0) })),
            ("appears", .array(appears)),
        ])
    }

    /// The text up to its first full stop.
    static func firstSentence(_ text: String) -> String {
        guard let end = text.firstRange(of: ". ") else { return text }
        return String(text[..<end.lowerBound]) + "."
    }

    /// A paragraph wrapped to the width, indented by two spaces.
    static func wrapped(_ text: String, width: Int) -> [String] {
        Wrap.lines(text, width: max(20, width), first: "  ", rest: "  ")
    }
}
