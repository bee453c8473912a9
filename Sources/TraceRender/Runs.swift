/// Runs of one glyph (a line's padding, an arrow's shaft), made once rather than for every line.
enum Runs {
    private static let spaces = table(" ")
    private static let unicodeFill = table(Glyphs.unicode.fill)
    private static let asciiFill = table(Glyphs.ascii.fill)

    private static func table(_ glyph: String) -> [String] {
        (0...DiagramStyle.maximumWidth).map { String(repeating: glyph, count: $0) }
    }

    /// `count` spaces.
    static func spaces(_ count: Int) -> String { count < spaces.count ? spaces[count] : String(repeating: " ", count: count) }

    /// `glyph` `count` times.
    static func of(_ glyph: String, _ count: Int) -> String {
        let made = glyph == " " ? spaces : glyph == Glyphs.unicode.fill ? unicodeFill : glyph == Glyphs.ascii.fill ? asciiFill : []
        return count >= 0 && count < made.count ? made[count] : String(repeating: glyph, count: count)
    }
}
