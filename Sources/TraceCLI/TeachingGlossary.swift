import TraceTeaching

/// The glossary the walkthrough cards link to: the one built into `trace`.
enum TeachingGlossary {
    static var lookup: any TermLookup { (try? BuiltInLessons.library())?.glossary ?? NoGlossary() }
}
