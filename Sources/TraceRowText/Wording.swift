import TraceText

/// How a diagram's words are chosen, whatever draws them (a terminal, a Mermaid file, a page): the
/// language, pure ASCII or not, and whether byte counts take their short form (`14 B`).
public struct Wording: Sendable, Hashable {
    public var language: Language
    /// No accents and no character outside ASCII; text from outside escaped (`\u{F1}`).
    public var ascii: Bool
    /// `14 B` rather than `14 bytes` (a narrow terminal diagram says it so on every line).
    public var compactBytes: Bool

    public init(language: Language, ascii: Bool = false, compactBytes: Bool = false) {
        self.language = language
        self.ascii = ascii
        self.compactBytes = compactBytes
    }

    /// Our own words in this wording (folded to ASCII when asked).
    public func words(_ es: String, _ en: String) -> String {
        let text = language.pick(es: es, en: en)
        return ascii ? AsciiText.fold(text) : text
    }

    /// Text from outside (a payload preview, an address from a recording): never a raw control
    /// character, and in ASCII mode no character outside ASCII.
    public func outside(_ text: String) -> String {
        let safe = SafeText.sanitize(text)
        return ascii ? AsciiText.escapeNonASCII(safe) : safe
    }

    /// Between a call and its result: `recv(1024) → 14 bytes`.
    public var resultMark: String { ascii ? "->" : "→" }
    public var ellipsis: String { ascii ? "..." : "…" }
    public var micro: String { ascii ? "u" : "µ" }
}
