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

    /// `header` says how the trace is made (its pacing becomes `stepped`); `explain` turns a socket
    /// error into the command's own one-line message (nil: the plain one); `closing` gives what follows
    /// the diagram of a walk that reached its end.
    func run(_ scenario: Scenario, header: TraceHeader, options: RunOptions, title: String?,
             explain: ((SocketError) -> String)? = nil,
             closing: @escaping ([TraceEvent]) -> [[String]] = { _ in [] }) throws(CommandFailure) -> Int32 {
        let context = pipeline.context
        let language = pipeline.display.language
        pipeline.begin(title: title)

        let keyboard = context.inputIsTerminal ? KeyboardMode(fd: context.inputFD) : nil
        defer { keyboard?.restore() }
        let keys = WalkthroughKeys(KeyInput(fd: context.inputFD, readsKeys: keyboard != nil))
        let signals = SignalWatcher { keys.deliver(signal: $0) }
        defer { signals.cancel() }

        let screen = LineWalkthroughScreen(style: pipeline.display.style, output: context.output,
                                           erasesPrompt: keyboard != nil && context.outputIsTerminal)
        let walkthrough = Walkthrough(scenario: scenario, language: language, screen: screen, glossary: glossary,
                                      stepTerms: stepTerms, witness: pipeline.segmentLog)
        // A call may stay blocked while the learner reads the next cards: the tool's guard waits a day
        // (quitting interrupts it instead).
        var options = options
        options.timeout = .seconds(24 * 3600)
        var header = header
        header.pacing = .stepped
        let run = ScenarioRun(scenario: scenario, tracer: pipeline.tracer(header), options: options,
                              pacer: walkthrough)
        let runner = BlockingThread(name: "trace-run") { run.run() }
        let ending = walkthrough.drive(run, input: keys, options: options)
        let outcome = (try? runner.join()) ?? .cancelled
        keyboard?.restore()
        let events = try pipeline.finish()

        switch ending {
        case .finished, .failed:
            if case .failed(let error) = outcome {
                if case .socket(let socketError) = error.reason, let explain {
                    throw CommandFailure(message: explain(socketError), status: ExitStatus.failure)
                }
                throw CommandFailure(message: error.description, status: ExitStatus.failure)
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
            context.errors.write(language.pick(
                es: "trace: fin de la entrada: detenido con \(remaining) paradas sin hacer; todos los sockets están cerrados\n",
                en: "trace: end of input: stopped with \(remaining) stops not run; every socket is closed\n"))
            return ExitStatus.success
        case .interrupted:
            return ExitStatus.interrupted
        case .signalled(let number):
            return number == SignalWatcher.interrupt ? ExitStatus.interrupted : ExitStatus.signalled(number)
        }
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
