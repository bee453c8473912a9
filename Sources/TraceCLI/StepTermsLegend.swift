import TracePrograms
import TraceText
import TraceRender
import TraceTeaching

/// `Terms, step by step`, under a diagram: a line per step, then its terms' names, wrapped to the
/// diagram's width.
enum StepTermsLegend {
    static func lines(_ legend: [(step: Int, names: [String])], style: DiagramStyle) -> [String] {
        var lines = style.paragraph(style.words("Términos, paso a paso (trace glossary TÉRMINO):",
                                                "Terms, step by step (trace glossary TERM):"), tone: .heading)
        let labels = legend.map { style.words("paso \($0.step):", "step \($0.step):") }
        let width = labels.map(DisplayWidth.of).max() ?? 0
        for ((_, names), label) in zip(legend, labels) where !names.isEmpty {
            let text = names.joined(separator: " · ")
            lines += Wrap.lines(style.ascii ? AsciiText.fold(text) : text, width: style.proseWidth,
                                first: " " + label + String(repeating: " ", count: width - DisplayWidth.of(label) + 1),
                                rest: String(repeating: " ", count: width + 2))
                .map { style.text(of: StyledLine($0)) }
        }
        return lines
    }

    /// The seed lesson's legend (what `trace` shows, and `trace replay` for a recording of it).
    static func seed(_ language: Language) -> [(step: Int, names: [String])] { StepTerms.seedLegend(language) }
}
