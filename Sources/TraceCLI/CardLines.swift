import TraceRender
import TraceTeaching
import TraceText

/// A walkthrough card as lines of a given width. The full form gives each call its program and its
/// kernel under labels; the compact form (for a screen too short for the full one) runs each call's
/// two texts together without the label column. Both say everything the card says; calls explained in
/// the same words (four `close()` of four clients) are told once, with their count.
enum CardLines {
    enum Form: Sendable, CaseIterable {
        case full, compact
    }

    static func lines(of card: WalkthroughCard, style: DiagramStyle, width: Int, form: Form = .full) -> [String] {
        let l = style.language
        func ours(_ text: String) -> String { style.ascii ? AsciiText.fold(text) : text }
        func line(_ text: String, _ tone: Tone) -> String { style.text(of: StyledLine(text, tone)) }
        let mark = style.ascii ? "! " : "⚑ "
        let rule = style.ascii ? "=" : "━"
        var out: [String] = []
        let head = DisplayWidth.truncate(ours("\(rule)\(rule) \(card.title) "), to: width - 3, ellipsis: style.glyphs.ellipsis + " ")
        out.append(line(head + String(repeating: rule, count: max(width - DisplayWidth.of(head), 0)), .heading))
        let labels = [l.pick(es: "Programa", en: "Program"), l.pick(es: "Núcleo", en: "Kernel"),
                      l.pick(es: "Términos", en: "Terms")].map(ours)
        var told: [(call: CallExplanation, count: Int)] = []
        for call in card.calls {
            if let same = told.firstIndex(where: { $0.call == call }) { told[same].count += 1 } else { told.append((call, 1)) }
        }
        let several = told.count > 1 || told.first.map { $0.count > 1 } == true
        func name(_ call: CallExplanation, _ count: Int) -> String {
            count > 1 ? call.call + (style.ascii ? " x" : " ×") + String(count) : call.call
        }
        switch form {
        case .full:
            let labelWidth = labels.map(DisplayWidth.of).max()! + 2
            let hanging = String(repeating: " ", count: 2 + labelWidth)
            func labelled(_ label: String, _ text: String) {
                let first = "  " + label + String(repeating: " ", count: labelWidth - DisplayWidth.of(label))
                out += Wrap.lines(text, width: width, first: first, rest: hanging).map { line($0, .plain) }
            }
            for (call, count) in told {
                if several { out.append(line(ours("  " + name(call, count)), .payload)) }
                labelled(labels[0], ours(call.program))
                labelled(labels[1], ours(call.kernel))
            }
            if let note = card.kernelNote {
                out += Wrap.lines(ours(note), width: width, first: "  " + mark, rest: "    ").map { line($0, .stateClosing) }
            }
            if !card.termNames.isEmpty { labelled(labels[2], ours(card.termNames.joined(separator: " · "))) }
        case .compact:
            for (call, count) in told {
                let named = several ? name(call, count) + ": " : ""
                out += Wrap.lines(ours(named + call.program + " " + labels[1] + ": " + call.kernel), width: width,
                                  first: "  ", rest: "    ").map { line($0, .plain) }
            }
            if let note = card.kernelNote {
                out += Wrap.lines(ours(note), width: width, first: "  " + mark, rest: "    ").map { line($0, .stateClosing) }
            }
            if !card.termNames.isEmpty {
                out += Wrap.lines(ours(labels[2] + ": " + card.termNames.joined(separator: " · ")), width: width,
                                  first: "  ", rest: "    ").map { line($0, .plain) }
            }
        }
        return out
    }
}
