import TraceModel

/// What a text sequence diagram (Mermaid, PlantUML) says, statement by statement, whatever its
/// syntax: a divider where a section begins, one message per call (a call that sends nothing is a
/// message to its own lifeline), a note with its times and TCP state, the tool's rows over both
/// lifelines; then a legend for the arrows it drew.
struct SequenceScript: Sendable {
    enum Statement: Sendable, Hashable {
        case divider(String)
        case overBoth(String)
        case message(from: Side, to: Side, dashed: Bool, text: String)
        case note(Side, String)
    }

    var words = ExportWords(language: .en)
    private var sections = Section.Tracker()
    private var inferred = false
    private var observed = false

    mutating func statements(for row: ExportRow) -> [Statement] {
        var out: [Statement] = []
        if let section = sections.begins(at: row) { out.append(.divider(words.heading(section))) }
        let me = row.row.side
        var text = row.numberedLabel
        if let tag = row.tag { text += " · " + tag }
        let note = [words.times(row), row.state].compactMap { $0 }.joined(separator: " · ")
        switch (row.lane, row.row.arrow) {
        case (.middle, _):
            out.append(.overBoth(text + " · " + note))
            return out
        case (_, nil):
            out.append(.message(from: me, to: me, dashed: false, text: text))
        case (_, let arrow?):
            let (from, to) = arrow.direction == .outgoing ? (me, me.other) : (me.other, me)
            let dashed = arrow.evidence == .inferred
            if dashed { inferred = true } else { observed = true }
            out.append(.message(from: from, to: to, dashed: dashed, text: text))
        }
        out.append(.note(me, note))
        return out
    }

    /// The legend's lines, after its heading: only the kinds of arrow the diagram has.
    var legend: [String] {
        var lines = [words.legendSelfMessage]
        if inferred { lines.append(words.legendInferred) }
        if observed { lines.append(words.legendObserved) }
        return lines + [words.legendState, words.legendNumbers]
    }
}
