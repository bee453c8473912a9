/// Word wrapping by display width.
public enum Wrap {
    /// `text` broken at spaces into lines of at most `width` columns, the first starting with
    /// `first`, the others with `rest`. A word longer than a line is cut. A no-break space
    /// (U+00A0, as in `171 µs`) holds its two words together and is written as a plain space.
    public static func lines(_ text: String, width: Int, first: String, rest: String) -> [String] {
        var lines: [String] = []
        var line = first
        // The line's width so far, kept as words are added rather than measured again for each.
        var lineWidth = DisplayWidth.of(first)
        let restWidth = DisplayWidth.of(rest)
        var lineHasWord = false
        for piece in text.split(separator: " ") {
            var word = String(piece)
            var wordWidth = DisplayWidth.of(word)
            if lineHasWord && lineWidth + 1 + wordWidth > width {
                lines.append(line)
                line = rest
                lineWidth = restWidth
                lineHasWord = false
            }
            let room = width - lineWidth - (lineHasWord ? 1 : 0)
            if wordWidth > room {
                word = DisplayWidth.prefix(word, fitting: max(room, 1))
                wordWidth = DisplayWidth.of(word)
            }
            let shown = word.replacingNoBreakSpaces()
            line += (lineHasWord ? " " : "") + shown
            lineWidth += (lineHasWord ? 1 : 0) + (shown.utf8.count == word.utf8.count ? wordWidth : DisplayWidth.of(shown))
            lineHasWord = true
        }
        if lineHasWord || lines.isEmpty { lines.append(line) }
        return lines
    }
}

extension String {
    func replacingNoBreakSpaces() -> String {
        guard contains("\u{00A0}") else { return self }
        return String(map { $0 == "\u{00A0}" ? " " : $0 })
    }
}
