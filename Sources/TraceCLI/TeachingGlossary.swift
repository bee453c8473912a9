import TracePrograms
import TraceText
import TraceTeaching

/// The glossary the walkthrough cards link to: the one built into `trace`.
enum TeachingGlossary {
    static var lookup: any TermLookup { LessonLibrary.seed.library?.glossary ?? NoGlossary() }

    /// The glossary with the seed lesson's (lesson 1) own terms for each step.
    static var seedTerms: StepTerms {
        guard let library = LessonLibrary.seed.library else { return StepTerms(glossary: NoGlossary()) }
        let seed = library.lesson("1", language: .en)
        return StepTerms(glossary: library.glossary, lessonTerms: seed?.stepTerms ?? [:])
    }
}
