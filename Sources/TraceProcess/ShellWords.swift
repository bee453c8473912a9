import TraceText

/// Splits a command line into words as a POSIX shell does, without running a shell: blanks separate words,
/// single quotes keep everything, double quotes keep everything but `\"`, `\\`, `\$` and `` \` ``, a
/// backslash outside quotes keeps the next character. Nothing is expanded (`$HOME`, `*`, `~` stay as written).
public enum ShellWords {
    public enum SplitError: Error, Sendable, Hashable, CustomStringConvertible {
        case unterminatedQuote(Character)
        case trailingBackslash
        /// `|`, `;`, `&`, `<`, `>`, `(`, `)` outside quotes: they need a shell, which is not run.
        case shellOperator(Character)

        public var description: String { message(.en) }

        public func message(_ l: Language) -> String {
            switch self {
            case .unterminatedQuote(let quote):
                return l.pick(es: "a la línea de órdenes le falta cerrar una comilla \(quote)",
                              en: "the command line has an unterminated \(quote) quote")
            case .trailingBackslash:
                return l.pick(es: "la línea de órdenes acaba en una barra invertida", en: "the command line ends with a backslash")
            case .shellOperator(let c):
                return l.pick(es: "la línea de órdenes usa '\(c)', que necesita un shell; ponlo entre comillas, o ejecuta un shell tú mismo (sh -c '…')",
                              en: "the command line uses '\(c)', which needs a shell; quote it, or run a shell explicitly (sh -c '…')")
            }
        }
    }

    public static func split(_ line: String) throws(SplitError) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var characters = line.makeIterator()
        while let c = characters.next() {
            switch c {
            case " ", "\t", "\n", "\r\n":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            case "'":
                inWord = true
                while true {
                    guard let q = characters.next() else { throw .unterminatedQuote("'") }
                    if q == "'" { break }
                    word.append(q)
                }
            case "\"":
                inWord = true
                while true {
                    guard let q = characters.next() else { throw .unterminatedQuote("\"") }
                    if q == "\"" { break }
                    if q == "\\" {
                        guard let escaped = characters.next() else { throw .unterminatedQuote("\"") }
                        switch escaped {
                        case "\"", "\\", "$", "`": word.append(escaped)
                        case "\n": break
                        default: word.append(q); word.append(escaped)
                        }
                    } else {
                        word.append(q)
                    }
                }
            case "\\":
                guard let escaped = characters.next() else { throw .trailingBackslash }
                if escaped != "\n" {
                    word.append(escaped)
                    inWord = true
                }
            case "|", ";", "&", "<", ">", "(", ")":
                throw .shellOperator(c)
            default:
                word.append(c)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
