/// What a lesson says after its diagram: a heading, a few points, a closing note.
public struct Debrief: Sendable, Hashable {
    public var heading: String
    public var points: [String]
    public var note: String?

    public init(heading: String, points: [String], note: String? = nil) {
        self.heading = heading
        self.points = points
        self.note = note
    }

    /// The debrief as lines no wider than the diagram drawn in `style`.
    public func lines(style: DiagramStyle) -> [String] {
        let width = style.proseWidth
        var lines = style.paragraph(heading, tone: .heading)
        let bullet = " " + style.glyphs.bullet + " "
        let hanging = String(repeating: " ", count: bullet.count)
        for point in points {
            lines += Wrap.lines(style.ascii ? AsciiText.fold(point) : point, width: width, first: bullet, rest: hanging)
        }
        if let note {
            lines.append("")
            lines += Wrap.lines(style.ascii ? AsciiText.fold(note) : note, width: width, first: " ", rest: " ")
        }
        return lines
    }
}

extension DiagramStyle {
    /// Columns prose beside a diagram uses: the diagram's own width.
    public var proseWidth: Int { DiagramLayout(width: width, glyphs: glyphs, view: view).usedWidth }

    /// `text` wrapped to `proseWidth`, each line in `tone`.
    public func paragraph(_ text: String, tone: Tone = .plain) -> [String] {
        Wrap.lines(ascii ? AsciiText.fold(text) : text, width: proseWidth, first: "", rest: "").map {
            self.text(of: StyledLine($0, tone))
        }
    }
}

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
