import TraceCore
import TraceText
import TracePrograms
/// One word of a scenario line: a bare word, or text in double quotes (already unescaped, as bytes).
enum ScenarioToken: Sendable, Hashable {
    case word(String)
    case text([UInt8])

    var word: String? {
        if case .word(let w) = self { return w }
        return nil
    }
}

/// Splits a scenario line into tokens. Words are separated by spaces or tabs; `"..."` is one token
/// (with `\n`, `\t`, `\r`, `\0`, `\\`, `\"` and `\xHH`); `#` at the start of a token begins a comment.
enum ScenarioTokenizer {
    static func tokens(_ line: String) throws(ScenarioProblem) -> [ScenarioToken] {
        var tokens: [ScenarioToken] = []
        var scalars = Array(line.unicodeScalars)[...]
        while let first = scalars.first {
            if first == " " || first == "\t" {
                scalars = scalars.dropFirst()
            } else if first == "#" {
                break
            } else if first == "\"" {
                scalars = scalars.dropFirst()
                tokens.append(.text(try quoted(&scalars)))
            } else {
                var word = String.UnicodeScalarView()
                while let s = scalars.first, s != " ", s != "\t" {
                    if s == "\"" {
                        throw ScenarioProblem(es: "comillas dentro de una palabra: pon un espacio antes de \"",
                                              en: "a quote inside a word: put a space before \"")
                    }
                    word.append(s)
                    scalars = scalars.dropFirst()
                }
                tokens.append(.word(String(word)))
            }
        }
        return tokens
    }

    /// Reads up to the closing quote, consuming it.
    private static func quoted(_ scalars: inout ArraySlice<Unicode.Scalar>) throws(ScenarioProblem) -> [UInt8] {
        var bytes: [UInt8] = []
        while let s = scalars.first {
            scalars = scalars.dropFirst()
            switch s {
            case "\"":
                if let next = scalars.first, next != " ", next != "\t" {
                    throw ScenarioProblem(es: "pon un espacio después de las comillas de cierre", en: "put a space after the closing quote")
                }
                return bytes
            case "\\":
                guard let e = scalars.first else { throw ScenarioProblem(es: "una \\ al final del texto", en: "a \\ at the end of the text") }
                scalars = scalars.dropFirst()
                switch e {
                case "n": bytes.append(0x0A)
                case "t": bytes.append(0x09)
                case "r": bytes.append(0x0D)
                case "0": bytes.append(0x00)
                case "\\": bytes.append(0x5C)
                case "\"": bytes.append(0x22)
                case "x":
                    let digits = String(String.UnicodeScalarView(scalars.prefix(2)))
                    guard digits.count == 2, let value = UInt8(digits, radix: 16) else {
                        throw ScenarioProblem(es: "\\x necesita dos cifras hexadecimales, como en \\x41", en: "\\x needs two hexadecimal digits, as in \\x41")
                    }
                    scalars = scalars.dropFirst(2)
                    bytes.append(value)
                default:
                    let escapes = "\\n, \\t, \\r, \\0, \\\\, \\\""
                    throw ScenarioProblem(es: "escape desconocido \\\(e): usa \(escapes) o \\xHH",
                                          en: "unknown escape \\\(e): use \(escapes) or \\xHH")
                }
            default:
                bytes.append(contentsOf: Array(String(s).utf8))
            }
        }
        throw ScenarioProblem(es: "el texto no cierra las comillas", en: "the text has no closing quote")
    }
}

/// A mistake on one scenario line, in both languages; the parser adds the file and line.
struct ScenarioProblem: Error, Sendable {
    let text: Bilingual
    init(es: String, en: String) { text = Bilingual(es: es, en: en) }
}
