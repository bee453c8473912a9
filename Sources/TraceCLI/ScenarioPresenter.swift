import TraceText
import TraceCore
import TracePrograms
import TraceTeaching

/// Runs a scenario from start to end into an `OutputPipeline`: what `trace` and the lessons do.
struct ScenarioPresenter {
    let pipeline: OutputPipeline
    /// The lesson file the scenario came from, for `file:line` in a failure.
    var source: String? = nil

    /// `closing` gives what follows the diagram of a completed run (a legend, a debrief).
    func run(_ scenario: Scenario, header: TraceHeader, options: RunOptions, pacer: (any Pacer)? = nil, title: String?,
             closing: @escaping ([TraceEvent]) -> [[String]]) throws(CommandFailure) -> Int32 {
        pipeline.begin(title: title)
        let run = ScenarioRun(scenario: scenario, tracer: pipeline.tracer(header), options: options, pacer: pacer)
        let outcome = run.run()
        let events = try pipeline.finish()
        switch outcome {
        case .completed:
            pipeline.writeAfterDiagram(closing(events))
            return ExitStatus.success
        case .cancelled:
            return ExitStatus.interrupted
        case .failed(let error):
            throw CommandFailure(message: error.message(pipeline.display.language, source: source, host: options.host,
                                                        port: options.port),
                                 status: ExitStatus.failure)
        }
    }
}
