import Testing
import TracePrograms
import TraceModel
import TraceText
import TraceCore
import TraceRender
import TraceTeaching
import SocketTracing

/// Runs built-in lessons for real and picks events out of their traces.
struct LessonRun {
    let lesson: Lesson
    let events: [TraceEvent]

    static func of(_ reference: String, _ language: Language = .en, host: String = "127.0.0.1") throws -> LessonRun {
        let library = try LessonFiles.library()
        let lesson = try #require(library.lesson(reference, language: language))
        return try of(lesson, host: host)
    }

    static func of(_ lesson: Lesson, host: String = "127.0.0.1") throws -> LessonRun {
        let sink = MemorySink()
        let run = ScenarioRun(scenario: lesson.scenario, tracer: Tracer(sink: sink),
                              options: RunOptions(host: host, timeout: .seconds(10)))
        let outcome = run.run()
        guard case .completed = outcome else {
            throw LessonRunFailed(description: "\(lesson.source): \(outcome)")
        }
        return LessonRun(lesson: lesson, events: sink.events)
    }

    /// Done (or instant) events of one operation, optionally for one actor, connection and step.
    func finished(_ operation: TraceEvent.Operation, _ actor: TraceEvent.Actor? = nil, step: Int? = nil,
                  connection: Int? = nil) -> [TraceEvent] {
        events.filter { e in
            e.phase != .start && e.operation == operation && (actor == nil || e.actor == actor)
                && (step == nil || e.step == step) && (connection == nil || e.connection == connection)
        }
    }

    /// The start event of the same call as `done` (the latest start of that actor and operation before it).
    func start(of done: TraceEvent) -> TraceEvent? {
        events.last { $0.phase == .start && $0.seq < done.seq && $0.actor == done.actor
            && $0.connection == done.connection && $0.operation == done.operation }
    }

    func port(_ address: String?) -> UInt16? {
        address.flatMap { $0.split(separator: ":").last }.flatMap { UInt16($0) }
    }
}

struct LessonRunFailed: Error, CustomStringConvertible {
    let description: String
}
