import TraceEvents
import TraceRender
import TraceTeaching
import TraceTerminal
import Tracing

/// Where a run's events go and what is written around them: the diagram drawn live (or JSON Lines on
/// standard output), a recording when asked, then the debrief. The command (`trace`, a lesson, a
/// step-by-step walkthrough) creates the `Tracer` on `sink` and runs the scenario its own way.
final class Presentation: Sendable {
    let display: DisplayOptions
    let json: Bool
    let context: CommandContext
    /// The sink to trace into.
    let sink: any EventSink
    private let diagram: DiagramSink?
    private let memory: MemorySink?
    private let recording: RecordingFile?

    /// Opens the recording file, if any; failing that is a one-line error (exit 73).
    /// What the legend under the diagram lists: each step of the scenario and its glossary terms.
    private let legend: [(step: Int, names: [String])]

    init(display: DisplayOptions, json: Bool, recordPath: String?, plan: StepPlan?, context: CommandContext,
         legend: [(step: Int, names: [String])] = []) throws(CommandFailure) {
        self.legend = legend
        self.display = display
        self.json = json
        self.context = context
        var sinks: [any EventSink] = []
        if json {
            diagram = nil
            memory = nil
            sinks.append(JSONLinesWriter(output: context.output))
        } else {
            let diagram = DiagramSink(style: display.style, plan: plan, output: context.output)
            let memory = MemorySink()
            self.diagram = diagram
            self.memory = memory
            sinks += [diagram, memory]
        }
        recording = try RecordingFile.open(recordPath)
        if let recording { sinks.append(JSONLinesWriter(output: recording.output)) }
        sink = sinks.count == 1 ? sinks[0] : FanOutSink(sinks)
    }

    /// Writes the title above the diagram (nothing in JSON mode).
    func begin(title: String?) {
        guard !json, let title else { return }
        context.output.write(display.title(title))
    }

    /// Ends the diagram, closes the recording, writes the debrief of a completed run, and maps the
    /// outcome to an exit status (a failure is thrown as a one-line error).
    func end(_ outcome: ScenarioRun.Outcome, debrief: (RunMeasurements) -> Debrief?) throws(CommandFailure) -> Int32 {
        diagram?.finish()
        try recording?.close()
        switch outcome {
        case .completed:
            if !json && !legend.isEmpty {
                context.output.write("\n" + StepTermsLegend.lines(legend, style: display.style).joined(separator: "\n") + "\n")
            }
            if let memory, let text = debrief(RunMeasurements(memory.events)) {
                context.output.write("\n" + text.lines(style: display.style).joined(separator: "\n") + "\n")
            }
            return ExitStatus.success
        case .cancelled:
            return ExitStatus.interrupted
        case .failed(let error):
            throw CommandFailure(message: error.description, status: ExitStatus.failure)
        }
    }
}

/// Runs a scenario from start to end with a `Presentation`: what `trace` and the lessons do.
struct ScenarioPresenter {
    let presentation: Presentation

    func run(_ scenario: Scenario, options: RunOptions, pacer: (any Pacer)? = nil, title: String?,
             debrief: (RunMeasurements) -> Debrief?) throws(CommandFailure) -> Int32 {
        presentation.begin(title: title)
        let run = ScenarioRun(scenario: scenario, tracer: Tracer(sink: presentation.sink), options: options, pacer: pacer)
        return try presentation.end(run.run(), debrief: debrief)
    }
}
