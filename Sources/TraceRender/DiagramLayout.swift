import TraceModel
import TraceText
import TraceRowText

/// Where things go on a line of `width` columns:
///
///     step │ ...lifelines and what happens between them... │     time   took
///       1  │ connect(127.0.0.1:40619) → ok ───────────────▶│   1.47 ms  149 µs
///
/// The step number is right-aligned in three columns; the client's lifeline is column 4, the
/// server's leaves room for the two time columns on its right (or, on a very wide line, keeps the
/// lifelines close enough to read across).
struct DiagramLayout: Sendable {
    let width: Int
    let glyphs: Glyphs
    let view: DiagramView

    static let stepColumns = 3
    static let timeColumns = 8
    static let durationColumns = 7
    /// Columns right of the server's lifeline: spacing, the time, spacing, the duration.
    static let gutter = 3 + timeColumns + 2 + durationColumns
    static let widestInner = 72
    static let shortestArrow = 4

    let leftX = stepColumns + 1
    var rightX: Int { min(width - DiagramLayout.gutter - 1, leftX + 1 + DiagramLayout.widestInner) }
    private var timeEnd: Int { rightX + 3 + DiagramLayout.timeColumns }
    private var durationEnd: Int { timeEnd + 2 + DiagramLayout.durationColumns }
    /// Columns between the two lifelines.
    var inner: Int { rightX - leftX - 1 }

    // MARK: - Rows

    /// The lifelines' titles, then the time columns' headings on the first lifeline row.
    func headerRows(_ words: DiagramWords) -> [StyledLine] {
        var titles = StyledLine()
        let left = words.title(.left), right = words.title(.right)
        titles.pad(to: max(leftX - DisplayWidth.of(left) / 2, 0))
        titles.append(left, Side.left.tone)
        titles.pad(to: rightX - DisplayWidth.of(right) / 2)
        titles.append(right, Side.right.tone)
        var headings = row(middle: StyledLine())
        headings.pad(to: timeEnd - DisplayWidth.of(words.timeHeading))
        headings.append(words.timeHeading, .faint)
        headings.pad(to: durationEnd - DisplayWidth.of(words.durationHeading))
        headings.append(words.durationHeading, .faint)
        return [titles, headings]
    }

    /// Columns the diagram actually uses (less than `width` on a very wide line).
    var usedWidth: Int { durationEnd }

    /// A row: the step number, the lifelines around `middle`, and the times.
    func row(step: Int? = nil, middle: StyledLine, time: String? = nil, duration: String? = nil) -> StyledLine {
        var line = StyledLine()
        if let step {
            let number = DisplayWidth.truncate(String(step), to: DiagramLayout.stepColumns, ellipsis: "")
            line.pad(to: DiagramLayout.stepColumns - number.count)
            line.append(number, .stepNumber)
        }
        line.pad(to: leftX)
        line.append(lifeline(.left), Side.left.tone)
        line.append(middle)
        line.pad(to: rightX)
        line.append(lifeline(.right), Side.right.tone)
        if let time {
            line.pad(to: timeEnd - DisplayWidth.of(time))
            line.append(time)
        }
        if let duration {
            line.pad(to: durationEnd - DisplayWidth.of(duration))
            line.append(duration)
        }
        return line
    }

    private func lifeline(_ side: Side) -> String {
        view.traces(side) ? glyphs.lifeline : (glyphs == .ascii ? ":" : "┆")
    }

    // MARK: - Between the lifelines

    /// `label` beside `side`'s lifeline.
    func beside(_ side: Side, _ label: Label) -> StyledLine {
        let text = label.fitted(to: inner - 2, ellipsis: glyphs.ellipsis)
        var middle = StyledLine()
        if side == .left {
            middle.append(" ")
            middle.append(text)
        } else {
            middle.pad(to: inner - 1 - text.width)
            middle.append(text)
            middle.append(" ")
        }
        return middle
    }

    /// `label` in the middle, between the lifelines: the tool's own moments, on no program's side.
    func centered(_ label: Label) -> StyledLine {
        let text = label.fitted(to: inner - 2, ellipsis: glyphs.ellipsis)
        var middle = StyledLine()
        middle.pad(to: max((inner - text.width) / 2, 1))
        middle.append(text)
        return middle
    }

    /// An arrow from `side` to the other lifeline, `label` at its start.
    func outgoing(from side: Side, _ label: Label, tag: String?) -> StyledLine {
        let text = label.fitted(to: inner - 2 - DiagramLayout.shortestArrow, ellipsis: glyphs.ellipsis)
        let shaft = fill(inner - text.width - 3, tag: tag, tone: side.tone)
        var middle = StyledLine()
        if side == .left {
            middle.append(" ")
            middle.append(text)
            middle.append(" ")
            middle.append(shaft)
            middle.append(glyphs.headRight, side.tone)
        } else {
            middle.append(glyphs.headLeft, side.tone)
            middle.append(shaft)
            middle.append(" ")
            middle.append(text)
            middle.append(" ")
        }
        return middle
    }

    /// An arrow from the other lifeline arriving at `side`, `label` near its end.
    func incoming(to side: Side, _ label: Label, tag: String?) -> StyledLine {
        let text = label.fitted(to: inner - 4 - DiagramLayout.shortestArrow, ellipsis: glyphs.ellipsis)
        let tone = side.other.tone
        let shaft = fill(inner - text.width - 4, tag: tag, tone: tone)
        var middle = StyledLine()
        if side == .right {
            middle.append(shaft)
            middle.append(" ")
            middle.append(text)
            middle.append(" " + glyphs.fill, tone)
            middle.append(glyphs.headRight, tone)
        } else {
            middle.append(glyphs.headLeft, tone)
            middle.append(glyphs.fill + " ", tone)
            middle.append(text)
            middle.append(" ")
            middle.append(shaft)
        }
        return middle
    }

    /// An arrow's shaft of `length` columns, with `tag` in its middle when there is room.
    private func fill(_ length: Int, tag: String?, tone: Tone) -> StyledLine {
        let length = max(length, 1)
        var shaft = StyledLine()
        if let tag, length >= DisplayWidth.of(tag) + 6 {
            let before = (length - DisplayWidth.of(tag) - 2) / 2
            shaft.append(String(repeating: glyphs.fill, count: before) + " ", tone)
            shaft.append(tag, tone)
            shaft.append(" " + String(repeating: glyphs.fill, count: length - before - DisplayWidth.of(tag) - 2), tone)
        } else {
            shaft.append(String(repeating: glyphs.fill, count: length), tone)
        }
        return shaft
    }
}
