/// Pure ASCII forms of text, for `--ascii`.
public enum AsciiText {
    /// Our own prose in ASCII: accents dropped (`á` → `a`, `ñ` → `n`), `¿`/`¡` left out, typographic
    /// signs replaced (`…` → `...`, `→` → `->`). Anything else outside ASCII becomes `?`.
    public static func fold(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII { out.unicodeScalars.append(scalar) } else { out += replacement(scalar) }
        }
        return out
    }

    /// Text that came from outside (a peer, a recording) in ASCII: every non-ASCII character is shown
    /// as its code point, `\u{F1}`, as `SafeText` shows invisible ones. Nothing is lost or guessed.
    public static func escapeNonASCII(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                out.unicodeScalars.append(scalar)
            } else if scalar == "…" {
                out += "..."
            } else {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    private static func replacement(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "á", "à", "â", "ä", "ã", "å": return "a"
        case "Á", "À", "Â", "Ä", "Ã", "Å": return "A"
        case "é", "è", "ê", "ë": return "e"
        case "É", "È", "Ê", "Ë": return "E"
        case "í", "ì", "î", "ï": return "i"
        case "Í", "Ì", "Î", "Ï": return "I"
        case "ó", "ò", "ô", "ö", "õ": return "o"
        case "Ó", "Ò", "Ô", "Ö", "Õ": return "O"
        case "ú", "ù", "û", "ü": return "u"
        case "Ú", "Ù", "Û", "Ü": return "U"
        case "ñ": return "n"
        case "Ñ": return "N"
        case "ç": return "c"
        case "Ç": return "C"
        case "¿", "¡": return ""
        case "«", "»", "“", "”": return "\""
        case "‘", "’": return "'"
        case "—", "–", "─", "━": return "-"
        case "…": return "..."
        case "·", "•": return "*"
        case "→": return "->"
        case "←": return "<-"
        case "▶": return ">"
        case "◀": return "<"
        case "µ": return "u"
        case "│", "┆", "┊": return "|"
        case "\u{00A0}": return " "
        default: return "?"
        }
    }
}
