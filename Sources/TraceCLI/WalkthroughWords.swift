import TraceRender
import TraceTeaching
import TraceText

/// What a walkthrough screen says around its cards, line mode and full screen alike: the prompt, the
/// list of keys, the conductor's messages, the glossary's definitions. A live walk (`--step`) and the
/// stepping through a recording (`trace replay --step`) have keys of their own.
struct WalkthroughWords: Sendable {
    enum Keys: Sendable {
        /// `--step`: each key runs the next stop.
        case live
        /// `trace replay --step`: forward, back and jumps through what was recorded.
        case replay
    }

    let style: DiagramStyle
    let keys: Keys

    private var language: Language { style.language }

    /// The prompt under a card.
    var prompt: String {
        let text: String
        switch keys {
        case .live:
            text = language.pick(es: "Enter: ejecutar · g: glosario · a: todo · ?: teclas · q: salir",
                                 en: "Enter: run it · g: glossary · a: all · ?: keys · q: quit")
        case .replay:
            text = language.pick(es: "→: siguiente · ←: atrás · N Enter: paso N · g: glosario · ?: teclas · q: salir",
                                 en: "→: next · ←: back · N Enter: step N · g: glossary · ?: keys · q: quit")
        }
        return ours((style.ascii ? "> " : "▶ ") + text)
    }

    /// What each key does.
    var keyList: [String] {
        let l = language
        let rows: [(String, String)]
        switch keys {
        case .live:
            rows = [
                (l.pick(es: "Enter, espacio, n o →", en: "Enter, space, n or →"), l.pick(es: "ejecutar este paso", en: "run this step")),
                ("g", l.pick(es: "definiciones de los términos de este paso", en: "definitions of this step's terms")),
                ("a", l.pick(es: "ejecutar el resto sin pausas", en: "run the rest without pausing")),
                ("?", l.pick(es: "esta lista", en: "this list")),
                ("q", l.pick(es: "salir (cierra todos los sockets)", en: "quit (closes every socket)")),
                ("Ctrl-C", l.pick(es: "interrumpir", en: "interrupt")),
                ("Ctrl-Z", l.pick(es: "suspender (fg para seguir)", en: "suspend (fg to go on)")),
            ]
        case .replay:
            rows = [
                (l.pick(es: "→, Enter, espacio o n", en: "→, Enter, space or n"), l.pick(es: "la parada siguiente", en: "the next stop")),
                (l.pick(es: "← o p", en: "← or p"), l.pick(es: "la anterior (el diagrama vuelve atrás)", en: "the previous one (the diagram goes back)")),
                (l.pick(es: "Inicio, Fin", en: "Home, End"), l.pick(es: "la primera, la última", en: "the first, the last")),
                (l.pick(es: "un número y Enter", en: "a number, then Enter"), l.pick(es: "el paso con ese número", en: "the step with that number")),
                ("g", l.pick(es: "definiciones de los términos de esta parada", en: "definitions of this stop's terms")),
                ("?", l.pick(es: "esta lista", en: "this list")),
                ("q", l.pick(es: "salir", en: "quit")),
            ]
        }
        let column = 23
        return rows.map { key, what in
            ours("  " + key + String(repeating: " ", count: max(column - DisplayWidth.of(key), 1)) + what)
        }
    }

    /// A conductor's message, wrapped to `width`, with its tone.
    func lines(of message: WalkthroughMessage, width: Int) -> [StyledLine] {
        let l = language
        switch message {
        case .stillBlocked(let call):
            return wrapped(l.pick(es: "⋯ \(call) sigue esperando (bloqueada): continúa cuando el otro lado actúe.",
                                  en: "⋯ \(call) is still waiting (blocked): it goes on when the other side acts."),
                           width: width, tone: .faint)
        case .waitsForPeer(let call):
            return wrapped(l.pick(es: "⋯ \(call) espera al otro programa (q o Ctrl-C para salir)",
                                  en: "⋯ \(call) waits for the other program (q or Ctrl-C to quit)"),
                           width: width, tone: .faint)
        case .notice(let text):
            return wrapped(text, width: width, tone: .stateClosing)
        case .segments(let segments):
            return Wrap.lines(ours(segments.text), width: width, first: "  " + (style.ascii ? "<> " : "⇄ "), rest: "    ")
                .map { StyledLine($0, .faint) }
        case .kernelNow(let note):
            return Wrap.lines(ours(now(note)), width: width, first: "  " + mark, rest: "    ").map { StyledLine($0, .stateClosing) }
        }
    }

    /// What the kernel holds now, when a card's note stopped being true.
    func now(_ note: String) -> String { language.pick(es: "Ahora: ", en: "Now: ") + note }

    /// The mark before a note about the kernel.
    var mark: String { style.ascii ? "! " : "⚑ " }

    /// Glossary definitions, each wrapped to `width`.
    func lines(of definitions: [(name: String, text: String?)], width: Int) -> [String] {
        definitions.flatMap { name, text in
            let shown = text ?? language.pick(es: "(sin definición en el glosario)", en: "(no definition in the glossary)")
            return Wrap.lines(ours(name + ": " + shown), width: width, first: "  ", rest: "    ")
        }
    }

    private func wrapped(_ text: String, width: Int, tone: Tone) -> [StyledLine] {
        Wrap.lines(ours(text), width: width, first: "  ", rest: "    ").map { StyledLine($0, tone) }
    }

    /// Our own words, folded to ASCII when asked.
    func ours(_ text: String) -> String { style.ascii ? AsciiText.fold(text) : text }
}
