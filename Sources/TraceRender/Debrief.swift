import TraceText
extension Debrief {
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
    public var proseWidth: Int { DiagramLayout(width: width, glyphs: glyphs, view: .both).usedWidth }

    /// `text` wrapped to `proseWidth`, each line in `tone`.
    public func paragraph(_ text: String, tone: Tone = .plain) -> [String] {
        Wrap.lines(ascii ? AsciiText.fold(text) : text, width: proseWidth, first: "", rest: "").map {
            self.text(of: StyledLine($0, tone))
        }
    }
}
