import TraceText
/// What a piece of a line is, so that colour (when on) can tell the parts apart.
public enum Tone: Sendable, Hashable {
    case plain
    case client
    case server
    case stepNumber
    case payload
    /// A TCP state the socket has just entered.
    case stateChanged
    /// A TCP state the socket was already in.
    case stateSteady
    /// A state that means an end is under way (`CLOSE_WAIT`, `FIN_WAIT2`, ...).
    case stateClosing
    case error
    case faint
    case heading

    /// ANSI SGR parameters; nil for plain text.
    var sgr: String? {
        switch self {
        case .plain: return nil
        case .client: return "36"
        case .server: return "35"
        case .stepNumber, .heading: return "1"
        case .payload: return "1"
        case .stateChanged: return "32"
        case .stateSteady, .faint: return "2"
        case .stateClosing: return "33"
        case .error: return "1;31"
        }
    }
}

/// A line made of toned pieces. Its width is counted on the text alone, never on colour codes.
public struct StyledLine: Sendable, Hashable {
    public private(set) var spans: [(text: String, tone: Tone)] = []
    public private(set) var width = 0

    public init() {}

    public init(_ text: String, _ tone: Tone = .plain) { append(text, tone) }

    /// An empty line with room for `spans` pieces.
    init(capacity spans: Int) { self.spans.reserveCapacity(spans) }

    public mutating func append(_ text: String, _ tone: Tone = .plain) {
        append(text, tone, width: DisplayWidth.of(text))
    }

    /// `text` whose width is already known.
    mutating func append(_ text: String, _ tone: Tone, width columns: Int) {
        guard !text.isEmpty else { return }
        spans.append((text, tone))
        width += columns
    }

    public mutating func append(_ other: StyledLine) {
        spans += other.spans
        width += other.width
    }

    public mutating func pad(to columns: Int) {
        if columns > width { append(Runs.spaces(columns - width), .plain, width: columns - width) }
    }

    public var plainText: String {
        var count = 0
        for span in spans { count += span.text.utf8.count }
        // One copy of each piece's bytes into the line's own storage.
        return String(unsafeUninitializedCapacity: count) { buffer in
            var end = 0
            for span in spans {
                var text = span.text
                text.withUTF8 { bytes in
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[end...]).initialize(from: bytes)
                    end += bytes.count
                }
            }
            return end
        }
    }

    /// The text, with SGR colour codes around toned pieces when `color` is on.
    public func rendered(color: Bool) -> String {
        guard color else { return plainText }
        var out = ""
        for span in spans {
            if let sgr = span.tone.sgr, span.text.contains(where: { $0 != " " }) {
                out += "\u{1B}[" + sgr + "m" + span.text + "\u{1B}[0m"
            } else {
                out += span.text
            }
        }
        return out
    }

    public static func == (a: StyledLine, b: StyledLine) -> Bool {
        a.spans.count == b.spans.count && zip(a.spans, b.spans).allSatisfy { $0.text == $1.text && $0.tone == $1.tone }
    }

    public func hash(into hasher: inout Hasher) {
        for span in spans { hasher.combine(span.text); hasher.combine(span.tone) }
    }
}

extension String {
    /// The text without ANSI SGR colour codes: what a coloured line says.
    public var withoutSGR: String {
        guard contains("\u{1B}") else { return self }
        var out = ""
        var inEscape = false
        for scalar in unicodeScalars {
            if inEscape { if scalar == "m" { inEscape = false }; continue }
            if scalar == "\u{1B}" { inEscape = true; continue }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}

extension String {
    /// The columns a coloured line takes on the screen (its SGR codes take none).
    public var displayWidthWithoutSGR: Int { DisplayWidth.of(withoutSGR) }

    /// The coloured line's first `columns` columns, its SGR codes kept; a line that was cut ends with
    /// every colour turned off, so nothing leaks into what follows it.
    public func prefix(fittingColumns columns: Int) -> String {
        guard displayWidthWithoutSGR > columns else { return self }
        var out = ""
        var used = 0
        var inEscape = false
        var coloured = false
        for character in self {
            if inEscape {
                out.append(character)
                if character == "m" { inEscape = false }
                continue
            }
            if character == "\u{1B}" {
                inEscape = true
                coloured = true
                out.append(character)
                continue
            }
            let width = DisplayWidth.of(String(character))
            if used + width > columns { break }
            used += width
            out.append(character)
        }
        return coloured ? out + "\u{1B}[0m" : out
    }
}
