import TracePrograms
import TraceText
import TraceRender
import TraceSockets
import TraceTerminal

/// Reads and checks option values shared by several subcommands; a bad value is a usage error.
enum OptionValues {
    static func language(_ arguments: ParsedArguments, _ context: CommandContext) throws(UsageError) -> Language {
        guard let text = arguments.value("lang") else { return Language.fromLocale(context.environment) }
        guard let language = Language(rawValue: text.lowercased()) else {
            throw .badValue(es: "--lang \(SafeWord.of(text)): se espera es o en", en: "--lang \(SafeWord.of(text)): expected es or en")
        }
        return language
    }

    static func port(_ arguments: ParsedArguments, default fallback: UInt16 = 0) throws(UsageError) -> UInt16 {
        guard let text = arguments.value("port") else { return fallback }
        guard let port = UInt16(text) else {
            throw .badValue(es: "--port \(SafeWord.of(text)): se espera un puerto de 0 a 65535",
                            en: "--port \(SafeWord.of(text)): expected a port from 0 to 65535")
        }
        return port
    }

    static func host(_ arguments: ParsedArguments, default fallback: String = "127.0.0.1") throws(UsageError) -> String {
        let host = arguments.value("host") ?? fallback
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw .badValue(es: "--host '\(SafeWord.of(host))': se espera una dirección como 127.0.0.1 o ::1",
                            en: "--host '\(SafeWord.of(host))': expected an address such as 127.0.0.1 or ::1")
        }
        return host
    }

    /// `--NAME N` as a whole number in `range`.
    static func integer(_ name: String, _ arguments: ParsedArguments, in range: ClosedRange<Int>,
                        what: (es: String, en: String)) throws(UsageError) -> Int? {
        guard let text = arguments.value(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw .badValue(es: "--\(name) \(SafeWord.of(text)): se espera \(what.es) de \(range.lowerBound) a \(range.upperBound)",
                            en: "--\(name) \(SafeWord.of(text)): expected \(what.en) from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    static func color(_ arguments: ParsedArguments) throws(UsageError) -> ColorChoice {
        guard let text = arguments.value("color") else { return .auto }
        guard let choice = ColorChoice(rawValue: text.lowercased()) else {
            throw .badValue(es: "--color \(SafeWord.of(text)): se espera auto, always o never",
                            en: "--color \(SafeWord.of(text)): expected auto, always or never")
        }
        return choice
    }
}
