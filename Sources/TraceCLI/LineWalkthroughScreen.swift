import TracePrograms
import TraceCore
import TraceRender
import TraceTeaching
import TraceText

/// The walkthrough on a scrolling terminal (or a pipe): each card, then the diagram's lines as the
/// step runs, one after another. On a terminal read key by key, the prompt line is erased once answered.
final class LineWalkthroughScreen: WalkthroughScreen {
    let style: DiagramStyle
    let output: any TextOutput
    let erasesPrompt: Bool

    init(style: DiagramStyle, output: any TextOutput, erasesPrompt: Bool) {
        self.style = style
        self.output = output
        self.erasesPrompt = erasesPrompt
    }

    private var language: Language { style.language }
    private var width: Int { style.proseWidth }

    func show(_ card: WalkthroughCard) {
        output.write(Self.lines(of: card, style: style).joined(separator: "\n") + "\n")
    }

    func prompt() {
        output.write(line(ours((style.ascii ? "> " : "▶ ") + language.pick(
            es: "Enter: ejecutar · g: glosario · a: todo · ?: teclas · q: salir",
            en: "Enter: run it · g: glossary · a: all · ?: keys · q: quit")), .faint) + "\n")
    }

    func promptAnswered() {
        if erasesPrompt { output.write("\u{1B}[1A\u{1B}[2K") }
    }

    func showDefinitions(_ definitions: [(name: String, text: String?)]) {
        var lines: [String] = []
        for (name, text) in definitions {
            let shown = text ?? language.pick(es: "(sin definición en el glosario)", en: "(no definition in the glossary)")
            lines += Wrap.lines(ours(name + ": " + shown), width: width, first: "  ", rest: "    ").map { line($0, .plain) }
        }
        output.write(lines.joined(separator: "\n") + "\n")
    }

    func showKeys() {
        let l = language
        let lines = [
            l.pick(es: "  Enter, espacio, n o →  ejecutar este paso", en: "  Enter, space, n or →  run this step"),
            l.pick(es: "  g                      definiciones de los términos de este paso", en: "  g                      definitions of this step's terms"),
            l.pick(es: "  a                      ejecutar el resto sin pausas", en: "  a                      run the rest without pausing"),
            l.pick(es: "  ?                      esta lista", en: "  ?                      this list"),
            l.pick(es: "  q                      salir (cierra todos los sockets)", en: "  q                      quit (closes every socket)"),
            l.pick(es: "  Ctrl-C                 interrumpir", en: "  Ctrl-C                 interrupt"),
        ].map { line(ours($0), .plain) }
        output.write(lines.joined(separator: "\n") + "\n")
    }

    func show(_ message: WalkthroughMessage) {
        let l = language
        let text: String
        let tone: Tone
        switch message {
        case .stillBlocked(let call):
            text = l.pick(es: "  ⋯ \(call) sigue esperando (bloqueada): continúa cuando el otro lado actúe.",
                          en: "  ⋯ \(call) is still waiting (blocked): it goes on when the other side acts.")
            tone = .faint
        case .waitsForPeer(let call):
            text = l.pick(es: "  ⋯ \(call) espera al otro programa (q o Ctrl-C para salir)",
                          en: "  ⋯ \(call) waits for the other program (q or Ctrl-C to quit)")
            tone = .faint
        case .segments(let segments):
            return marked(segments.text, mark: style.ascii ? "<> " : "⇄ ", .faint)
        case .kernelNow(let note):
            return marked(l.pick(es: "Ahora: ", en: "Now: ") + note, mark: style.ascii ? "! " : "⚑ ", .stateClosing)
        }
        output.write(line(ours(text), tone) + "\n")
    }

    /// A paragraph after a mark, wrapped under itself.
    private func marked(_ text: String, mark: String, _ tone: Tone) {
        let lines = Wrap.lines(ours(text), width: width, first: "  " + mark, rest: "    ")
        output.write(lines.map { line($0, tone) }.joined(separator: "\n") + "\n")
    }

    /// A card as lines no wider than the diagram.
    static func lines(of card: WalkthroughCard, style: DiagramStyle) -> [String] {
        let l = style.language, width = style.proseWidth
        func ours(_ text: String) -> String { style.ascii ? AsciiText.fold(text) : text }
        func line(_ text: String, _ tone: Tone) -> String { style.text(of: StyledLine(text, tone)) }
        let rule = style.ascii ? "=" : "━"
        var out: [String] = []
        let head = DisplayWidth.truncate(ours("\(rule)\(rule) \(card.title) "), to: width - 3, ellipsis: style.glyphs.ellipsis + " ")
        out.append(line(head + String(repeating: rule, count: max(width - DisplayWidth.of(head), 0)), .heading))
        let labels = [l.pick(es: "Programa", en: "Program"), l.pick(es: "Núcleo", en: "Kernel"),
                      l.pick(es: "Términos", en: "Terms")].map(ours)
        let labelWidth = labels.map(DisplayWidth.of).max()! + 2
        let hanging = String(repeating: " ", count: 2 + labelWidth)
        func labelled(_ label: String, _ text: String) {
            let first = "  " + label + String(repeating: " ", count: labelWidth - DisplayWidth.of(label))
            out += Wrap.lines(text, width: width, first: first, rest: hanging).map { line($0, .plain) }
        }
        for call in card.calls {
            if card.calls.count > 1 { out.append(line("  " + call.call, .payload)) }
            labelled(labels[0], ours(call.program))
            labelled(labels[1], ours(call.kernel))
        }
        if let note = card.kernelNote {
            let mark = style.ascii ? "! " : "⚑ "
            out += Wrap.lines(ours(note), width: width, first: "  " + mark, rest: "    ").map { line($0, .stateClosing) }
        }
        if !card.termNames.isEmpty { labelled(labels[2], ours(card.termNames.joined(separator: " · "))) }
        return out
    }

    private func ours(_ text: String) -> String { style.ascii ? AsciiText.fold(text) : text }
    private func line(_ text: String, _ tone: Tone) -> String { style.text(of: StyledLine(text, tone)) }
}
