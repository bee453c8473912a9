import Testing
import TracePrograms
import TraceModel
import TraceText
import TraceCore
import TraceTeaching
import SocketTracing

/// Scenarios written in the lessons' own syntax, for tests of claims beyond a lesson's own run.
enum ScenarioText {
    static func parse(_ text: String, file: String = "test") throws -> Scenario {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { NumberedLine($0.offset + 1, String($0.element)) }
        let (scenario, errors) = ScenarioParser.parse(lines, id: "test", file: file)
        guard let scenario else { throw LessonErrors(errors: errors) }
        return scenario
    }

    static func run(_ scenario: Scenario, host: String = "127.0.0.1") throws -> [TraceEvent] {
        let sink = MemorySink()
        let outcome = ScenarioRun(scenario: scenario, tracer: Tracer(sink: sink),
                                  options: RunOptions(host: host, timeout: .seconds(10))).run()
        guard case .completed = outcome else { throw LessonRunFailed(description: "\(outcome)") }
        return sink.events
    }
}
