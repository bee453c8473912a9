import TracePrograms
import TraceText
import TraceCore
import TraceRender

/// One option a subcommand accepts.
struct OptionSpec: Sendable {
    /// The long name without dashes: `port` for `--port`.
    let name: String
    /// The value's placeholder in help (`N`, `TEXT`); nil for a flag that takes no value.
    let value: String?
    /// The placeholder in Spanish, when it differs (`TEXTO`).
    let valueES: String?
    let help: (es: String, en: String)

    static func flag(_ name: String, es: String, en: String) -> OptionSpec {
        OptionSpec(name: name, value: nil, valueES: nil, help: (es, en))
    }

    static func option(_ name: String, _ value: String, _ valueES: String? = nil, es: String, en: String) -> OptionSpec {
        OptionSpec(name: name, value: value, valueES: valueES, help: (es, en))
    }

    func placeholder(_ language: Language) -> String? {
        language == .es ? (valueES ?? value) : value
    }
}

/// What the command line said: option values (last one wins), flags, and the remaining words.
struct ParsedArguments: Sendable {
    var values: [String: String] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []

    func has(_ flag: String) -> Bool { flags.contains(flag) }
    func value(_ name: String) -> String? { values[name] }

    /// The one word a command takes (`trace replay FILE`); none, or more than one, is a usage error.
    func operand(missing: (es: String, en: String)) throws(UsageError) -> String {
        guard let word = positionals.first else { throw UsageError(es: missing.es, en: missing.en) }
        guard positionals.count == 1 else {
            let word = SafeWord.of(positionals[1])
            throw UsageError(es: "argumento inesperado '\(word)'", en: "unexpected argument '\(word)'")
        }
        return word
    }
}

/// A mistake in how the command was called; exit status 64. A wrong word (an unknown option) is
/// followed by the usage line; a wrong value is one line that says what was expected.
struct UsageError: Error, Sendable {
    let es: String
    let en: String
    let showsUsage: Bool

    init(es: String, en: String, showsUsage: Bool = true) {
        self.es = es
        self.en = en
        self.showsUsage = showsUsage
    }

    /// A value the option cannot take: one line, no usage.
    static func badValue(es: String, en: String) -> UsageError { UsageError(es: es, en: en, showsUsage: false) }

    func message(_ language: Language) -> String { language.pick(es: es, en: en) }
}

enum ArgumentParser {
    /// Parses `--name value`, `--name=value`, flags, `-h`, and `--` (everything after it is positional).
    static func parse(_ arguments: [String], options: [OptionSpec]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if onlyPositionals || !word.hasPrefix("-") || word == "-" {
                parsed.positionals.append(word)
                continue
            }
            if word == "--" { onlyPositionals = true; continue }
            if word == "-h" || word == "--help" { parsed.flags.insert("help"); continue }
            let shown = SafeWord.of(word)
            guard word.hasPrefix("--") else { throw UsageError(es: "opción desconocida \(shown)", en: "unknown option \(shown)") }
            var name = String(word.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            let shownName = SafeWord.of(name)
            guard let spec = options.first(where: { $0.name == name }) else {
                throw UsageError(es: "opción desconocida --\(shownName)", en: "unknown option --\(shownName)")
            }
            if let placeholder = spec.value {
                if let inlineValue {
                    parsed.values[name] = inlineValue
                } else {
                    guard index < arguments.count else {
                        throw UsageError(es: "--\(name) necesita un valor (\(spec.valueES ?? placeholder))",
                                         en: "--\(name) needs a value (\(placeholder))")
                    }
                    parsed.values[name] = arguments[index]
                    index += 1
                }
            } else {
                if inlineValue != nil { throw UsageError(es: "--\(name) no lleva valor", en: "--\(name) takes no value") }
                parsed.flags.insert(name)
            }
        }
        return parsed
    }

    /// The language asked for on the command line (`--lang es`), if any, before full parsing: error
    /// messages and help are written in it.
    static func language(in arguments: [String]) -> Language? {
        var value: String?
        for (i, word) in arguments.enumerated() {
            if word == "--" { break }
            if word == "--lang", i + 1 < arguments.count { value = arguments[i + 1] }
            if word.hasPrefix("--lang=") { value = String(word.dropFirst("--lang=".count)) }
        }
        return value.flatMap { Language(rawValue: $0.lowercased()) }
    }
}

/// A word from the command line as it may be shown in a message: no control characters.
enum SafeWord {
    static func of(_ word: String, limit: Int = 60) -> String {
        let limited = word.count > limit ? String(word.prefix(limit)) + "…" : word
        return SafeText.sanitize(limited)
    }
}
