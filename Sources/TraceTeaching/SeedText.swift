import TraceCore
import TracePrograms
import TraceText

/// The seed demo's own words around its diagram.
public enum SeedText {
    /// The line above a live run's diagram.
    public static func title(host: String, language: Language) -> String {
        language.pick(es: "Cliente y servidor TCP en \(host): cada llamada al sistema, en directo.",
                      en: "A TCP client and server on \(host): every system call, live.")
    }

    /// The line above a recording's diagram.
    public static func replayTitle(source: String, language: Language) -> String {
        language.pick(es: "Grabación \(source): cada llamada al sistema, tal como ocurrió.",
                      en: "Recording \(source): every system call, as it happened.")
    }
}
