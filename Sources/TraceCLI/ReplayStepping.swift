import Synchronization
import TraceCore
import TraceModel
import TraceRender
import TraceTeaching
import TraceTerminal
import TraceText

/// `trace replay FILE --step`: forward and back through a recording, stop by stop, with the
/// walkthrough's cards (what each call does; the kernel's view as recorded). On a terminal the whole
/// screen shows the diagram up to the current stop with its card under it, and going back draws the
/// diagram again only so far; from a pipe each line is one word (`n`, `p`, `home`, `end`, a step
/// number, `g`, `?`, `q`; an empty line is `n`).
final class ReplayStepping: Sendable {
    private let display: DisplayOptions
    private let context: CommandContext
    private let title: String
    private let events: [TraceEvent]
    private let header: TraceHeader?
    private let rows: [Row]
    private let view: DiagramView
    private let stops: ReplayStops
    private let glossary: any TermLookup
    private let cards: RecordedCards
    /// The diagram as drawn for the screen's width, and the stop shown (a resize draws it again).
    private let state: Mutex<(drawing: DiagramDrawing, width: Int, position: Int, typed: String)>

    init(events: [TraceEvent], display: DisplayOptions, context: CommandContext, title: String) {
        self.display = display
        self.context = context
        self.title = title
        self.events = events
        header = events.first?.header
        var builder = DiagramBuilder(options: DiagramOptions(plan: StepPlan(deriving: events)))
        var rows: [Row] = []
        for event in events { rows += builder.add(event) }
        rows += builder.finish()
        self.rows = rows
        view = builder.options.view
        stops = ReplayStops(rows: rows)
        let terms = Self.terms(planID: header?.plan?.id)
        glossary = terms.glossary
        cards = RecordedCards(events: events, language: display.language, glossary: terms.glossary, lessonTerms: terms.lessonTerms)
        state = Mutex((DiagramRenderer.drawing(of: rows, view: builder.options.view, style: display.style),
                       display.style.width, 0, ""))
    }

    /// The glossary and a lesson's own terms, for the plan the recording followed.
    private static func terms(planID: String?) -> StepTerms {
        guard let id = planID, id.hasPrefix(LessonPlan.prefix), let library = try? BuiltInLessons.library(),
              let lesson = library.lesson(String(id.dropFirst(LessonPlan.prefix.count)), language: .en) else {
            return planID == "seed" ? TeachingGlossary.seedTerms : StepTerms(glossary: TeachingGlossary.lookup)
        }
        return StepTerms(glossary: library.glossary, lessonTerms: lesson.stepTerms)
    }

    func run() throws(CommandFailure) -> Int32 {
        let style = display.style
        guard stops.count > 0 else {
            context.output.write(style.words("La grabación no tiene llamadas que recorrer.", "The recording has no calls to step through.") + "\n")
            return ExitStatus.success
        }
        let keyboard = context.inputIsTerminal ? KeyboardMode(fd: context.inputFD) : nil
        defer { keyboard?.restore() }
        let fullScreen = keyboard != nil && context.canDrawFullScreen
            ? FullScreenWalkthroughScreen(style: style, output: context.output, keys: .replay, title: display.title(title),
                                          size: context.terminalSize)
            : nil
        let input = SignalledKeys(KeyInput(fd: context.inputFD, readsKeys: keyboard != nil),
                                  suspend: JobControl.suspender(keyboard, fullScreen))
        let signals = SignalWatcher { input.deliver(signal: $0) }
        defer { signals.cancel() }
        let screen: any WalkthroughScreen = fullScreen
            ?? LineWalkthroughScreen(style: style, output: context.output, erasesPrompt: keyboard != nil && context.outputIsTerminal,
                                     keys: .replay)
        let screenSignals = SignalWatcher(signals: [SignalWatcher.resize, SignalWatcher.resume]) { [self] number in
            if number == SignalWatcher.resume {
                keyboard?.resume()
                fullScreen?.resume()
            } else if let fullScreen {
                resized(fullScreen)
            }
        }
        defer { screenSignals.cancel() }
        if let fullScreen { fullScreen.begin() } else { context.output.write(display.title(title)) }
        defer { fullScreen?.end() }

        let status = walk(screen: screen, fullScreen: fullScreen, input: input)
        if let fullScreen {
            // The whole recording is left on the terminal, as `trace replay` draws it.
            fullScreen.setDiagram(state.withLock { $0.drawing.all }, position: nil)
            fullScreen.end()
            for block in RunClosing.blocks(header: header, events: events, display: display) where !block.isEmpty {
                context.output.write("\n" + block.joined(separator: "\n") + "\n")
            }
        }
        return status
    }

    // MARK: - Moving

    private func walk(screen: any WalkthroughScreen, fullScreen: FullScreenWalkthroughScreen?, input: SignalledKeys) -> Int32 {
        let l = display.language
        show(0, after: nil, screen: screen, fullScreen: fullScreen)
        for _ in 0..<10_000_000 {
            let move: ReplayMove
            switch input.next() {
            case .key(let key)?: move = ReplayKeys.command(for: key)
            case .signal(let number)?: move = .signal(number)
            case .endOfInput?, nil: move = .endOfInput
            case .nothing?: continue
            }
            let (position, typed) = state.withLock { ($0.position, $0.typed) }
            if case .digit = move {} else if case .eraseDigit = move {} else {
                state.withLock { $0.typed = "" }
            }
            screen.promptAnswered()
            var target: Int?
            switch move {
            case .next: target = position + 1
            case .previous: target = position - 1
            case .first: target = 0
            case .last: target = stops.count - 1
            case .enter: target = typed.isEmpty ? position + 1 : Int(typed).flatMap(stops.index(ofStep:)) ?? -2
            case .jump(let step): target = stops.index(ofStep: step) ?? -2
            case .digit(let digit):
                state.withLock { $0.typed += String(digit) }
                refreshPosition(fullScreen)
            case .eraseDigit:
                state.withLock { _ = $0.typed.popLast() }
                refreshPosition(fullScreen)
            case .glossary:
                let card = self.card(position)
                screen.showDefinitions(card.terms.map {
                    (glossary.name(of: $0, in: l), glossary.definition(of: $0, in: l).map(GlossaryParser.plainText))
                })
            case .help, .unknown: screen.showKeys()
            case .quit, .endOfInput: return ExitStatus.success
            case .interrupt: return ExitStatus.interrupted
            case .signal(let number):
                return number == SignalWatcher.interrupt ? ExitStatus.interrupted : ExitStatus.signalled(number)
            }
            if let target {
                if target == -2 {
                    let asked = typedStep(move, typed)
                    let steps = stops.numbered.map(String.init).joined(separator: ", ")
                    screen.show(.notice(l.pick(es: "Esta grabación no tiene paso \(asked) (tiene: \(steps)).",
                                               en: "This recording has no step \(asked) (it has: \(steps)).")))
                } else if target >= stops.count {
                    screen.show(.notice(l.pick(es: "Es la última parada: q para salir.", en: "This is the last stop: q quits.")))
                } else if target < 0 {
                    screen.show(.notice(l.pick(es: "Es la primera parada.", en: "This is the first stop.")))
                } else {
                    show(target, after: position, screen: screen, fullScreen: fullScreen)
                    continue
                }
            }
            screen.prompt()
        }
        return ExitStatus.success
    }

    private func typedStep(_ move: ReplayMove, _ typed: String) -> String {
        if case .jump(let step) = move { return String(step) }
        return typed
    }

    // MARK: - Showing

    /// Shows stop `index`: the diagram through it, its card, the prompt. In line mode, one stop forward
    /// adds its lines; any other move draws the diagram so far again.
    private func show(_ index: Int, after previous: Int?, screen: any WalkthroughScreen, fullScreen: FullScreenWalkthroughScreen?) {
        let (drawing, typed) = state.withLock { s in
            s.position = index
            return (s.drawing, s.typed)
        }
        if let fullScreen {
            fullScreen.setDiagram(lines(of: drawing, through: index), position: positionText(index, typed: typed))
        } else {
            let lines: [String]
            if let previous, previous == index - 1 {
                lines = Array(drawing.lines[stops.stops[index].rows]) + (index == stops.count - 1 ? [drawing.footer] : [])
            } else {
                lines = (previous == nil ? [] : [""]) + self.lines(of: drawing, through: index)
            }
            context.output.write(lines.joined(separator: "\n") + "\n")
        }
        screen.show(card(index))
        if fullScreen == nil {
            context.output.write(display.style.text(of: StyledLine("  " + positionLine(index), .faint)) + "\n")
        }
        screen.prompt()
    }

    private func lines(of drawing: DiagramDrawing, through index: Int) -> [String] {
        drawing.header + drawing.lines[..<stops.stops[index].rows.upperBound] + (index == stops.count - 1 ? [drawing.footer] : [])
    }

    private func card(_ index: Int) -> WalkthroughCard {
        let stop = stops.stops[index]
        return cards.card(for: rows[stop.rows].map(\.event), step: stop.step, place: stops.place(of: index),
                          side: stops.side(of: index, display.language))
    }

    /// `3/15` before the prompt (and the step number being typed), on the screen's last row.
    private func positionText(_ index: Int, typed: String) -> String {
        let place = "\(index + 1)/\(stops.count)"
        return typed.isEmpty ? place : place + " " + display.language.pick(es: "→ paso \(typed)…", en: "→ step \(typed)…")
    }

    /// `parada 3 de 15`, on a line of its own in line mode.
    private func positionLine(_ index: Int) -> String {
        display.language.pick(es: "parada \(index + 1) de \(stops.count)", en: "stop \(index + 1) of \(stops.count)")
    }

    private func refreshPosition(_ fullScreen: FullScreenWalkthroughScreen?) {
        guard let fullScreen else { return }
        let (drawing, index, typed) = state.withLock { ($0.drawing, $0.position, $0.typed) }
        fullScreen.setDiagram(lines(of: drawing, through: index), position: positionText(index, typed: typed))
    }

    /// The terminal changed size: the diagram drawn again for its width (unless `--width` fixed it).
    private func resized(_ fullScreen: FullScreenWalkthroughScreen) {
        if self.display.widthFollowsTerminal, let size = context.terminalSize() {
            let width = DiagramStyle(width: size.columns).width
            let style = DiagramStyle(language: display.language, ascii: display.style.ascii, color: display.style.color, width: width)
            let drawing = DiagramRenderer.drawing(of: rows, view: view, style: style)
            let (index, typed) = state.withLock { s in
                s.drawing = drawing
                s.width = width
                return (s.position, s.typed)
            }
            fullScreen.setDiagram(lines(of: drawing, through: index), position: positionText(index, typed: typed))
        }
        fullScreen.resize()
    }
}
