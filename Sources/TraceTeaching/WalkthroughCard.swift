import TraceRender

/// The card shown before a walkthrough stop: which side acts, which calls, what each does in the
/// program and in the kernel, what the kernel already did, and the glossary terms involved.
struct WalkthroughCard {
    var title: String
    var calls: [CallExplanation]
    var kernelNote: String?
    var terms: [String]

    /// The card as lines no wider than `style.width`.
    func lines(_ style: WalkthroughStyle, glossary: any TermLookup) -> [String] {
        let l = style.language
        let rule = style.diagram.ascii ? "=" : "━"
        var out: [String] = []
        let head = DisplayWidth.truncate(style.ours("\(rule)\(rule) \(title) "), to: style.width - 3,
                                         ellipsis: style.diagram.glyphs.ellipsis + " ")
        out.append(style.line(head + String(repeating: rule, count: style.width - DisplayWidth.of(head)), .heading))
        let labels = [l.pick(es: "Programa", en: "Program"), l.pick(es: "Núcleo", en: "Kernel"),
                      l.pick(es: "Términos", en: "Terms")].map(style.ours)
        let labelWidth = labels.map(DisplayWidth.of).max()! + 2
        let hanging = String(repeating: " ", count: 2 + labelWidth)
        func labelled(_ label: String, _ text: String) {
            let first = "  " + label + String(repeating: " ", count: labelWidth - DisplayWidth.of(label))
            out += Wrap.lines(text, width: style.width, first: first, rest: hanging).map { style.line($0, .plain) }
        }
        for call in calls {
            if calls.count > 1 { out.append(style.line("  " + call.call, .payload)) }
            labelled(labels[0], style.ours(call.program))
            labelled(labels[1], style.ours(call.kernel))
        }
        if let kernelNote {
            let mark = style.diagram.ascii ? "! " : "⚑ "
            out += Wrap.lines(style.ours(kernelNote), width: style.width, first: "  " + mark, rest: "    ")
                .map { style.line($0, .stateClosing) }
        }
        if !terms.isEmpty {
            labelled(labels[2], style.ours(terms.map { glossary.name(of: $0, in: l) }.joined(separator: " · ")))
        }
        return out
    }
}

/// How walkthrough text looks: the diagram's style (language, width, ASCII, colour), and whether the
/// prompt line may be erased once answered (only on a terminal).
public struct WalkthroughStyle: Sendable {
    public var diagram: DiagramStyle
    public var erasesPrompt: Bool

    public init(diagram: DiagramStyle, erasesPrompt: Bool = false) {
        self.diagram = diagram
        self.erasesPrompt = erasesPrompt
    }

    public init(language: Language, width: Int = 80) {
        self.init(diagram: DiagramStyle(language: language, width: width))
    }

    var language: Language { diagram.language }
    var width: Int { diagram.proseWidth }

    /// Our own words, folded to ASCII when asked.
    func ours(_ text: String) -> String { diagram.ascii ? AsciiText.fold(text) : text }

    /// A finished line in a tone (coloured when colour is on).
    func line(_ text: String, _ tone: Tone) -> String { diagram.text(of: StyledLine(text, tone)) }
}

/// Looks glossary terms up for cards; the glossary provides the real one.
public protocol TermLookup: Sendable {
    /// The term's name in `language` (the English name when unknown).
    func name(of term: String, in language: Language) -> String
    /// The term's definition in `language`, if the glossary has it.
    func definition(of term: String, in language: Language) -> String?
}

/// A lookup that knows no definitions: terms are shown by their English names.
public struct NoGlossary: TermLookup {
    public init() {}
    public func name(of term: String, in language: Language) -> String { term }
    public func definition(of term: String, in language: Language) -> String? { nil }
}
