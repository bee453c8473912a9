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
        let rule = style.ascii ? "=" : "━"
        var out: [String] = []
        let head = DisplayWidth.truncate("\(rule)\(rule) \(title) ", to: style.width - 3, ellipsis: style.ascii ? "... " : "… ")
        out.append(style.bold(head + String(repeating: rule, count: style.width - TextWrap.width(head))))
        let programLabel = l.pick(es: "Programa", en: "Program")
        let kernelLabel = l.pick(es: "Núcleo", en: "Kernel")
        let termsLabel = l.pick(es: "Términos", en: "Terms")
        let labelWidth = [programLabel, kernelLabel, termsLabel].map(TextWrap.width).max()! + 2
        func labelled(_ label: String, _ text: String) {
            let pad = String(repeating: " ", count: labelWidth - TextWrap.width(label))
            out += TextWrap.wrap(text, width: style.width, firstPrefix: "  " + style.dim(label) + pad,
                                 firstPrefixWidth: 2 + labelWidth, prefix: String(repeating: " ", count: 2 + labelWidth))
        }
        for call in calls {
            if calls.count > 1 { out.append("  " + style.bold(call.call)) }
            labelled(programLabel, call.program)
            labelled(kernelLabel, call.kernel)
        }
        if let kernelNote {
            let mark = style.ascii ? "! " : "⚑ "
            out += TextWrap.wrap(kernelNote, width: style.width, firstPrefix: "  " + style.highlight(mark),
                                 firstPrefixWidth: 4, prefix: "    ")
        }
        if !terms.isEmpty {
            labelled(termsLabel, terms.map { glossary.name(of: $0, in: l) }.joined(separator: " · "))
        }
        return out
    }
}

/// How walkthrough text looks: language, width, plain ASCII or not, colour or not.
public struct WalkthroughStyle: Sendable {
    public var language: Language
    public var width: Int
    public var ascii: Bool
    public var color: Bool
    /// Whether the prompt line may be erased once answered (only on a terminal).
    public var erasesPrompt: Bool

    public init(language: Language, width: Int = 80, ascii: Bool = false, color: Bool = false, erasesPrompt: Bool = false) {
        self.language = language
        self.width = max(width, 40)
        self.ascii = ascii
        self.color = color
        self.erasesPrompt = erasesPrompt
    }

    func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    func highlight(_ text: String) -> String { color ? "\u{1B}[33m\(text)\u{1B}[0m" : text }
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

/// Word wrapping by terminal columns.
enum TextWrap {
    static func width(_ text: String) -> Int { DisplayWidth.of(text) }

    /// `text` broken at spaces into lines of at most `width` columns, the first one starting with
    /// `firstPrefix` (which takes `firstPrefixWidth` columns, escapes aside), the others with `prefix`.
    static func wrap(_ text: String, width: Int, firstPrefix: String, firstPrefixWidth: Int, prefix: String) -> [String] {
        var lines: [String] = []
        var current = firstPrefix
        var used = firstPrefixWidth
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let w = DisplayWidth.of(word)
            if lineHasWord && used + 1 + w > width {
                lines.append(current)
                current = prefix
                used = DisplayWidth.of(prefix)
                lineHasWord = false
            }
            if lineHasWord { current += " "; used += 1 }
            current += word
            used += w
            lineHasWord = true
        }
        lines.append(current)
        return lines
    }
}
