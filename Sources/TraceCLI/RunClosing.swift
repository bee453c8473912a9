import TraceCore
import TracePrograms
import TraceRender
import TraceTeaching
import TraceText

/// What follows the diagram of a finished run, or of a recording replayed: what its arrows are
/// (captured or inferred), each step's glossary terms (only the steps that ran), then, for the seed's
/// exchange, "What happens behind the scenes?" told with this run's numbers. Decided from the trace's
/// header and events alone, so `trace replay` writes what the live run wrote.
enum RunClosing {
    static func blocks(header: TraceHeader?, events: [TraceEvent], display: DisplayOptions) -> [[String]] {
        let style = display.style, l = display.language
        let ran = Set(events.compactMap { $0.phase == .start ? nil : $0.step })
        var legend = self.legend(for: header?.plan?.id, events: events, language: l)
        legend = legend.filter { ran.contains($0.step) }
        var blocks: [[String]] = [arrows(header: header, events: events, style: style)]
        if !legend.isEmpty { blocks.append(StepTermsLegend.lines(legend, style: style)) }
        let measurements = RunMeasurements(events)
        let seedExchange = (header?.plan?.id ?? "seed") == "seed" || header?.source == .program
        if seedExchange, SeedDebrief.applies(to: measurements) {
            blocks.append(SeedDebrief.make(measurements, language: l, pacing: header?.pacing ?? .free).lines(style: style))
        }
        return blocks
    }

    /// What the diagram's arrows are: segments captured (a header says so, the one given or the trace's
    /// own, or a recording without a header holds some), or inferred.
    static func arrows(header: TraceHeader?, events: [TraceEvent], style: DiagramStyle) -> [String] {
        let captured = header?.packets?.interface ?? events.first?.header?.packets?.interface
            ?? (events.contains { $0.operation == .segment } ? "lo" : nil)
        return ArrowLegend.lines(captured: captured, style: style)
    }

    /// The legend of the plan a trace followed: the seed's, or a built-in lesson's. A recording without
    /// a header is the seed's when its steps are.
    private static func legend(for planID: String?, events: [TraceEvent], language: Language) -> [(step: Int, names: [String])] {
        switch planID {
        case "seed"?:
            return StepTermsLegend.seed(language)
        case let id? where id.hasPrefix(LessonPlan.prefix):
            guard let library = try? BuiltInLessons.library(),
                  let lesson = library.lesson(String(id.dropFirst(LessonPlan.prefix.count)), language: language) else { return [] }
            // A lesson that runs one's own programs follows the seed's steps, with the lesson's own terms first.
            let scenario = lesson.programs == nil ? lesson.scenario : Scenario.seed(message: "", reply: "")
            return StepTerms(glossary: library.glossary, lessonTerms: lesson.stepTerms).legend(for: scenario, language: language)
        case nil:
            return SeedDebrief.applies(to: RunMeasurements(events)) ? StepTermsLegend.seed(language) : []
        default:
            return []
        }
    }
}

/// The plan id a lesson's run records: `lesson/byte-stream`.
enum LessonPlan {
    static let prefix = "lesson/"

    static func plan(of lesson: Lesson) -> StepPlan {
        var plan = lesson.scenario.stepPlan
        plan.id = prefix + lesson.id
        return plan
    }
}
