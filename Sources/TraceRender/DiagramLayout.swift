import TraceModel
import TraceText
import TraceRowText

/// Where things go on a line of `width` columns:
///
///     step │ ...lifelines and what happens between them... │     time   took
///       1  │ connect(127.0.0.1:40619) → ok ───────────────▶│   1.47 ms  149 µs
///
/// The step number is right-aligned in three columns; the client's lifeline is column 4, the
/// server's leaves room for the time columns on its right (or, on a very wide line, keeps the
/// lifelines close enough to read across). A narrow line gives up the time since the start first
/// (below 60 columns), then the call's duration too (below 50), so that the calls keep their room.
struct DiagramLayout: Sendable {
    let width: Int
    let glyphs: Glyphs
    let view: DiagramView

    /// Which time columns a line of some width keeps.
    enum TimeColumns: Sendable {
        case sinceStartAndDuration
        case durationOnly
        case none

        init(width: Int) {
            self = width >= 60 ? .sinceStartAndDuration : width >= 50 ? .durationOnly : .none
        }
    }

    static let stepColumns = 3
    static let timeColumns = 8
    static let durationColumns = 7
    static let widestInner = 72
    static let shortestArrow = 4

    var timeColumns: TimeColumns { TimeColumns(width: width) }
    /// Columns right of the server's lifeline: spacing, the time, spacing, the duration (those kept).
    var gutter: Int {
        switch timeColumns {
        case .sinceStartAndDuration: return 3 + DiagramLayout.timeColumns + 2 + DiagramLayout.durationColumns
        case .durationOnly: return 2 + DiagramLayout.durationColumns
        case .none: return 0
        }
    }

    let leftX = stepColumns + 1
    var rightX: Int { min(width - gutter - 1, leftX + 1 + DiagramLayout.widestInner) }
    private var timeEnd: Int { timeColumns == .sinceStartAndDuration ? rightX + 3 + DiagramLayout.timeColumns : rightX + 1 }
    private var durationEnd: Int { timeColumns == .none ? timeEnd : timeEnd + 2 + DiagramLayout.durationColumns }
    /// Columns between the two lifelines.
    var inner: Int { rightX - leftX - 1 }

    // MARK: - Rows

    /// The lifelines' titles, then the time columns' headings on the first lifeline row.
    func headerRows(_ words: DiagramWords) -> [StyledLine] {
        var titles = StyledLine()
        let left = words.title(.left), right = words.title(.right)
        titles.pad(to: max(leftX - DisplayWidth.of(left) / 2, 0))
        titles.append(left, Side.left.tone)
        // Centred over its lifeline, unless that would run past the line's end (a narrow line).
        titles.pad(to: min(rightX - DisplayWidth.of(right) / 2, usedWidth - DisplayWidth.of(right)))
        titles.append(right, Side.right.tone)
        var headings = row(middle: StyledLine())
        if timeColumns == .sinceStartAndDuration {
            headings.pad(to: timeEnd - DisplayWidth.of(words.timeHeading))
            headings.append(words.timeHeading, .faint)
        }
        if timeColumns != .none {
            headings.pad(to: durationEnd - DisplayWidth.of(words.durationHeading))
            headings.append(words.durationHeading, .faint)
        }
        return [titles, headings]
    }

    /// Columns the diagram actually uses (less than `width` on a very wide line).
    var usedWidth: Int { durationEnd }

    /// A row: the step number, the lifelines around `middle`, and the times.
    func row(step: Int? = nil, middle: StyledLine, time: String? = nil, duration: String? = nil) -> StyledLine {
        var line = StyledLine(capacity: middle.spans.count + 10)
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
        if let time, timeColumns == .sinceStartAndDuration {
            let columns = DisplayWidth.of(time)
            line.pad(to: timeEnd - columns)
            line.append(time, .plain, width: columns)
        }
        if let duration, timeColumns != .none {
            let columns = DisplayWidth.of(duration)
            line.pad(to: durationEnd - columns)
            line.append(duration, .plain, width: columns)
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
        var middle = StyledLine(capacity: text.spans.count + 2)
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
        var middle = StyledLine(capacity: text.spans.count + 1)
        middle.pad(to: max((inner - text.width) / 2, 1))
        middle.append(text)
        return middle
    }

    /// An arrow from `side` to the other lifeline, `label` at its start.
    func outgoing(from side: Side, _ label: Label, tag: String?) -> StyledLine {
        let text = label.fitted(to: inner - 2 - DiagramLayout.shortestArrow, ellipsis: glyphs.ellipsis)
        return leaving(side, text, shaft: fill(inner - text.width - 3, tag: tag, tone: side.tone))
    }

    /// A captured segment from `side` to the other lifeline: its numbers at its start, its flags always
    /// on the shaft.
    func segment(from side: Side, _ label: Label, flags: String) -> StyledLine {
        let flagsWidth = DisplayWidth.of(flags)
        let text = label.fitted(to: max(inner - 3 - flagsWidth - 4, 0), ellipsis: glyphs.ellipsis)
        return leaving(side, text, shaft: fill(max(inner - text.width - 3, flagsWidth + 2), tag: flags, tone: side.tone, tagRoom: 2))
    }

    /// `text` beside `side`'s lifeline, then `shaft` and the head at the other one.
    private func leaving(_ side: Side, _ text: StyledLine, shaft: StyledLine) -> StyledLine {
        var middle = StyledLine(capacity: text.spans.count + shaft.spans.count + 3)
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
        var middle = StyledLine(capacity: text.spans.count + shaft.spans.count + 3)
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
    private func fill(_ length: Int, tag: String?, tone: Tone, tagRoom: Int = 6) -> StyledLine {
        let length = max(length, 1)
        var shaft = StyledLine(capacity: 3)
        let tagWidth = tag.map { DisplayWidth.of($0) } ?? 0
        if let tag, length >= tagWidth + tagRoom {
            let before = (length - tagWidth - 2) / 2
            shaft.append(Runs.of(glyphs.fill, before) + " ", tone)
            shaft.append(tag, tone, width: tagWidth)
            shaft.append(" " + Runs.of(glyphs.fill, length - before - tagWidth - 2), tone)
        } else {
            shaft.append(Runs.of(glyphs.fill, length), tone)
        }
        return shaft
    }
}
