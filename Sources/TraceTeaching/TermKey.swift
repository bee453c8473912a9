import TraceCore
import TraceText
import TracePrograms
/// How glossary names compare: without case or accents, without `(` and `)`, with `-`, `_` and `/`
/// read as spaces. `ACCEPT()`, `accept` and `Accept ()` are one key; so are `dirección IP` and
/// `direccion ip`, `CLOSE_WAIT` and `close wait`.
public enum TermKey {
    public static func normalize(_ text: String) -> String {
        if let key = asciiKey(text) { return key }
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
                // Those letters are lowercase already: their lowercase mapping is themselves.
                if let plain = withoutAccent(scalar) {
                    out.append(plain)
                    continue
                }
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    out.append(withoutAccent(lower) ?? lower)
                }
            }
        }
        return String(out)
    }

    /// `normalize` for ASCII text (nearly every name), byte by byte; nil for any other text.
    private static func asciiKey(_ text: String) -> String? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        // Never longer than the text: a space is written only for a separator seen.
        return String(unsafeUninitializedCapacity: text.utf8.count) { out in
            var count = 0
            var pendingSpace = false
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "("), UInt8(ascii: ")"): continue
                case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "/"), 0x20, 0x09...0x0D: pendingSpace = count > 0
                default:
                    if pendingSpace {
                        out[count] = 0x20
                        count += 1
                        pendingSpace = false
                    }
                    out[count] = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
                    count += 1
                }
            }
            return count
        }
    }

    /// A lowercase Latin letter with an accent: the letter without it (a switch: no table to build).
    private static func withoutAccent(_ letter: Unicode.Scalar) -> Unicode.Scalar? {
        switch letter.value {
        case 0xE0...0xE5, 0x101, 0x103, 0x105: return "a"  // àáâãäåāăą
        case 0xE7, 0x107, 0x109, 0x10B, 0x10D: return "c"  // çćĉċč
        case 0x10F, 0x111: return "d"  // ďđ
        case 0xE8...0xEB, 0x113, 0x115, 0x117, 0x119, 0x11B: return "e"  // èéêëēĕėęě
        case 0x11D, 0x11F, 0x121, 0x123: return "g"  // ĝğġģ
        case 0x125, 0x127: return "h"  // ĥħ
        case 0xEC...0xEF, 0x129, 0x12B, 0x12D, 0x12F, 0x131: return "i"  // ìíîïĩīĭįı
        case 0x135: return "j"  // ĵ
        case 0x137: return "k"  // ķ
        case 0x13A, 0x13C, 0x13E, 0x140, 0x142: return "l"  // ĺļľŀł
        case 0xF1, 0x144, 0x146, 0x148...0x149: return "n"  // ñńņňŉ
        case 0xF2...0xF6, 0xF8, 0x14D, 0x14F, 0x151: return "o"  // òóôõöøōŏő
        case 0x155, 0x157, 0x159: return "r"  // ŕŗř
        case 0x15B, 0x15D, 0x15F, 0x161, 0x219: return "s"  // śŝşšș
        case 0x163, 0x165, 0x167, 0x21B: return "t"  // ţťŧț
        case 0xF9...0xFC, 0x169, 0x16B, 0x16D, 0x16F, 0x171, 0x173: return "u"  // ùúûüũūŭůűų
        case 0x175: return "w"  // ŵ
        case 0xFD, 0xFF, 0x177: return "y"  // ýÿŷ
        case 0x17A, 0x17C, 0x17E: return "z"  // źżž
        default: return nil
        }
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
