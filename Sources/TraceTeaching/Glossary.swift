import TraceCore
import TracePrograms
import TraceText

/// One term: its names in both languages, other names it goes by, what it means, and related terms.
public struct GlossaryEntry: Sendable, Hashable {
    /// Stable and language-neutral: `port`, `three-way-handshake`.
    public var id: String
    public var name: Bilingual
    /// Other names, in either language: `número de puerto`, `port number`.
    public var aliases: [String]
    /// Ids of related entries.
    public var related: [String]
    /// One of the sixteen terms of the seed lesson's own glossary.
    public var isSeedTerm: Bool
    public var definition: Bilingual
    /// Where the entry starts in the glossary file.
    public var line: Int

    public init(id: String, name: Bilingual, aliases: [String] = [], related: [String] = [], isSeedTerm: Bool = false,
                definition: Bilingual, line: Int = 0) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.related = related
        self.isSeedTerm = isSeedTerm
        self.definition = definition
        self.line = line
    }

    /// Every way to ask for this entry, normalised (see `TermKey`).
    public var keys: [String] {
        var seen: [String] = []
        for key in ([id, name.es, name.en] + aliases).map(TermKey.normalize) where !key.isEmpty && !seen.contains(key) {
            seen.append(key)
        }
        return seen
    }
}

/// The glossary: every term a lesson uses, in Spanish and English.
public struct Glossary: Sendable {
    public let entries: [GlossaryEntry]
    /// Normalised key → index in `entries`.
    private let index: [String: Int]

    /// Entries whose keys collide keep the first; `GlossaryParser` reports collisions.
    public init(entries: [GlossaryEntry]) {
        self.entries = entries
        var index: [String: Int] = [:]
        for (i, entry) in entries.enumerated() {
            for key in entry.keys where index[key] == nil { index[key] = i }
        }
        self.index = index
    }

    public func entry(id: String) -> GlossaryEntry? { entries.first { $0.id == id } }

    /// The entry one of whose names or aliases is exactly `term` (ignoring case, accents and `()`).
    public func exact(_ term: String) -> GlossaryEntry? {
        index[TermKey.normalize(term)].map { entries[$0] }
    }

    /// Every entry, in the alphabetical order of its name in `language`.
    public func sorted(for language: Language) -> [GlossaryEntry] {
        entries.sorted { TermKey.normalize($0.name[language]) < TermKey.normalize($1.name[language]) }
    }

    /// The entries a lesson's step names, in the order it names them: what the diagram and the step
    /// cards link that step to.
    public func terms(forStep step: Int, lesson: Lesson) -> [GlossaryEntry] {
        (lesson.step(step)?.terms ?? []).compactMap(exact)
    }

    /// The entries a lesson names in its header.
    public func terms(of lesson: Lesson) -> [GlossaryEntry] { lesson.terms.compactMap(exact) }
}
