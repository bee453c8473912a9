import TraceText
import TraceCore
import TracePrograms
import TraceRender
import TraceSockets
import TraceTeaching
import TraceTerminal

/// Runs a scenario as a step-by-step walkthrough: a card before each step, the learner's key, then the
/// step's calls and their lines of the live diagram. Any way out (q, Ctrl-C, SIGTERM, SIGHUP, the end of
/// piped input, an error on either side) closes every socket and puts the terminal back as it was.
struct StepPresenter {
    let pipeline: OutputPipeline
    let glossary: any TermLookup
    /// A lesson's own terms for each numbered step, for the cards.
    var stepTerms: [Int: [String]] = [:]
    /// The lesson file the scenario came from, for `file:line` in a failure.
    var source: String? = nil

    /// `header` says how the trace is made (its pacing becomes `stepped`); `explain` turns a socket
    /// error into the command's own one-line message (nil: the plain one); `closing` gives what follows
    /// the diagram of a walk that reached its end. `introduced`: text was written above (a lesson's), so
    /// a full screen waits for a key before it covers it. `announcing`: lines to show once the server
    /// listens (where it listens), before the next card.
    func run(_ scenario: Scenario, header: TraceHeader, options: RunOptions, title: String?, introduced: Bool = false,
             explain: ((SocketError) -> String)? = nil,
             announcing: (@Sendable (SocketAddress) -> [String])? = nil,
             closing: @escaping ([TraceEvent]) -> [[String]] = { _ in [] }) throws(CommandFailure) -> Int32 {
        let context = pipeline.context
        let language = pipeline.display.language

        let keyboard = context.inputIsTerminal ? KeyboardMode(fd: context.inputFD) : nil
        defer { keyboard?.restore() }
        let fullScreen = keyboard != nil && context.canDrawFullScreen ? pipeline.makeFullScreen(title: title, keys: .live) : nil
        let keys = WalkthroughKeys(KeyInput(fd: context.inputFD, readsKeys: keyboard != nil),
                                   suspend: JobControl.suspender(keyboard, fullScreen))
        let signals = SignalWatcher { keys.deliver(signal: $0) }
        defer { signals.cancel() }

        let screen: any WalkthroughScreen
        if let fullScreen {
            screen = fullScreen
        } else {
            pipeline.begin(title: title)
            screen = LineWalkthroughScreen(style: pipeline.display.style, output: context.output,
                                           erasesPrompt: keyboard != nil && context.outputIsTerminal)
        }
        // After SIGSTOP and `fg` the shell has put its own terminal settings back: take the keys again.
        let display = SignalWatcher(signals: [SignalWatcher.resize, SignalWatcher.resume]) { number in
            if number == SignalWatcher.resume {
                keyboard?.resume()
                fullScreen?.resume()
            } else {
                fullScreen?.resize()
            }
        }
        defer { display.cancel() }
        if let fullScreen {
            if introduced, let status = waitToBegin(keys) {
                try pipeline.finish()
                return status
            }
            fullScreen.begin()
        }
        defer { fullScreen?.end() }

        let announcement = announcing.map { lines in
            ListeningAnnouncement(screen, actor: "server", lines: lines) { [output = context.output] text in
                if let fullScreen { for line in text { fullScreen.show(.notice(line)) } } else { output.write(text.map { $0 + "\n" }.joined()) }
            }
        }
        let walkthrough = Walkthrough(scenario: scenario, language: language, screen: announcement ?? screen, glossary: glossary,
                                      stepTerms: stepTerms, witness: pipeline.segmentLog)
        // A call may stay blocked while the learner reads the next cards: the tool's guard waits a day
        // (quitting interrupts it instead).
        var options = options
        options.timeout = .seconds(24 * 3600)
        var header = header
        header.pacing = .stepped
        let run = ScenarioRun(scenario: scenario, tracer: pipeline.tracer(header), options: options,
                              pacer: walkthrough)
        announcement?.follow(run)
        let runner = BlockingThread(name: "trace-run") { run.run() }
        let ending = walkthrough.drive(run, input: keys, options: options)
        let outcome = (try? runner.join()) ?? .cancelled
        keyboard?.restore()
        let events = try pipeline.finish()
        fullScreen?.end()

        switch ending {
        case .finished, .failed:
            if case .failed(let error) = outcome {
                if case .socket(let socketError) = error.reason, let explain {
                    throw CommandFailure(message: explain(socketError), status: ExitStatus.failure)
                }
                throw CommandFailure(message: error.message(language, source: source, host: options.host, port: options.port),
                                     status: ExitStatus.failure)
            }
            if case .cancelled = outcome { return ExitStatus.interrupted }
            pipeline.writeAfterDiagram(closing(events))
            return ExitStatus.success
        case .quit:
            context.output.write(pipeline.display.style.words("Detenido: todos los sockets están cerrados.",
                                                               "Stopped: every socket is closed.") + "\n")
            return ExitStatus.success
        case .endOfInput(let stop):
            let remaining = walkthrough.stops.count - stop
            let left = Plural.of(remaining, es: ("parada sin hacer", "paradas sin hacer"), en: ("stop not run", "stops not run"), language)
            context.errors.write(language.pick(
                es: "trace: fin de la entrada: detenido con \(left); todos los sockets están cerrados\n",
                en: "trace: end of input: stopped with \(left); every socket is closed\n"))
            return ExitStatus.success
        case .interrupted:
            return ExitStatus.interrupted
        case .signalled(let number):
            return number == SignalWatcher.interrupt ? ExitStatus.interrupted : ExitStatus.signalled(number)
        }
    }
}

/// Ctrl-Z on a terminal in keyboard mode: the shell's screen and settings back, the process stopped
/// as a job; once continued (SIGCONT also does this), the keys and the screen again.
enum JobControl {
    /// What Ctrl-Z does with this keyboard and screen; nil without a keyboard (lines from a pipe).
    static func suspender(_ keyboard: KeyboardMode?, _ screen: FullScreenWalkthroughScreen?) -> (@Sendable () -> Void)? {
        guard let keyboard else { return nil }
        return {
            screen?.suspend()
            keyboard.suspend()
            Signals.stopAsJob()
            keyboard.resume()
            screen?.resume()
        }
    }
}

extension OutputPipeline {
    /// A full screen that takes this pipeline's diagram (and draws it again when the terminal's width
    /// changes, unless `--width` fixed it).
    func makeFullScreen(title: String?, keys: WalkthroughWords.Keys) -> FullScreenWalkthroughScreen {
        var redraw: (@Sendable (Int, ([String]) -> Void) -> Void)?
        if display.widthFollowsTerminal {
            redraw = { [self] width, deliver in redrawDiagram(width: width, deliver) }
        }
        let screen = FullScreenWalkthroughScreen(style: display.style, output: context.output, keys: keys,
                                                 title: title.map(display.title), size: context.terminalSize, redraw: redraw)
        divertDiagram(to: screen.diagramOutput)
        return screen
    }
}

extension StepPresenter {
    /// Before a full screen covers the text above it: a key to begin. Nil to begin; otherwise the exit
    /// status of a learner who left before the first step.
    private func waitToBegin(_ keys: WalkthroughKeys) -> Int32? {
        let style = pipeline.display.style
        let output = pipeline.context.output
        let words = (style.ascii ? "> " : "▶ ") + style.words("Enter: empezar, paso a paso · q: salir", "Enter: begin, step by step · q: quit")
        output.write(style.text(of: StyledLine(words, .faint)) + "\n")
        for _ in 0..<10_000 {
            switch keys.nextCommand() {
            case .advance:
                output.write("\u{1B}[1A\u{1B}[2K")
                return nil
            case .quit, .endOfInput: return ExitStatus.success
            case .interrupt: return ExitStatus.interrupted
            case .signal(let number):
                return number == SignalWatcher.interrupt ? ExitStatus.interrupted : ExitStatus.signalled(number)
            default: continue
            }
        }
        return ExitStatus.success
    }
}

/// `--step` and the options it cannot go with.
enum StepOption {
    static let spec = OptionSpec.flag("step", es: "paso a paso: explica cada paso y espera una tecla antes de ejecutarlo (? muestra las teclas)",
                                      en: "step by step: explains each step and waits for a key before running it (? lists the keys)")

    static func check(_ arguments: ParsedArguments) throws(UsageError) {
        guard arguments.has("step") else { return }
        if arguments.has("json") {
            throw .badValue(es: "--step muestra el recorrido en el terminal; no se combina con --json (usa --record ARCHIVO)",
                            en: "--step shows the walkthrough on the terminal; it does not go with --json (use --record FILE)")
        }
        for name in ["forever", "max-clients", "idle-timeout"] where arguments.has(name) || arguments.value(name) != nil {
            throw .badValue(es: "--step recorre un solo cliente, paso a paso; no se combina con --\(name)",
                            en: "--step walks through a single client, step by step; it does not go with --\(name)")
        }
        if arguments.value("delay") != nil {
            throw .badValue(es: "--step ya espera una tecla antes de cada paso; no se combina con --delay",
                            en: "--step already waits for a key before each step; it does not go with --delay")
        }
    }
}
