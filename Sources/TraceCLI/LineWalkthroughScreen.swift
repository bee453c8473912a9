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
    let words: WalkthroughWords

    init(style: DiagramStyle, output: any TextOutput, erasesPrompt: Bool, keys: WalkthroughWords.Keys = .live) {
        self.style = style
        self.output = output
        self.erasesPrompt = erasesPrompt
        words = WalkthroughWords(style: style, keys: keys)
    }

    private var width: Int { style.proseWidth }

    func show(_ card: WalkthroughCard) {
        output.write(CardLines.lines(of: card, style: style, width: width).joined(separator: "\n") + "\n")
    }

    func prompt() {
        output.write(line(words.prompt, .faint) + "\n")
    }

    func promptAnswered() {
        if erasesPrompt { output.write("\u{1B}[1A\u{1B}[2K") }
    }

    func showDefinitions(_ definitions: [(name: String, text: String?)]) {
        output.write(words.lines(of: definitions, width: width).map { line($0, .plain) }.joined(separator: "\n") + "\n")
    }

    func showKeys() {
        output.write(words.keyList.map { line($0, .plain) }.joined(separator: "\n") + "\n")
    }

    func show(_ message: WalkthroughMessage) {
        output.write(words.lines(of: message, width: width).map(style.text(of:)).joined(separator: "\n") + "\n")
    }

    private func line(_ text: String, _ tone: Tone) -> String { style.text(of: StyledLine(text, tone)) }
}
