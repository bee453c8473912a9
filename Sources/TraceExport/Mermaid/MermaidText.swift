/// Text as a Mermaid message, note or alias takes it: every character that Mermaid's grammar or its
/// HTML labels could read as syntax is written as an entity code (`;` as `#59;`, `#` as `#35;`), and
/// the keyword `end` never appears as a word of its own (`en#100;`). Input is already free of control
/// characters (see `SafeText`).
enum MermaidText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case ";", "#", "\"", "<", ">", "&", "%", "{", "}", "`":
                out += "#\(scalar.value);"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return hidingEnd(out)
    }

    /// `end` as a whole word, in any case, spelled with its `d` as an entity: it reads the same.
    private static func hidingEnd(_ text: String) -> String {
        guard text.lowercased().contains("end") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func isWordScalar(_ k: Int) -> Bool {
            k >= 0 && k < scalars.count && (scalars[k].properties.isAlphabetic || scalars[k].properties.numericType != nil || scalars[k] == "_")
        }
        while i < scalars.count {
            if i + 3 <= scalars.count,
               String(String.UnicodeScalarView(scalars[i..<i + 3])).lowercased() == "end",
               !isWordScalar(i - 1), !isWordScalar(i + 3) {
                out.append(scalars[i])
                out.append(scalars[i + 1])
                out.append(contentsOf: "#\(scalars[i + 2].value);".unicodeScalars)
                i += 3
                continue
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }
}
