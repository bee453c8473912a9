import TraceCore
import TraceModel
import TraceText
import TraceRowText

/// How a diagram is drawn: language, characters, colour and width.
public struct DiagramStyle: Sendable, Hashable {
    public static let minimumWidth = 40
    public static let maximumWidth = 240

    public var language: Language
    /// Pure ASCII: no box drawing, no accents, non-ASCII peer text escaped.
    public var ascii: Bool
    /// ANSI SGR colour codes.
    public var color: Bool
    /// Columns every line fits in (clamped to `minimumWidth...maximumWidth`).
    public var width: Int

    public init(language: Language = .en, ascii: Bool = false, color: Bool = false, width: Int = 80) {
        self.language = language
        self.ascii = ascii
        self.color = color
        self.width = min(max(width, DiagramStyle.minimumWidth), DiagramStyle.maximumWidth)
    }

    public var glyphs: Glyphs { ascii ? .ascii : .unicode }

    /// A finished line as text: colour codes when on, pure ASCII when asked.
    public func text(of line: StyledLine) -> String {
        let text = line.rendered(color: color)
        return ascii ? AsciiText.fold(text) : text
    }

    /// `text(of:)` without its trailing spaces, appended to `text`.
    func append(_ line: StyledLine, to text: inout String) {
        guard !color, !ascii else {
            text += self.text(of: line).trimmingTrailingSpaces()
            return
        }
        let start = text.utf8.count
        for span in line.spans { text += span.text }
        while text.utf8.count > start, text.last == " " { text.removeLast() }
    }

    /// How the words are chosen: this style's language and ASCII, short byte counts below 80 columns.
    public var wording: Wording { Wording(language: language, ascii: ascii, compactBytes: width < 80) }

    /// Our own words in this style (folded to ASCII when asked).
    public func words(_ es: String, _ en: String) -> String { wording.words(es, en) }

    /// Text from outside (a payload preview, an address from a recording): never a raw control
    /// character, and in ASCII mode no character outside ASCII.
    public func outside(_ text: String) -> String { wording.outside(text) }
}

extension Side {
    var tone: Tone { self == .left ? .client : .server }
}
