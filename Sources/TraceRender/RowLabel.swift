import TraceModel
import TraceRowText

/// The words of one row, as the terminal shows them: `RowText`'s parts in their tones, the extras
/// giving way on a narrow line.
struct RowLabel {
    let style: DiagramStyle

    func label(for row: Row) -> Label {
        let parts = RowText(row, wording: style.wording).parts
        var label = Label(capacity: parts.count)
        let voice: Tone = row.byTool ? .faint : row.side.tone
        for part in parts {
            label.add(part, tone(of: part.role, voice: voice))
        }
        return label
    }

    private func tone(of role: RowText.Role, voice: Tone) -> Tone {
        switch role {
        case .call: return voice
        case .plain: return .plain
        case .payload: return .payload
        case .aside: return .faint
        case .stateChanged: return .stateChanged
        case .stateSteady: return .stateSteady
        case .stateClosing: return .stateClosing
        case .error: return .error
        }
    }
}
