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
        /// The columns of `text`, counted once (`short`'s only on the narrow lines that use it).
        var width = 0

        init(text: String, tone: Tone, short: String?, dropAt: Int?, isPayload: Bool) {
            self.text = text
            self.tone = tone
            self.short = short
            self.dropAt = dropAt
            self.isPayload = isPayload
            width = DisplayWidth.of(text)
        }

        func kept(at level: Int) -> Bool {
            guard let dropAt else { return true }
            return level < dropAt
        }

        func text(at level: Int) -> (text: String, width: Int) {
            if level >= Label.shortForms, let short { return (short, DisplayWidth.of(short)) }
            return (text, width)
        }
    }

    private(set) var parts: [Part] = []

    static let lastLevel = 5
    static let dropsExtras = 1
    static let dropsSteadyState = 2
    static let dropsState = 5
    private static let shortForms = 3
    private static let shortestPayload = [Int.max, Int.max, Int.max, 12, 6, 3]

    init(capacity: Int = 0) { parts.reserveCapacity(capacity) }

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
            var fixed = 0
            var payload: (text: String, width: Int)?
            for part in parts where part.kept(at: level) {
                let form = part.text(at: level)
                if !part.isPayload { fixed += form.width } else if payload == nil { payload = form }
            }
            guard let payload else {
                if fixed <= columns { return line(at: level, payload: nil) }
                continue
            }
            let room = columns - fixed
            if payload.width <= room { return line(at: level, payload: payload) }
            let minimum = Label.shortestPayload[level]
            if room >= minimum {
                let shrunk = EscapedText.prefix(payload.text, fitting: room, ellipsis: ellipsis)
                return line(at: level, payload: (shrunk, DisplayWidth.of(shrunk)))
            }
        }
        let level = Label.lastLevel
        let payload = parts.first { $0.kept(at: level) && $0.isPayload }.map {
            let shrunk = EscapedText.prefix($0.text(at: level).text, fitting: 3, ellipsis: ellipsis)
            return (text: shrunk, width: DisplayWidth.of(shrunk))
        }
        return line(at: level, payload: payload).truncated(to: columns, ellipsis: ellipsis)
    }

    /// The parts kept at `level`, every payload given as `payload` when there is one.
    private func line(at level: Int, payload: (text: String, width: Int)?) -> StyledLine {
        var line = StyledLine(capacity: parts.count)
        for part in parts where part.kept(at: level) {
            let form = part.isPayload ? payload ?? part.text(at: level) : part.text(at: level)
            line.append(form.text, part.tone, width: form.width)
        }
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
