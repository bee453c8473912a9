import TraceTeaching

/// The glossary the walkthrough cards link to.
enum TeachingGlossary {
    static var lookup: any TermLookup { NoGlossary() }
}
