/// Text safe inside XML and HTML, as element content or as a double- or single-quoted attribute
/// value: `&`, `<`, `>`, `"` and `'` as entities, and any character XML 1.0 does not allow (a control
/// character, a noncharacter) as U+FFFD. Nothing from a peer can open a tag, end the SVG, close an
/// attribute or a CDATA section (`]]>` loses its `>`).
enum XMLText {
    static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsWork) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    private static func needsWork(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "&", "<", ">", "\"", "'": return true
        default: return !isAllowed(s)
        }
    }

    /// XML 1.0's `Char` production.
    private static func isAllowed(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
