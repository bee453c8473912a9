import TraceText

/// What an export says, whatever its format.
public struct ExportOptions: Sendable {
    /// The language of the diagram and of the page.
    public var language: Language
    /// A page gives each step's explanation in both languages (the diagram stays in `language`).
    public var bothLanguages: Bool
    /// A title above the diagram (a file name, a lesson's name); nil: the recording's command.
    public var title: String?
    /// The explanations and glossary a page shows; nil: none.
    public var narrator: (any Narrator)?

    public init(language: Language, bothLanguages: Bool = false, title: String? = nil, narrator: (any Narrator)? = nil) {
        self.language = language
        self.bothLanguages = bothLanguages
        self.title = title
        self.narrator = narrator
    }

    /// The languages explanations are given in, the diagram's first.
    var explanationLanguages: [Language] {
        bothLanguages ? [language] + Language.allCases.filter { $0 != language } : [language]
    }
}
