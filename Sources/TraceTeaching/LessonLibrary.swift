import TraceCore
import TracePrograms
import TraceText

/// A lesson or glossary file's name and text.
public struct SourceFile: Sendable, Hashable {
    /// Relative to `Lessons/`: `glossary.md`, `es/01-seed.md`.
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// The generated copy stores a file as its lines.
    init(name: String, lines: [String]) {
        self.init(name: name, text: lines.joined(separator: "\n"))
    }
}

/// Where a glossary term appears: a lesson, and one of its steps (nil: the lesson as a whole).
public struct TermAppearance: Sendable, Hashable {
    public var lessonID: String
    public var lessonNumber: Int?
    public var step: Int?
}

/// The lessons in every language and the glossary they share.
public struct LessonLibrary: Sendable {
    public let glossary: Glossary
    public let lessons: [Lesson]

    /// The lessons and glossary built into `trace` (a copy of `Lessons/`, see `EmbeddedLessons`).
    public static let builtIn: (library: LessonLibrary?, errors: [LessonFormatError]) = load(EmbeddedLessons.files)

    /// The glossary and the seed lesson (lesson 1) alone: what `trace` itself needs, read in a
    /// fraction of the time the whole library takes.
    public static let seed: (library: LessonLibrary?, errors: [LessonFormatError]) = load(EmbeddedLessons.files.filter {
        $0.name == "glossary.md" || $0.name.hasSuffix("/01-seed.md")
    })

    /// Reads `glossary.md` and every other `.md` file except `README.md` as a lesson.
    public static func load(_ files: [SourceFile]) -> (library: LessonLibrary?, errors: [LessonFormatError]) {
        guard let glossaryFile = files.first(where: { $0.name == "glossary.md" }) else {
            return (nil, [LessonFormatError(file: "glossary.md", line: 1, es: "falta el archivo del glosario", en: "the glossary file is missing")])
        }
        let (glossary, glossaryErrors) = GlossaryParser.parse(glossaryFile.text, file: glossaryFile.name)
        var errors = glossaryErrors
        var lessons: [Lesson] = []
        for file in files where file.name.hasSuffix(".md") && file.name != glossaryFile.name && !file.name.hasSuffix("README.md") {
            let (lesson, lessonErrors) = LessonParser.parse(file.text, file: file.name)
            errors += lessonErrors
            if let lesson { lessons.append(lesson) }
        }
        guard let glossary else { return (nil, errors) }
        let library = LessonLibrary(glossary: glossary, lessons: lessons)
        for lesson in lessons { errors += library.termProblems(in: lesson) }
        errors += library.duplicates()
        return errors.isEmpty ? (library, []) : (nil, errors)
    }

    public init(glossary: Glossary, lessons: [Lesson]) {
        self.glossary = glossary
        self.lessons = lessons
    }

    /// The lessons in `language`, by number (unnumbered ones last, by id).
    public func lessons(in language: Language) -> [Lesson] {
        lessons.filter { $0.language == language }.sorted { ($0.number ?? .max, $0.id) < ($1.number ?? .max, $1.id) }
    }

    /// A lesson by number (`3`), id (`byte-stream`) or a unique prefix of an id (`byte`).
    public func lesson(_ reference: String, language: Language) -> Lesson? {
        let candidates = lessons(in: language)
        if let number = Int(reference) { return candidates.first { $0.number == number } }
        if let exact = candidates.first(where: { $0.id == reference }) { return exact }
        let prefixed = candidates.filter { $0.id.hasPrefix(reference) }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    /// The terms a lesson names that the glossary does not have.
    public func termProblems(in lesson: Lesson) -> [LessonFormatError] {
        var errors: [LessonFormatError] = []
        for term in lesson.terms where glossary.exact(term) == nil {
            errors.append(LessonFormatError(file: lesson.source, line: lesson.termsLine ?? 1, unknownTerm(term)))
        }
        for section in lesson.steps {
            for term in section.terms where glossary.exact(term) == nil {
                errors.append(LessonFormatError(file: lesson.source, line: section.termsLine ?? section.line, unknownTerm(term)))
            }
        }
        return errors
    }

    private func unknownTerm(_ term: String) -> Bilingual {
        Bilingual(es: "terms: '\(term)' no está en el glosario", en: "terms: '\(term)' is not in the glossary")
    }

    /// Where a term appears in the lessons of `language`: the lessons that name it, and their steps.
    public func appearances(of entry: GlossaryEntry, language: Language) -> [TermAppearance] {
        var found: [TermAppearance] = []
        for lesson in lessons(in: language) {
            if glossary.terms(of: lesson).contains(where: { $0.id == entry.id }) {
                found.append(TermAppearance(lessonID: lesson.id, lessonNumber: lesson.number, step: nil))
            }
            for section in lesson.steps {
                guard let step = section.stepNumber,
                      glossary.terms(forStep: step, lesson: lesson).contains(where: { $0.id == entry.id }) else { continue }
                found.append(TermAppearance(lessonID: lesson.id, lessonNumber: lesson.number, step: step))
            }
        }
        return found
    }

    /// Two lessons with the same id or number in one language.
    private func duplicates() -> [LessonFormatError] {
        var errors: [LessonFormatError] = []
        for language in Language.allCases {
            var seen: [String: Lesson] = [:]
            for lesson in lessons(in: language) {
                for key in ["id " + lesson.id] + (lesson.number.map { ["number \($0)"] } ?? []) {
                    if let first = seen[key] {
                        errors.append(LessonFormatError(file: lesson.source, line: 1, es: "\(key) es también el de \(first.source)",
                                                        en: "\(key) is also \(first.source)'s"))
                    }
                    seen[key] = lesson
                }
            }
        }
        return errors
    }
}
