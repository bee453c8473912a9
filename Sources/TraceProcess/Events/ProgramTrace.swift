import Synchronization
import TraceCore

/// One `trace run`: what the `ProcessTracer`s of its programs report, turned into trace events through
/// one `Tracer`, so that the model, every output and every recording treat a traced program like the
/// built-in ones. Each call becomes a start and a done paired by `callID`, with the process and thread
/// that made it; what a program prints becomes a `print` moment; its forks, threads, execs and end
/// become moments of their own; the seed's steps are numbered while the exchange follows the lesson.
///
/// ```
/// let trace = ProgramTrace(sink: sink, programs: .pair(server: serverLine, client: clientLine))
/// let server = ProcessTracer(command, gate: trace.gate(.server), handler: trace.handler(.server))
/// ...
/// trace.finish()
/// ```
/// Handlers and gates may be called from several tracer threads at once.
public final class ProgramTrace: Sendable {
    /// What is traced.
    public enum Programs: Sendable, Hashable {
        /// A server and a client program, each with its own tracer.
        case pair(server: [String], client: [String])
        /// One program. Its side, when not given, is what it does first: `bind`, `listen` or `accept`
        /// make it the server, `connect` the client (the client, if it does none of them).
        case single([String], side: TraceEvent.Actor?)
    }

    /// Which program a tracer runs.
    public enum Role: Sendable, Hashable {
        case server, client
        /// The program of `.single`.
        case single
    }

    /// What the tracer knows of a call stopped at its entry, for a gate that does more than let it run.
    public struct CallContext: Sendable, Hashable {
        /// The tracer the call comes from.
        public let role: Role
        /// The side making the call (nil while a single program's side is not known yet).
        public let actor: TraceEvent.Actor?
        /// The seed step the call is; for a call whose step depends on its result (an `accept`, a `recv`),
        /// the step it will be if it returns as the lesson expects.
        public let step: Int?
        /// Whether the call is drawn (calls on local sockets are not).
        public let isDrawn: Bool
        /// The kernel is running again a call a signal interrupted: the program asked for it once.
        public let isRestart: Bool
    }

    public let programs: Programs
    private let state: Mutex<State>

    /// `pacing` and `planID` go into the header (a lesson names its own plan); the clock starts now.
    public convenience init(sink: any EventSink, programs: Programs, pacing: TraceHeader.Pacing = .free,
                            planID: String = "seed") {
        self.init(programs: programs, pacing: pacing, planID: planID) { Tracer(sink: sink, header: $0) }
    }

    /// As `init(sink:...)`, with the tracer made by `makeTracer` from the header once the sides are known
    /// (an executable's output pipeline, which may interleave other sources such as captured packets
    /// and put their clock in the header).
    public init(programs: Programs, pacing: TraceHeader.Pacing = .free, planID: String = "seed",
                makeTracer: @escaping @Sendable (TraceHeader) -> Tracer) {
        self.programs = programs
        var header = TraceHeader(source: .program, command: "run", traced: [], pacing: pacing, clock: .now())
        switch programs {
        case .pair(let server, let client):
            header.programs = [.init(actor: .server, arguments: server), .init(actor: .client, arguments: client)]
        case .single(let arguments, let side):
            header.programs = [.init(actor: side ?? .client, arguments: arguments)]
        }
        state = Mutex(State(makeTracer: makeTracer, header: header, planID: planID))
        if case .single(_, let side?) = programs { state.withLock { $0.begin(sides: [side]) } }
        if case .pair = programs { state.withLock { $0.begin(sides: [.server, .client]) } }
    }

    /// The tracer the events go through, once the trace has begun (for a single program of unknown
    /// side, once its side is known).
    public var tracer: Tracer? { state.withLock { $0.tracer } }

    /// The seed's step plan for the sides traced, as a run's header gives it.
    public static func seedPlan(tracing sides: Set<TraceEvent.Actor>) -> StepPlan { SeedSteps.plan(tracing: sides) }

    /// The server's listening socket (its process and descriptor), once a `listen()` of the server returned.
    public var listener: (pid: Int32, fd: Int32)? { state.withLock { $0.listener.map { ($0.pid, $0.fd) } } }

    /// The side a role plays (nil while not known).
    public func actor(of role: Role) -> TraceEvent.Actor? { state.withLock { $0.actor(of: role) } }

    /// The handler for the tracer of `role`.
    public func handler(_ role: Role) -> ProcessTracer.Handler {
        { [self] event in state.withLock { $0.take(event, from: role) } }
    }

    /// The gate for the tracer of `role`: numbers the calls whose step is known at their entry, while the
    /// program waits there, then asks `next`, if any (a walkthrough holds the call until the learner asks).
    public func gate(_ role: Role,
                     then next: (@Sendable (SyscallEntry, CallContext) -> GateDecision)? = nil) -> ProcessTracer.Gate {
        { [self] entry in
            let context = state.withLock { $0.entering(entry, from: role) }
            return next?(entry, context) ?? .proceed
        }
    }

    /// A moment of `trace` itself (it stops the run: `quit`, `interrupt`, a signal's name, or why).
    public func toolStopped(because reason: String) {
        state.withLock { s in
            s.beginIfUndecided()
            var event = TraceEvent(time: s.tracer?.now() ?? 0, phase: .instant, actor: .tool, operation: .stop,
                                   text: reason, origin: .tool)
            s.tracer?.emit(&event)
        }
    }

    /// Ends the trace: a single program that never showed its side is drawn as a client; what the
    /// programs printed without ending its line is drawn.
    public func finish() {
        state.withLock { s in
            s.beginIfUndecided()
            s.endAllLines()
        }
    }
}

extension ProgramTrace {
    fileprivate struct CallKey: Hashable, Sendable {
        let role: Role
        let sequence: Int
    }

    fileprivate struct ThreadKey: Hashable, Sendable {
        let role: Role
        let tid: Int32
    }

    /// What one thread printed, one write or several, as one moment.
    fileprivate struct PrintedLine: Sendable {
        let pid: Int32
        let tid: Int32
        let fd: Int32
        let stream: Int32
        var bytes: [UInt8] = []
        var count = 0
        var writes = 0
        var time: UInt64 = 0

        init(first output: ProgramOutput) {
            pid = output.pid
            tid = output.tid
            fd = output.fd
            stream = output.stream
        }

        mutating func add(_ output: ProgramOutput) {
            if bytes.count <= ProgramEvents.previewLimit { bytes += output.bytes.prefix(ProgramEvents.previewLimit + 1 - bytes.count) }
            count += output.count
            writes += 1
            time = output.time
        }

        func moment(actor: TraceEvent.Actor, tracer: Tracer) -> TraceEvent {
            let output = ProgramOutput(pid: pid, tid: tid, fd: fd, stream: stream, bytes: bytes, count: count, time: time)
            var moment = ProgramEvents.printed(output, actor: actor, time: tracer.relative(time))
            if writes > 1 { moment.sendCalls = writes }
            return moment
        }
    }

    /// A start already emitted, waiting for its done.
    fileprivate struct Started: Sendable {
        var event: TraceEvent
        let seq: UInt64
        let released: UInt64
        let call: SystemCall
        /// The step the call was given at its entry.
        let numbered: Int?
    }

    fileprivate struct State: Sendable {
        let makeTracer: @Sendable (TraceHeader) -> Tracer
        var header: TraceHeader
        let planID: String
        var tracer: Tracer?
        var sides: Set<TraceEvent.Actor> = []
        /// A single program's events before its side is known.
        var early: [(Role, ProcessTraceEvent)] = []
        var steps = SeedSteps(traced: [])
        var connections = ConnectionNumbers()
        var started: [CallKey: Started] = [:]
        /// Calls the gate saw, with the step it gave them (or none).
        var numberedAtEntry: [CallKey: Int?] = [:]
        /// Calls a signal interrupted that the kernel runs again: their first start stands for both.
        var restarting: [ThreadKey: Started] = [:]
        var listener: (pid: Int32, fd: Int32)?
        /// Each thread's printed text that does not end a line yet (an unbuffered program writes a
        /// `print`'s words one at a time): one moment once the line ends or the thread does anything else.
        var unfinishedLines: [ThreadKey: PrintedLine] = [:]

        init(makeTracer: @escaping @Sendable (TraceHeader) -> Tracer, header: TraceHeader, planID: String) {
            self.makeTracer = makeTracer
            self.header = header
            self.planID = planID
        }

        func actor(of role: Role) -> TraceEvent.Actor? {
            switch role {
            case .server: return .server
            case .client: return .client
            case .single: return sides.first
            }
        }

        mutating func begin(sides: Set<TraceEvent.Actor>) {
            guard tracer == nil else { return }
            self.sides = sides
            steps = SeedSteps(traced: sides)
            var plan = SeedSteps.plan(tracing: sides)
            plan.id = planID
            header.plan = plan
            header.traced = [.server, .client].filter(sides.contains)
            for index in header.programs.indices where sides.count == 1 { header.programs[index].actor = sides.first! }
            tracer = makeTracer(header)
            let held = early
            early = []
            for (role, event) in held { take(event, from: role) }
        }

        mutating func beginIfUndecided() { if tracer == nil { begin(sides: [.client]) } }

        // MARK: - Entries (the gate)

        mutating func entering(_ entry: SyscallEntry, from role: Role) -> CallContext {
            guard ProgramEvents.isDrawn(entry) else {
                return CallContext(role: role, actor: actor(of: role), step: nil, isDrawn: false, isRestart: false)
            }
            let thread = ThreadKey(role: role, tid: entry.tid)
            if restarting[thread]?.call == entry.call {
                return CallContext(role: role, actor: actor(of: role), step: restarting[thread]?.numbered, isDrawn: true,
                                   isRestart: true)
            }
            if tracer == nil, role == .single, let side = Self.side(revealedBy: entry) { begin(sides: [side]) }
            guard let actor = actor(of: role) else {
                return CallContext(role: role, actor: nil, step: nil, isDrawn: true, isRestart: false)
            }
            let start = ProgramEvents.start(entry, actor: actor, time: 0)
            let step = steps.entering(start)
            numberedAtEntry[CallKey(role: role, sequence: entry.sequence)] = .some(step)
            return CallContext(role: role, actor: actor, step: step ?? steps.expected(start), isDrawn: true, isRestart: false)
        }

        /// What a call says about the program's side: a server binds, listens and accepts; a client connects.
        static func side(revealedBy entry: SyscallEntry) -> TraceEvent.Actor? {
            switch entry.lessonName {
            case .bind, .listen, .accept: return .server
            case .connect: return .client
            default: return nil
            }
        }

        // MARK: - Events (the handler)

        mutating func take(_ event: ProcessTraceEvent, from role: Role) {
            guard let tracer, let actor = actor(of: role) else {
                early.append((role, event))
                return
            }
            if case .output(let output) = event {
                printed(output, role: role, actor: actor, tracer: tracer)
                return
            }
            endLines(of: event, role: role, tracer: tracer)
            switch event {
            case .callStarted(let entry):
                guard ProgramEvents.isDrawn(entry) else { return }
                callStarted(entry, role: role, actor: actor, tracer: tracer)
            case .callFinished(let entry, let outcome):
                guard ProgramEvents.isDrawn(entry) else { return }
                callFinished(entry, outcome, role: role, tracer: tracer)
            default:
                guard var moment = ProgramEvents.moment(event, actor: actor, time: tracer.relative) else { return }
                tracer.emit(&moment)
            }
        }

        private mutating func printed(_ output: ProgramOutput, role: Role, actor: TraceEvent.Actor, tracer: Tracer) {
            let thread = ThreadKey(role: role, tid: output.tid)
            if let held = unfinishedLines[thread], held.stream != output.stream { endLine(of: thread, tracer: tracer) }
            var line = unfinishedLines.removeValue(forKey: thread) ?? PrintedLine(first: output)
            line.add(output)
            if output.bytes.last == 0x0A || output.count > output.bytes.count {
                unfinishedLines[thread] = line
                endLine(of: thread, tracer: tracer)
            } else {
                unfinishedLines[thread] = line
            }
        }

        /// Before anything else a process does (or its end), what its threads printed so far.
        private mutating func endLines(of event: ProcessTraceEvent, role: Role, tracer: Tracer) {
            guard !unfinishedLines.isEmpty else { return }
            var pid = event.pid
            if case .processStarted(let start) = event { pid = start.parentPID }
            for thread in unfinishedLines.keys where thread.role == role && unfinishedLines[thread]?.pid == pid {
                endLine(of: thread, tracer: tracer)
            }
        }

        private mutating func endLine(of thread: ThreadKey, tracer: Tracer) {
            guard let line = unfinishedLines.removeValue(forKey: thread), let actor = actor(of: thread.role) else { return }
            var moment = line.moment(actor: actor, tracer: tracer)
            moment.step = steps.printed(moment)
            tracer.emit(&moment)
        }

        /// Everything still unprinted, at the end.
        mutating func endAllLines() {
            guard let tracer else { return }
            for thread in unfinishedLines.keys { endLine(of: thread, tracer: tracer) }
        }

        private mutating func callStarted(_ entry: SyscallEntry, role: Role, actor: TraceEvent.Actor, tracer: Tracer) {
            let key = CallKey(role: role, sequence: entry.sequence)
            if let first = restarting.removeValue(forKey: ThreadKey(role: role, tid: entry.tid)), first.call == entry.call {
                started[key] = first
                numberedAtEntry[key] = nil
                return
            }
            var start = ProgramEvents.start(entry, actor: actor, time: tracer.relative(entry.released))
            let numbered: Int?
            if let step = numberedAtEntry.removeValue(forKey: key) {
                numbered = step
            } else {
                numbered = steps.entering(start)
            }
            start.step = numbered
            // An accept that will take the client's connection is step 2 from its start: the diagram then
            // shows it waiting only while the client has not connected yet.
            if start.operation == .accept, numbered == nil { start.step = steps.expected(start) }
            if start.operation == .connect, let fd = start.fd { connections.opened(pid: entry.pid, fd: fd) }
            start.connection = connections.label(pid: entry.pid, fd: start.fd)
            let seq = tracer.emit(&start)
            started[key] = Started(event: start, seq: seq, released: entry.released, call: entry.call, numbered: numbered)
        }

        private mutating func callFinished(_ entry: SyscallEntry, _ outcome: SyscallOutcome, role: Role, tracer: Tracer) {
            guard let first = started.removeValue(forKey: CallKey(role: role, sequence: entry.sequence)) else { return }
            if outcome.willRestart {
                restarting[ThreadKey(role: role, tid: entry.tid)] = first
                return
            }
            var done = ProgramEvents.done(entry, outcome, start: first.event, time: tracer.relative(outcome.time),
                                          duration: outcome.time >= first.released ? outcome.time - first.released : 0)
            done.callID = first.seq
            done.step = steps.finished(done, enteredAs: first.numbered)
            if done.operation == .accept, done.error == nil, let fd = done.newFD {
                connections.opened(pid: entry.pid, fd: fd)
                done.connection = connections.label(pid: entry.pid, fd: fd)
            } else {
                done.connection = connections.label(pid: entry.pid, fd: done.fd)
            }
            if done.operation == .close, let fd = done.fd { connections.closed(pid: entry.pid, fd: fd) }
            if done.operation == .listen, done.actor == .server, done.error == nil, let fd = done.fd { listener = (entry.pid, fd) }
            tracer.emit(&done)
        }
    }
}
