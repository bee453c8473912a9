/// Word wrapping by display width.
public enum Wrap {
    /// `text` broken at spaces into lines of at most `width` columns, the first starting with
    /// `first`, the others with `rest`. A word longer than a line is cut. A no-break space
    /// (U+00A0, as in `171 µs`) holds its two words together and is written as a plain space.
    public static func lines(_ text: String, width: Int, first: String, rest: String) -> [String] {
        var lines: [String] = []
        var line = first
        var lineHasWord = false
        for piece in text.split(separator: " ") {
            var word = String(piece)
            if lineHasWord && DisplayWidth.of(line) + 1 + DisplayWidth.of(word) > width {
                lines.append(line)
                line = rest
                lineHasWord = false
            }
            let room = width - DisplayWidth.of(line) - (lineHasWord ? 1 : 0)
            if DisplayWidth.of(word) > room { word = DisplayWidth.prefix(word, fitting: max(room, 1)) }
            line += (lineHasWord ? " " : "") + word.replacingNoBreakSpaces()
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
