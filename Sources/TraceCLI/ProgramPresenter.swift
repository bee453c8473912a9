import TraceCore
import TracePackets
import TraceProcess
import TraceTeaching
import TraceTerminal
import TraceText

/// Runs traced programs from start to end into an `OutputPipeline`: what `trace run` and a lesson that
/// runs one's own programs do. Ctrl-C, SIGTERM, SIGHUP and a lost standard output kill every traced process.
struct ProgramPresenter {
    let display: DisplayOptions
    let context: CommandContext
    var json = false
    /// The command's `--record` and `--export`, if any.
    var files: ParsedArguments?
    var listenTimeout: Duration? = .seconds(RunCommand.defaultListenTimeout)
    /// The step plan's id in the header (a lesson names its own).
    var planID = "seed"
    /// The capture `--packets` opened, if any: its segments are drawn under the programs' calls.
    var packets: PacketTrace?

    /// `title` goes above the diagram; `closing` gives what follows the diagram of a run that ended by itself.
    func run(_ programs: ProgramTrace.Programs, title: String?,
             closing: ([TraceEvent], TraceHeader?) -> [[String]]) throws(CommandFailure) -> Int32 {
        try ProgramRun.check(programs, language: display.language)
        let pipeline = try OutputPipeline(display: display, json: json, files: files, context: context,
                                          delivery: .background(holding: false), keepsEvents: true, packets: packets)
        pipeline.begin(title: title)
        let trace = ProgramTrace(programs: programs, planID: planID) { pipeline.tracer($0) }
        let run = ProgramRun(trace: trace, language: display.language, listenTimeout: listenTimeout)
        let stopper = RunStopper(context: context) { run.stop(because: $0) }
        defer { stopper.cancel() }
        let ending: ProgramRun.Ending
        do {
            ending = try run.run(streams: ProgramStreams(drawing: !json, readsKeys: false))
        } catch {
            stopper.cancel()
            _ = try? pipeline.finish()
            throw error
        }
        stopper.cancel()
        let events = try pipeline.finish()
        for message in run.messages { context.errors.write("trace: " + message + "\n") }
        switch ending {
        case .ended(let status):
            // JSON Lines have nothing after them: the glossary is not even read.
            if !json { pipeline.writeAfterDiagram(closing(events, trace.tracer?.header)) }
            return status
        case .stopped:
            return stopper.exitStatus ?? ExitStatus.interrupted
        }
    }
}
