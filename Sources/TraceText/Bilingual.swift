
/// Text in both of the learner's languages.
public struct Bilingual: Sendable, Hashable {
    public var es: String
    public var en: String

    public init(es: String, en: String) {
        self.es = es
        self.en = en
    }

    public subscript(_ language: Language) -> String { language == .es ? es : en }
}
