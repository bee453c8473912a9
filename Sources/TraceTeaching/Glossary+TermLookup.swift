import TraceCore
import TracePrograms
import TraceText

/// The walkthrough's cards name a step's terms and show their definitions from the glossary.
extension Glossary: TermLookup {
    public func name(of term: String, in language: Language) -> String { exact(term)?.name[language] ?? term }

    public func definition(of term: String, in language: Language) -> String? { exact(term)?.definition[language] }
}
