import TraceRender
import TraceSockets

/// Reads and checks option values shared by several subcommands; a bad value is a usage error.
enum OptionValues {
    static func language(_ arguments: ParsedArguments, _ context: CommandContext) throws(UsageError) -> Language {
        guard let text = arguments.value("lang") else { return Language.fromLocale(context.environment) }
        guard let language = Language(rawValue: text.lowercased()) else {
            throw UsageError(message: "--lang \(text): expected es or en")
        }
        return language
    }

    static func port(_ arguments: ParsedArguments, default fallback: UInt16 = 0) throws(UsageError) -> UInt16 {
        guard let text = arguments.value("port") else { return fallback }
        guard let port = UInt16(text) else { throw UsageError(message: "--port \(text): expected a port from 0 to 65535") }
        return port
    }

    static func host(_ arguments: ParsedArguments, default fallback: String = "127.0.0.1") throws(UsageError) -> String {
        let host = arguments.value("host") ?? fallback
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw UsageError(message: "--host '\(host)': expected an address such as 127.0.0.1 or ::1")
        }
        return host
    }
}
