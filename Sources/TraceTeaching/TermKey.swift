import Foundation

/// How glossary names compare: without case or accents, without `(` and `)`, with `-`, `_` and `/`
/// read as spaces. `ACCEPT()`, `accept` and `Accept ()` are one key; so are `dirección IP` and
/// `direccion ip`, `CLOSE_WAIT` and `close wait`.
public enum TermKey {
    public static func normalize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar {
            case "(", ")": continue
            case "-", "_", "/": pendingSpace = !out.isEmpty
            default:
                if scalar.properties.generalCategory == .nonspacingMark { continue }
                if scalar.properties.isWhitespace {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace {
                    out.append(" ")
                    pendingSpace = false
                }
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(out)
    }

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
