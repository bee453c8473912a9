import TraceCore
import TraceExport
import TraceModel
import TraceTeaching
import TraceText

/// What an exported page explains, from the teaching layer: each call in the cards' words
/// (`RecordedCalls`), its glossary terms with their definitions, and a lesson's own terms for each
/// step (the seed's for a demo).
struct TeachingNarrator: Narrator {
    let library: LessonLibrary?

    init(library: LessonLibrary? = LessonLibrary.builtIn.library) { self.library = library }

    private var glossary: any TermLookup { library?.glossary ?? NoGlossary() }

    func explanations(of rows: [Row], header: TraceHeader?, language: Language) -> [Explanation?] {
        RecordedCalls.explanations(of: rows.map(\.event), language: language).map { call in
            call.map { Explanation(call: $0.call, program: $0.program, kernel: $0.kernel, terms: terms($0.terms, language)) }
        }
    }

    func terms(ofStep step: Int, header: TraceHeader?, language: Language) -> [GlossaryTerm] {
        terms(lessonTerms(for: header?.plan?.id, language: language)[step] ?? [], language)
    }

    /// The lesson's own terms by step: the seed lesson's for the seed's plan, a built-in lesson's for its plan.
    private func lessonTerms(for planID: String?, language: Language) -> [Int: [String]] {
        switch planID {
        case "seed"?: return library?.lesson("1", language: language)?.stepTerms ?? [:]
        case let id? where id.hasPrefix(LessonPlan.prefix):
            return library?.lesson(String(id.dropFirst(LessonPlan.prefix.count)), language: language)?.stepTerms ?? [:]
        default: return [:]
        }
    }

    private func terms(_ keys: [String], _ language: Language) -> [GlossaryTerm] {
        keys.map { GlossaryTerm(name: glossary.name(of: $0, in: language), definition: glossary.definition(of: $0, in: language).map(GlossaryParser.plainText)) }
    }
}
