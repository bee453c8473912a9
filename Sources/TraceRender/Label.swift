import TraceText
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
    /// A traced program's real system call beside the lesson's name (`[accept4]`).
    static let dropsSystemCall = 3
    static let dropsState = 5
    private static let shortForms = 3
    private static let shortestPayload = [Int.max, Int.max, Int.max, 12, 6, 3]

    init() {}

    mutating func add(_ text: String, _ tone: Tone, short: String? = nil, dropAt: Int? = nil) {
        parts.append(Part(text: text, tone: tone, short: short, dropAt: dropAt))
    }

    /// Puts a part right after the call's own text (the first part from `start` on that closes a
    /// parenthesis): `accept()` then ` [accept4]`.
    mutating func insertAfterCall(from start: Int, _ text: String, _ tone: Tone, dropAt: Int? = nil) {
        let at = parts.indices.first { $0 >= start && !parts[$0].isPayload && parts[$0].text.hasSuffix(")") }
        parts.insert(Part(text: text, tone: tone, dropAt: dropAt), at: at.map { $0 + 1 } ?? parts.count)
    }

    /// Text from a peer, already escaped, shown in quotes; it is what shrinks first.
    mutating func addPayload(_ escaped: String) {
        add("\"", .plain)
        parts.append(Part(text: escaped.replacingQuotes(), tone: .payload, isPayload: true))
        add("\"", .plain)
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

/// Escaped text (from `SafeText`) is cut only between whole escapes: `\x1b` is never shown as `\x1`.
enum EscapedText {
    static func prefix(_ text: String, fitting columns: Int, ellipsis: String) -> String {
        guard DisplayWidth.of(text) > columns else { return text }
        let room = columns - DisplayWidth.of(ellipsis)
        var out = ""
        var used = 0
        for token in tokens(text) {
            let w = DisplayWidth.of(token)
            if used + w > room { break }
            out += token
            used += w
        }
        return out + ellipsis
    }

    /// Single characters, or whole escapes: `\\`, `\n`, `\"`, `\xHH`, `\u{HHHH}`.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            var end = text.index(after: index)
            if text[index] == "\\", end < text.endIndex {
                let kind = text[end]
                end = text.index(after: end)
                if kind == "x" {
                    end = text.index(end, offsetBy: 2, limitedBy: text.endIndex) ?? text.endIndex
                } else if kind == "u", end < text.endIndex, text[end] == "{" {
                    end = text[end...].firstIndex(of: "}").map { text.index(after: $0) } ?? text.endIndex
                }
            }
            tokens.append(String(text[index..<end]))
            index = end
        }
        return tokens
    }
}

extension String {
    /// `"` shown as `\"`, so a quoted payload stays readable.
    func replacingQuotes() -> String {
        guard contains("\"") else { return self }
        var out = ""
        for c in self { out += c == "\"" ? "\\\"" : String(c) }
        return out
    }
}
