import TraceCore
import TracePackets
import TraceProcess
import TraceSockets
import TraceTeaching
import TraceTerminal
import TraceText

/// `trace run --step`: the programs stopped at the entry of each socket call, a card before each, the
/// learner's key, then the call and its line of the live diagram. Any way out (q, Ctrl-C, SIGTERM,
/// SIGHUP, the end of piped input) kills every traced process and puts the terminal back as it was.
/// The programs read nothing from the terminal (the keys are trace's): their standard input is empty.
struct ProgramStepPresenter {
    let display: DisplayOptions
    let context: CommandContext
    /// The command's `--record` and `--export`, if any.
    let files: ParsedArguments?
    /// The step plan's id in the header (a lesson names its own).
    var planID = "seed"
    /// A lesson's own glossary terms, by step.
    var stepTerms: [Int: [String]] = [:]
    /// The capture `--packets` opened, if any: its segments are drawn under the calls.
    var packets: PacketTrace?

    /// `closing` (nil: the run's legend and debrief) gives what follows the diagram of a walk that ended.
    func run(_ programs: ProgramTrace.Programs, title: String?,
             closing: (([TraceEvent], TraceHeader?) -> [[String]])? = nil) throws(CommandFailure) -> Int32 {
        let language = display.language
        try ProgramRun.check(programs, language: language)
        let pipeline = try OutputPipeline(display: display, json: false, files: files, context: context, keepsEvents: true,
                                          packets: packets)
        pipeline.begin(title: title)

        let keyboard = context.inputIsTerminal ? KeyboardMode(fd: context.inputFD) : nil
        defer { keyboard?.restore() }
        let keys = WalkthroughKeys(KeyInput(fd: context.inputFD, readsKeys: keyboard != nil))
        let signals = SignalWatcher { keys.deliver(signal: $0) }
        defer { signals.cancel() }

        let screen = LineWalkthroughScreen(style: display.style, output: context.output,
                                           erasesPrompt: keyboard != nil && context.outputIsTerminal)
        let trace = ProgramTrace(programs: programs, pacing: .stepped, planID: planID) { pipeline.tracer($0) }
        let walkthrough = ProgramWalkthrough(screen: screen, language: language, trace: trace, glossary: TeachingGlossary.lookup,
                                             stepTerms: stepTerms, witness: pipeline.segmentLog)
        let run = ProgramRun(trace: trace, language: language, listenTimeout: nil)
        let observer = ProgramRun.Observer(gate: { walkthrough.hold($0, $1) }, events: { walkthrough.observe($0, from: $1) })
        let runner = BlockingThread(name: "trace-run") { () -> Result<ProgramRun.Ending, CommandFailure> in
            defer { walkthrough.runEnded() }
            do throws(CommandFailure) {
                return .success(try run.run(streams: ProgramStreams(drawing: true, readsKeys: true), observer: observer))
            } catch {
                return .failure(error)
            }
        }
        let ending = walkthrough.drive(keys)
        if ending != .finished {
            run.stop(because: Self.reason(ending))
            walkthrough.stopAll()
        }
        let outcome = (try? runner.join()) ?? Result<ProgramRun.Ending, CommandFailure>.success(.stopped(reason: Self.reason(ending)))
        keyboard?.restore()
        let events = try pipeline.finish()
        for message in run.messages { context.errors.write("trace: " + message + "\n") }

        switch ending {
        case .finished, .failed:
            switch outcome {
            case .failure(let failure): throw failure
            case .success(.ended(let status)):
                pipeline.writeAfterDiagram(closing?(events, trace.tracer?.header)
                                           ?? RunClosing.blocks(header: trace.tracer?.header, events: events, display: display))
                return status
            case .success(.stopped): return ExitStatus.interrupted
            }
        case .quit:
            context.output.write(display.style.words("Detenido: todos los procesos trazados han terminado.",
                                                      "Stopped: every traced process has ended.") + "\n")
            return ExitStatus.success
        case .endOfInput:
            context.errors.write(language.pick(
                es: "trace: fin de la entrada: detenido; todos los procesos trazados han terminado\n",
                en: "trace: end of input: stopped; every traced process has ended\n"))
            return ExitStatus.success
        case .interrupted:
            return ExitStatus.interrupted
        case .signalled(let number):
            return number == SignalWatcher.interrupt ? ExitStatus.interrupted : ExitStatus.signalled(number)
        }
    }

    /// Why the tool stops the run, as its recording says.
    static func reason(_ ending: WalkthroughEnding) -> String {
        switch ending {
        case .finished: return "all"
        case .quit: return "quit"
        case .interrupted: return "interrupt"
        case .signalled(let n): return SignalName.of(n)
        case .endOfInput: return "end of input"
        case .failed: return "failure"
        }
    }
}
