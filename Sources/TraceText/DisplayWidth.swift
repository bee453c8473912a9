/// How many terminal columns text takes, counted as `wcwidth` does: most characters 1 (accented
/// letters included), East Asian wide characters and emoji 2, combining marks and format characters 0.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        ofASCII(text.utf8) ?? ofScalars(text.unicodeScalars)
    }

    public static func of(_ text: Substring) -> Int {
        ofASCII(text.utf8) ?? ofScalars(text.unicodeScalars)
    }

    public static func of(_ text: some StringProtocol) -> Int {
        of(String(text))
    }

    /// Plain ASCII (most of a diagram's words): one column per printable byte, no Unicode tables; nil
    /// for other text.
    @inline(__always)
    private static func ofASCII<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Int? {
        var columns = 0
        for byte in bytes {
            if byte >= 0x80 { return nil }
            if byte >= 0x20 && byte != 0x7F { columns += 1 }
        }
        return columns
    }

    @inline(__always)
    private static func ofScalars<Scalars: Sequence<Unicode.Scalar>>(_ scalars: Scalars) -> Int {
        var total = 0
        for scalar in scalars { total += of(scalar) }
        return total
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return value < 0x20 || (0x7F..<0xA0).contains(value) ? 0 : 1 }
        // The diagram's own glyphs, none of them wide, marks or emoji presentation: punctuation such as
        // "…", arrows, box drawing and geometric shapes up to U+25FC.
        if (0x2010...0x2027).contains(value) || (0x2190...0x21FF).contains(value) || (0x2500...0x25FC).contains(value) {
            return 1
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if value == 0x200B || (0x1160...0x11FF).contains(value) { return 0 }
        if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth blocks.
    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
             0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x18AFF, 0x1B000...0x1B2FF,
             0x1F200...0x1F2FF, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The longest run of whole characters from the start of `text` that fits in `columns`.
    public static func prefix(_ text: String, fitting columns: Int) -> String {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let w = width(of: text[index])
            if used + w > columns { break }
            used += w
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// `text` cut to `columns`, ending with `ellipsis` when something was left out.
    public static func truncate(_ text: String, to columns: Int, ellipsis: String) -> String {
        guard of(text) > columns else { return text }
        let room = columns - of(ellipsis)
        guard room > 0 else { return prefix(ellipsis, fitting: max(columns, 0)) }
        return prefix(text, fitting: room) + ellipsis
    }
}

extension DisplayWidth {
    static func width(of character: Character) -> Int {
        var total = 0
        for scalar in character.unicodeScalars { total += of(scalar) }
        return total
    }
}
