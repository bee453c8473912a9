import TraceCore
import TraceText
import TracePrograms
/// How glossary names compare: without case or accents, without `(` and `)`, with `-`, `_` and `/`
/// read as spaces. `ACCEPT()`, `accept` and `Accept ()` are one key; so are `dirección IP` and
/// `direccion ip`, `CLOSE_WAIT` and `close wait`.
public enum TermKey {
    public static func normalize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "(", ")": continue
            case "-", "_", "/": pendingSpace = !out.isEmpty
            default:
                let value = scalar.value
                // ASCII, most of every name: the same rules without the Unicode tables.
                if value < 0x80 {
                    if value == 0x20 || (0x09...0x0D).contains(value) {
                        pendingSpace = !out.isEmpty
                        continue
                    }
                    if pendingSpace {
                        out.append(" ")
                        pendingSpace = false
                    }
                    out.append((0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(value) + 0x20) : scalar)
                    continue
                }
                // Accents typed as combining marks are dropped; letters with their accent built in lose it.
                if (0x300...0x36F).contains(value) { continue }
                if scalar.properties.isWhitespace {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace {
                    out.append(" ")
                    pendingSpace = false
                }
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    out.append(withoutAccent[lower] ?? lower)
                }
            }
        }
        return String(out)
    }

    /// Lowercase Latin letters with an accent, and the letter without it.
    private static let withoutAccent: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs: [(String, Unicode.Scalar)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"),
            ("ŕŗř", "r"), ("śŝşšș", "s"), ("ţťŧț", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ]
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (letters, plain) in pairs {
            for letter in letters.unicodeScalars { table[letter] = plain }
        }
        return table
    }()

    /// The edit distance (insertions, deletions, substitutions) between two keys, comparing at most
    /// their first 64 characters.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.prefix(64)), y = Array(b.prefix(64))
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = previous
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
