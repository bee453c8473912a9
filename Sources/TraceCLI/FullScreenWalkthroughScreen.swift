import Synchronization
import TraceCore
import TraceRender
import TraceTeaching
import TraceTerminal
import TraceText

/// The walkthrough on the whole terminal, for a class: the diagram so far on top with its lifeline
/// header always visible, the current card below it, the prompt on the last row; redrawn whenever
/// something changes, on a resize (SIGWINCH) and after `fg` (SIGCONT). It draws on the alternate
/// screen, so the shell's screen is untouched; at the end it goes back and writes the title and the
/// complete diagram there, where they can be scrolled back after the class.
final class FullScreenWalkthroughScreen: WalkthroughScreen {
    let style: DiagramStyle
    let words: WalkthroughWords
    private let output: any TextOutput
    private let currentSize: @Sendable () -> TerminalSize?
    private let title: String?
    /// Draws the diagram so far again at a width, for a terminal that changed size; nil when the
    /// diagram keeps the width it was asked for (`--width`).
    private let redraw: (@Sendable (Int, ([String]) -> Void) -> Void)?
    private let state: Mutex<State>

    private struct State {
        var size: TerminalSize
        var diagram: [String] = []
        /// The width the diagram's lines were drawn at.
        var diagramWidth: Int
        var card: WalkthroughCard?
        /// What the kernel holds now, in place of the card's note.
        var now: String?
        /// Definitions or the keys, in place of the card's text until the next key.
        var overlay: Overlay?
        /// The conductor's messages, under the card: until the next key, or until the next card.
        var messages: [(message: WalkthroughMessage, untilCard: Bool)] = []
        var prompting = false
        /// Said before the prompt (a replay's position).
        var position: String?
        var active = false
        /// Left for a while (the process stops itself): nothing is drawn until `resume()`.
        var suspended = false
        var ended = false
    }

    private enum Overlay {
        case definitions([(name: String, text: String?)])
        case keys
    }

    /// `title` is written above the diagram at the end, as it is; `size` is read again on each resize,
    /// and `redraw` (when the diagram follows the terminal's width) draws the diagram again for it.
    init(style: DiagramStyle, output: any TextOutput, keys: WalkthroughWords.Keys, title: String?,
         size: @escaping @Sendable () -> TerminalSize?, redraw: (@Sendable (Int, ([String]) -> Void) -> Void)? = nil) {
        self.style = style
        words = WalkthroughWords(style: style, keys: keys)
        self.output = output
        currentSize = size
        self.title = title
        self.redraw = redraw
        state = Mutex(State(size: size() ?? TerminalSize(columns: style.width, rows: 24), diagramWidth: style.width))
    }

    /// Where the diagram's lines go instead of the terminal.
    var diagramOutput: any TextOutput {
        DiagramCapture { [self] lines in
            update { $0.diagram += lines }
        }
    }

    // MARK: - The screen's life

    /// Switches to the alternate screen and draws the first frame.
    func begin() {
        state.withLock { s in
            guard !s.active, !s.ended else { return }
            s.active = true
            output.write(ScreenControl.enterAlternateScreen + ScreenControl.clearScreen + frame(s))
        }
    }

    /// The terminal changed size: read it again and draw everything anew, the diagram too when it
    /// follows the terminal's width.
    func resize() {
        guard let size = currentSize() else { return }
        let width = DiagramStyle(width: size.columns).width
        if let redraw, width != state.withLock({ $0.diagramWidth }) {
            // Under the diagram's own lock: no line drawn at the old width can come after these.
            redraw(width) { lines in
                state.withLock { s in
                    s.diagram = lines
                    s.diagramWidth = width
                }
            }
        }
        state.withLock { s in
            s.size = size
            guard s.active, !s.suspended else { return }
            output.write(ScreenControl.clearScreen + frame(s))
        }
    }

    /// Gives the shell its screen back for a while (Ctrl-Z): `resume()` draws it all again.
    func suspend() {
        state.withLock { s in
            guard s.active, !s.suspended else { return }
            s.suspended = true
            output.write(ScreenControl.leaveAlternateScreen + ScreenControl.showCursor)
        }
    }

    /// The process goes on after a stop: the shell may have drawn on the terminal meanwhile.
    func resume() {
        let size = currentSize()
        state.withLock { s in
            if let size { s.size = size }
            s.suspended = false
            guard s.active else { return }
            output.write(ScreenControl.enterAlternateScreen + ScreenControl.clearScreen + frame(s))
        }
    }

    /// Back to the shell's screen, the cursor shown again; then the title and the whole diagram so far,
    /// written as ordinary lines. Once only; safe on every way out.
    func end() {
        state.withLock { s in
            guard !s.ended else { return }
            s.ended = true
            var text = s.active && !s.suspended ? ScreenControl.leaveAlternateScreen + ScreenControl.showCursor : ""
            s.active = false
            if let title { text += title }
            if !s.diagram.isEmpty { text += s.diagram.joined(separator: "\n") + "\n" }
            output.write(text)
        }
    }

    /// Replaces the diagram (a recording shown up to some stop).
    func setDiagram(_ lines: [String], position: String?) {
        update { s in
            s.diagram = lines
            s.position = position
        }
    }

    // MARK: - WalkthroughScreen

    func show(_ card: WalkthroughCard) {
        update { s in
            s.card = card
            s.now = nil
            s.overlay = nil
            s.messages.removeAll { $0.untilCard }
        }
    }

    func prompt() { update { $0.prompting = true } }

    func promptAnswered() {
        update { s in
            s.prompting = false
            s.overlay = nil
            s.messages.removeAll { !$0.untilCard }
        }
    }

    func showDefinitions(_ definitions: [(name: String, text: String?)]) { update { $0.overlay = .definitions(definitions) } }

    func showKeys() { update { $0.overlay = .keys } }

    func show(_ message: WalkthroughMessage) {
        update { s in
            switch message {
            case .kernelNow(let note): s.now = note
            case .waitsForPeer: s.messages.append((message, untilCard: true))
            case .stillBlocked, .notice, .segments: s.messages.append((message, untilCard: false))
            }
        }
    }

    func showKernelNow(_ note: String) { update { $0.now = note } }

    // MARK: - Drawing

    private func update(_ change: (inout State) -> Void) {
        state.withLock { s in
            change(&s)
            if s.active && !s.suspended { output.write(frame(s)) }
        }
    }

    /// The card (or what replaces its text), then the messages under it, in each form: no wider than
    /// the diagram, nor than the screen.
    private func cardForms(_ s: State) -> [[String]] {
        let style = DiagramStyle(language: self.style.language, ascii: self.style.ascii, color: self.style.color,
                                 width: min(s.size.columns, s.diagramWidth))
        let width = min(style.proseWidth, s.size.columns)
        let messages = s.messages.flatMap { words.lines(of: $0.message, width: width) }.map(style.text(of:))
        guard var card = s.card else { return [messages] }
        if let now = s.now { card.kernelNote = words.now(now) }
        let overlay: [String]?
        switch s.overlay {
        case .definitions(let definitions)?: overlay = words.lines(of: definitions, width: width)
        case .keys?: overlay = words.keyList
        case nil: overlay = nil
        }
        return CardLines.Form.allCases.map { form in
            var lines = CardLines.lines(of: card, style: style, width: width, form: form)
            if let overlay { lines = [lines[0]] + overlay.map { style.text(of: StyledLine($0)) } }
            return lines + messages
        }
    }

    private func frame(_ s: State) -> String {
        let header = Array(s.diagram.prefix(DiagramRenderer.headerLineCount))
        let body = Array(s.diagram.dropFirst(DiagramRenderer.headerLineCount))
        let cut = style.text(of: StyledLine(words.ours(style.glyphs.ellipsis + " " + style.language.pick(
            es: "(la tarjeta no cabe entera: agranda el terminal)", en: "(the card does not fit whole: enlarge the terminal)")), .faint))
        var status = s.prompting ? words.prompt : ""
        if let position = s.position { status = position + (status.isEmpty ? "" : " " + status) }
        let frame = ScreenFrame(height: s.size.rows, header: header, body: body, cardForms: cardForms(s), cut: cut,
                                status: style.text(of: StyledLine(status, .faint)))
        let columns = s.size.columns
        var out = ScreenControl.hideCursor
        for (index, row) in frame.rows.enumerated() {
            // The last row stops short of the last column: writing there could scroll the screen.
            let room = index == frame.rows.count - 1 ? columns - 1 : columns
            let fitted = row.prefix(fittingColumns: room)
            out += ScreenControl.moveTo(row: index + 1) + fitted
            // A row that fills the line leaves the cursor on its last character, which some terminals
            // would erase: only a shorter row needs the rest of its line cleared.
            if fitted.displayWidthWithoutSGR < columns { out += ScreenControl.clearToEndOfLine }
        }
        return out
    }
}
