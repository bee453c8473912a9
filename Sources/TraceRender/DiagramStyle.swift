import TraceEvents

/// How a diagram is drawn: language, characters, colour, width and whose side is traced.
public struct DiagramStyle: Sendable, Hashable {
    public static let minimumWidth = 60
    public static let maximumWidth = 240

    public var language: Language
    /// Pure ASCII: no box drawing, no accents, non-ASCII peer text escaped.
    public var ascii: Bool
    /// ANSI SGR colour codes.
    public var color: Bool
    /// Columns every line fits in (clamped to `minimumWidth...maximumWidth`).
    public var width: Int
    public var view: DiagramView

    public init(language: Language = .en, ascii: Bool = false, color: Bool = false, width: Int = 80,
                view: DiagramView = .both) {
        self.language = language
        self.ascii = ascii
        self.color = color
        self.width = min(max(width, DiagramStyle.minimumWidth), DiagramStyle.maximumWidth)
        self.view = view
    }

    public var glyphs: Glyphs { ascii ? .ascii : .unicode }

    /// A finished line as text: colour codes when on, pure ASCII when asked.
    public func text(of line: StyledLine) -> String {
        let text = line.rendered(color: color)
        return ascii ? AsciiText.fold(text) : text
    }

    /// Our own words in this style (folded to ASCII when asked).
    public func words(_ es: String, _ en: String) -> String {
        let text = language.pick(es: es, en: en)
        return ascii ? AsciiText.fold(text) : text
    }

    /// Text from outside (a payload preview, an address from a recording): never a raw control
    /// character, and in ASCII mode no character outside ASCII.
    public func outside(_ text: String) -> String {
        let safe = SafeText.sanitize(text)
        return ascii ? AsciiText.escapeNonASCII(safe) : safe
    }
}

/// Whose calls a diagram shows. A run of `trace` traces both programs; `trace server` or
/// `trace client` run alone trace one, and the other lifeline is the peer seen from the network.
public enum DiagramView: Sendable, Hashable {
    case both
    case only(TraceEvent.Actor)

    func traces(_ side: DiagramSide) -> Bool {
        switch self {
        case .both: return true
        case .only(let actor): return DiagramSide(actor) == side
        }
    }
}

/// The two lifelines: the client on the left, the server on the right.
public enum DiagramSide: Sendable, Hashable {
    case left, right

    init(_ actor: TraceEvent.Actor) { self = actor == .server ? .right : .left }

    var other: DiagramSide { self == .left ? .right : .left }
    var tone: Tone { self == .left ? .client : .server }
}
