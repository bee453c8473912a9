/// A count and its noun (or adjective) in the right number: `1 conexión`, `2 conexiones`,
/// `1 connection`, `0 connections`. Both languages use the singular for exactly one.
public enum Plural {
    public static func of(_ count: Int, _ one: String, _ many: String) -> String {
        "\(count) " + (count == 1 ? one : many)
    }

    /// The same, in `language`: `Plural.of(n, es: ("conexión", "conexiones"), en: ("connection", "connections"), l)`.
    public static func of(_ count: Int, es: (String, String), en: (String, String), _ language: Language) -> String {
        language == .es ? of(count, es.0, es.1) : of(count, en.0, en.1)
    }
}
