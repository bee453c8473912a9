import TraceText
import TraceRowText
/// The words of one diagram line, some of which give way when the line is narrow.
///
/// Fitting tries levels in turn: 0 everything; 1 no extras (a peer's address); 2 no TCP state that
/// did not change; 3 short forms (`14 B` for `14 bytes`), and the payload may shrink; 4 the payload
/// shrinks further; 5 no TCP state at all. If even that is too wide, the label is cut with an ellipsis.
struct Label: Sendable {
    struct Part: Sendable {
        var text: String
        var tone: Tone
        var short: String?
        var dropAt: Int?
        var isPayload = false
    }

    private(set) var parts: [Part] = []

    static let lastLevel = 5
    static let dropsExtras = 1
    static let dropsSteadyState = 2
    static let dropsState = 5
    private static let shortForms = 3
    private static let shortestPayload = [Int.max, Int.max, Int.max, 12, 6, 3]

    init() {}

    /// A row's part in `tone`; a payload is what shrinks first.
    mutating func add(_ part: RowText.Part, _ tone: Tone) {
        parts.append(Part(text: part.text, tone: tone, short: part.short, dropAt: Label.level(dropping: part.priority),
                          isPayload: part.role == .payload))
    }

    /// The level from which a part of this priority is left out.
    private static func level(dropping priority: RowText.Priority) -> Int? {
        switch priority {
        case .essential: return nil
        case .extra: return dropsExtras
        case .steadyState: return dropsSteadyState
        case .systemCall: return shortForms
        case .state: return dropsState
        }
    }

    /// The widest form of the label that fits `columns`.
    func fitted(to columns: Int, ellipsis: String) -> StyledLine {
        for level in 0...Label.lastLevel {
            let kept = parts(at: level)
            let fixed = kept.filter { !$0.isPayload }.reduce(0) { $0 + DisplayWidth.of($1.text) }
            guard let payload = kept.first(where: \.isPayload) else {
                if fixed <= columns { return line(kept, payload: nil) }
                continue
            }
            let full = DisplayWidth.of(payload.text)
            let room = columns - fixed
            if full <= room { return line(kept, payload: payload.text) }
            let minimum = Label.shortestPayload[level]
            if room >= minimum { return line(kept, payload: EscapedText.prefix(payload.text, fitting: room, ellipsis: ellipsis)) }
        }
        let narrowest = parts(at: Label.lastLevel)
        let payload = narrowest.first(where: \.isPayload).map { EscapedText.prefix($0.text, fitting: 3, ellipsis: ellipsis) }
        return line(narrowest, payload: payload).truncated(to: columns, ellipsis: ellipsis)
    }

    private func parts(at level: Int) -> [Part] {
        parts.compactMap { part in
            if let dropAt = part.dropAt, level >= dropAt { return nil }
            var part = part
            if level >= Label.shortForms, let short = part.short { part.text = short }
            return part
        }
    }

    private func line(_ parts: [Part], payload: String?) -> StyledLine {
        var line = StyledLine()
        for part in parts { line.append(part.isPayload ? (payload ?? part.text) : part.text, part.tone) }
        return line
    }
}

extension StyledLine {
    /// The line cut to `columns`, ending with `ellipsis` when something was left out.
    func truncated(to columns: Int, ellipsis: String) -> StyledLine {
        guard width > columns else { return self }
        let room = max(columns - DisplayWidth.of(ellipsis), 0)
        var out = StyledLine()
        for span in spans {
            let left = room - out.width
            if left <= 0 { break }
            out.append(DisplayWidth.prefix(span.text, fitting: left), span.tone)
        }
        out.append(DisplayWidth.prefix(ellipsis, fitting: columns - out.width))
        return out
    }
}
