/// Text as PlantUML shows it literally: ASCII letters, digits, spaces and plain punctuation stay as
/// they are; everything else is a numeric entity (`&#60;`), so that no creole markup (`**`, `//`,
/// `[[link]]`, `<img:...>`), preprocessor call (`%date()`) or line break (`\n`) can come from a peer,
/// and the file reads the same whatever charset PlantUML assumes. A backslash is `<U+005C>`: PlantUML
/// 1.2020 fails on its entity. Input is already free of control characters (see `SafeText`).
enum PlantUMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if isPlain(scalar) {
                out.unicodeScalars.append(scalar)
            } else if scalar == "\\" {
                out += "<U+005C>"
            } else {
                out += "&#\(scalar.value);"
            }
        }
        return out
    }

    private static func isPlain(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "a"..."z", "A"..."Z", "0"..."9", " ", ".", ",", ":", "(", ")", "?", "+", "=", "@": return true
        default: return false
        }
    }
}
