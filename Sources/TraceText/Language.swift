/// The learner's language. Every text `trace` shows exists in both.
public enum Language: String, Sendable, CaseIterable {
    case es, en

    /// The language a locale environment asks for: `LC_ALL`, then `LC_MESSAGES`, then `LANG`
    /// (the first one set and not empty); `es*` gives Spanish, anything else English.
    public static func fromLocale(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("es") ? .es : .en
            }
        }
        return .en
    }

    /// Picks the text in this language.
    public func pick(es: String, en: String) -> String { self == .es ? es : en }
}
