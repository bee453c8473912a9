import Testing
import TracePrograms
import TraceModel
import TraceText
import TraceCore
import TraceRender
import TraceTeaching
import SocketTracing
import TracePackets

/// Runs built-in lessons for real and picks events out of their traces.
struct LessonRun {
    let lesson: Lesson
    let events: [TraceEvent]

    static func of(_ reference: String, _ language: Language = .en, host: String = "127.0.0.1") throws -> LessonRun {
        let library = try LessonFiles.library()
        let lesson = try #require(library.lesson(reference, language: language))
        return try of(lesson, host: host)
    }

    /// `packets`: with the segments captured on lo (as `--packets` does; needs CAP_NET_RAW).
    static func of(_ lesson: Lesson, host: String = "127.0.0.1", packets: Bool = false) throws -> LessonRun {
        let sink = MemorySink()
        let capture = packets ? try PacketTrace() : nil
        let header = TraceHeader(source: .builtIn, command: "lesson", traced: [.client, .server])
        let tracer = Tracer(sink: sink, header: capture?.describe(header) ?? header)
        if let capture { tracer.interleave(capture) }
        let run = ScenarioRun(scenario: lesson.scenario, tracer: tracer, options: RunOptions(host: host, timeout: .seconds(10)))
        let outcome = run.run()
        try capture?.finish(tracer)
        guard case .completed = outcome else {
            throw LessonRunFailed(description: "\(lesson.source): \(outcome)")
        }
        return LessonRun(lesson: lesson, events: sink.events)
    }

    static func of(_ reference: String, _ language: Language, packets: Bool) throws -> LessonRun {
        let library = try LessonFiles.library()
        return try of(try #require(library.lesson(reference, language: language)), packets: packets)
    }

    /// The captured segments.
    var segments: [TraceEvent] { events.filter { $0.operation == .segment } }

    /// When a finished call started and returned.
    func window(of done: TraceEvent) -> ClosedRange<UInt64> {
        (done.time &- (done.duration ?? 0))...done.time
    }

    /// The segments that travelled while a call ran.
    func segments(during done: TraceEvent) -> [TraceEvent] {
        let window = window(of: done)
        return segments.filter { window.contains($0.time) }
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
