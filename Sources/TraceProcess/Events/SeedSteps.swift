import TraceCore

/// Numbers a traced program's calls with the seed's nine steps, as they come, while the exchange
/// follows the lesson: the client's `connect` is 1, the server's `accept` 2, the client's first sends 3,
/// the server's `recv` (and the `print` after it) 4, its sends 5, the client's `recv` 6, its `print` 7,
/// its `close` 8, and the server's `recv` of 0 bytes 9.
///
/// Each side is followed on its own (its calls come in its program's order); a step that needs the
/// other side's earlier step (a `recv` needs the `send` it reads) is given only once that one was, so
/// the diagram never waits for a step that will not come. Calls whose step is clear before they run
/// (a connect, a send, a close) are numbered at their entry, while the program is stopped there, so
/// that the other side cannot react to them first; the others (an accept, a recv) once they return.
/// The first call that leaves the lesson (a second message, the server closing first) ends the
/// numbering for both sides.
struct SeedSteps: Sendable {
    /// The sides whose calls are traced; a side not traced is not waited for.
    let traced: Set<TraceEvent.Actor>
    private var client = Progress()
    private var server = Progress()
    private var assigned: Set<Int> = []
    private var abandoned = false
    /// Whether the server is inside `accept()` (the client's connection will be taken).
    private var serverAccepting = false

    private struct Progress: Sendable {
        var last = 0
        /// The lesson's connection: the client's connected socket, the server's accepted one.
        var pid: Int32?
        var fd: Int32?

        func isLessonSocket(_ e: TraceEvent) -> Bool { fd != nil && e.fd == fd && e.pid == pid }
    }

    init(traced: Set<TraceEvent.Actor>) { self.traced = traced }

    /// The seed's plan for the sides traced: each step finished by its call's `done`. The `print` of
    /// step 7 (like the one in step 4) is optional: a program that prints nothing does not hold the
    /// diagram back.
    static func plan(tracing traced: Set<TraceEvent.Actor>) -> StepPlan {
        let steps: [(Int, TraceEvent.Actor, TraceEvent.Operation?)] = [
            (1, .client, .connect), (2, .server, .accept), (3, .client, .send), (4, .server, .recv), (5, .server, .send),
            (6, .client, .recv), (7, .client, nil), (8, .client, .close), (9, .server, .recv),
        ]
        return StepPlan(id: "seed", steps: steps.filter { traced.contains($0.1) }.map { number, actor, operation in
            StepPlan.Step(number: number, completions: operation.map { [StepPlan.Completion(actor, $0)] } ?? [])
        })
    }

    /// A call about to run (its start event): its step, when it is one whose step is known before it runs.
    mutating func entering(_ e: TraceEvent) -> Int? {
        if e.actor == .server && e.operation == .accept { serverAccepting = true }
        guard !abandoned else { return nil }
        switch (e.actor, e.operation) {
        case (.client, .connect) where client.last == 0:
            client.pid = e.pid
            client.fd = e.fd
            return give(1, to: \.client)
        case (.client, .send) where client.isLessonSocket(e):
            switch client.last {
            case 1 where !traced.contains(.server) || assigned.contains(2) || serverAccepting: return give(3, to: \.client)
            case 3: return 3
            case 6, 7: return abandon()
            default: return nil
            }
        case (.client, .close) where client.isLessonSocket(e), (.client, .shutdown) where client.isLessonSocket(e) && e.how != "SHUT_RD":
            guard client.last == 6 || client.last == 7 else { return abandon() }
            return e.operation == .close ? give(8, to: \.client) : abandon()
        case (.server, .send) where server.isLessonSocket(e):
            switch server.last {
            case 4 where needs(3): return give(5, to: \.server)
            case 5: return 5
            default: return abandon()
            }
        case (.server, .close) where server.isLessonSocket(e), (.server, .shutdown) where server.isLessonSocket(e):
            return server.last == 9 ? nil : abandon()
        default:
            return nil
        }
    }

    /// The step a call about to run will be if it returns as the lesson expects (an accept that takes the
    /// client's connection, a recv that gets the message or the end of the stream); nil for the others.
    func expected(_ e: TraceEvent) -> Int? {
        guard !abandoned else { return nil }
        switch (e.actor, e.operation) {
        case (.server, .accept) where server.last == 0: return 2
        case (.server, .recv) where server.isLessonSocket(e):
            return server.last == 2 || server.last == 4 ? 4 : server.last == 5 ? 9 : nil
        case (.client, .recv) where client.isLessonSocket(e):
            return client.last == 3 || client.last == 6 ? 6 : nil
        default: return nil
        }
    }

    /// A call that returned (its done event), with the step it was given at its entry: its step.
    mutating func finished(_ e: TraceEvent, enteredAs step: Int?) -> Int? {
        if e.actor == .server && e.operation == .accept { serverAccepting = false }
        if let step {
            if step == 1, let error = e.error, error.name != "EINPROGRESS" { abandoned = true }
            return step
        }
        guard !abandoned, e.error == nil else { return nil }
        switch (e.actor, e.operation) {
        case (.server, .accept) where server.last == 0 && e.newFD != nil:
            guard needs(1) else { return abandon() }
            server.pid = e.pid
            server.fd = e.newFD
            return give(2, to: \.server)
        case (.server, .recv) where server.isLessonSocket(e):
            let bytes = e.bytes ?? 0
            switch server.last {
            case 2 where bytes > 0: return needs(3) ? give(4, to: \.server) : abandon()
            case 4 where bytes > 0: return 4
            case 5 where bytes == 0: return needs(8) ? give(9, to: \.server) : abandon()
            default: return abandon()
            }
        case (.client, .recv) where client.isLessonSocket(e):
            let bytes = e.bytes ?? 0
            switch client.last {
            case 3 where bytes > 0: return needs(5) ? give(6, to: \.client) : abandon()
            case 6 where bytes > 0: return 6
            default: return abandon()
            }
        default:
            return nil
        }
    }

    /// The program printed: step 4 right after the server's message arrived, step 7 after the client's.
    mutating func printed(_ e: TraceEvent) -> Int? {
        guard !abandoned else { return nil }
        switch e.actor {
        case .server where server.last == 4 && e.pid == server.pid: return 4
        case .client where client.last == 6 && e.pid == client.pid: return give(7, to: \.client)
        case .client where client.last == 7 && e.pid == client.pid: return 7
        default: return nil
        }
    }

    /// Whether the other side's step `number` is done, or that side is not traced.
    private func needs(_ number: Int) -> Bool {
        let side: TraceEvent.Actor = [1, 3, 6, 7, 8].contains(number) ? .client : .server
        return !traced.contains(side) || assigned.contains(number)
    }

    private mutating func give(_ number: Int, to side: WritableKeyPath<SeedSteps, Progress>) -> Int {
        self[keyPath: side].last = number
        assigned.insert(number)
        return number
    }

    private mutating func abandon() -> Int? {
        abandoned = true
        return nil
    }
}
