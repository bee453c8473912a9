import TraceCore
import TraceModel
import TraceRowText
import TraceText

/// A row of the diagram model as every export shows it: its words without the TCP state (which
/// goes in a note or a badge of its own), the state, the times, and where it goes.
struct ExportRow: Sendable {
    /// Where a row is drawn.
    enum Lane: Sendable, Hashable {
        case left, right
        /// The tool's own rows, between the lifelines.
        case middle
    }

    let row: Row
    /// The words, state left out, a long payload cut.
    let parts: [RowText.Part]
    /// `[ESTABLISHED]`, `[queue: 1]`, when the row shows one.
    let state: String?
    let stateChanged: Bool
    /// Since the trace began: `6.35 ms`.
    let time: String
    /// How long the call took: `88 µs`.
    let duration: String?

    /// Payloads longer than this many columns are cut (with `…`) so that a label fits a slide.
    static let payloadColumns = 64

    init(_ row: Row, wording: Wording) {
        self.row = row
        let text = RowText(row, wording: wording)
        parts = text.parts.filter { !$0.isState }.map { part in
            guard part.role == .payload else { return part }
            var cut = part
            cut.text = EscapedText.prefix(part.text, fitting: ExportRow.payloadColumns, ellipsis: wording.ellipsis)
            return cut
        }
        let states = text.parts.filter(\.isState)
        state = states.isEmpty ? nil : states.map { $0.text.trimmed() }.joined(separator: " ")
        stateChanged = states.contains { $0.role != .stateSteady }
        time = TimeText.sinceStart(row.time, micro: wording.micro)
        duration = row.duration.map { TimeText.duration($0, micro: wording.micro) }
    }

    var label: String { parts.map(\.text).joined() }

    var lane: Lane {
        if row.participant.actor == .tool { return .middle }
        return row.side == .left ? .left : .right
    }

    /// `3. ` before the words of a step's first row.
    var numberedLabel: String { row.number.map { "\($0). " + label } ?? label }

    /// The word on an arrow's shaft (`FIN`, `RST`, a segment's flags).
    var tag: String? { row.arrow?.tag }
}

extension String {
    func trimmed() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
