import Dispatch
import Synchronization
import TraceCore
import TraceProcess
import TraceSockets
import TraceText

/// The programs of one `trace run`, each started traced into one `ProgramTrace` and followed to its end:
/// with a server, the client starts once the server's `listen()` has returned (observed by the tracer,
/// never guessed with a pause), with `{port}` replaced by the port it listens on. `stop(because:)`, from
/// any thread, kills every traced process.
final class ProgramRun: Sendable {
    let trace: ProgramTrace
    let language: Language
    /// How long the server may take to listen (nil: no limit, as in a walkthrough, where the learner's
    /// reading time counts).
    let listenTimeout: Duration?
    /// How long a server may go on once its client has ended before it is stopped.
    static let serverGrace = Duration.seconds(5)

    private let tracers = Mutex<[ProcessTracer]>([])
    private let stopReason = Mutex<String?>(nil)
    private let listening = Mutex<SocketAddress?>(nil)
    private let listened = DispatchSemaphore(value: 0)
    private let notes = Mutex<[String]>([])

    /// Lines for standard error once the run is over (what trace did to the programs, and why).
    var messages: [String] { notes.withLock { $0 } }

    /// How the run ended.
    enum Ending: Equatable {
        /// The programs ended by themselves: the status `trace run` exits with (the client's, or the
        /// server's when the client succeeded and the server failed).
        case ended(status: Int32)
        /// `stop(because:)` ended it.
        case stopped(reason: String)
    }

    init(trace: ProgramTrace, language: Language, listenTimeout: Duration?) {
        self.trace = trace
        self.language = language
        self.listenTimeout = listenTimeout
    }

    /// Kills every traced process, now and from now on.
    func stop(because reason: String) {
        let first = stopReason.withLock { current -> Bool in
            guard current == nil else { return false }
            current = reason
            return true
        }
        guard first else { return }
        trace.toolStopped(because: reason)
        for tracer in tracers.withLock({ $0 }) { tracer.stop() }
        listened.signal()
    }

    var isStopped: Bool { stopReason.withLock { $0 != nil } }

    /// Fails, before anything starts, when a program cannot be found or run (127, 126), as a shell does.
    static func check(_ programs: ProgramTrace.Programs, language: Language) throws(CommandFailure) {
        let commands: [(ProgramTrace.Role, [String])]
        switch programs {
        case .pair(let server, let client): commands = [(.server, server), (.client, client)]
        case .single(let command, _): commands = [(.single, command)]
        }
        for (role, command) in commands {
            do { _ = try TracedCommand(command).resolvedPath() } catch {
                throw CommandFailure(message: RunText.startFailure(error, role: who(role, language), language: language),
                                     status: error.exitStatus)
            }
        }
    }

    /// How a program is named in a message: `the server: `, `the client: `, nothing for a single one.
    static func who(_ role: ProgramTrace.Role, _ l: Language) -> String? {
        switch role {
        case .server: return l.pick(es: "el servidor", en: "the server")
        case .client: return l.pick(es: "el cliente", en: "the client")
        case .single: return nil
        }
    }

    /// Something that follows a walkthrough: the gate asked at each call's entry, and every event reported.
    struct Observer: Sendable {
        let gate: @Sendable (SyscallEntry, ProgramTrace.CallContext) -> GateDecision
        let events: @Sendable (ProcessTraceEvent, ProgramTrace.Role) -> Void
    }

    /// Runs the programs to their end.
    func run(streams: ProgramStreams, observer: Observer? = nil) throws(CommandFailure) -> Ending {
        defer { streams.close() }
        switch trace.programs {
        case .single(let command, _):
            let tracer = try start(command, as: .single, streams: streams, observer: observer)
            streams.programsStarted()
            let outcome = tracer.wait()
            trace.finish()
            return ending(outcome.shellStatus)
        case .pair(let serverCommand, let clientCommand):
            let server = try start(serverCommand, as: .server, streams: streams, observer: observer)
            let port: UInt16
            do {
                guard let listening = try waitUntilListening(server) else {
                    _ = server.wait()
                    trace.finish()
                    return ending(0)
                }
                port = listening
            } catch {
                server.stop()
                _ = server.wait()
                trace.finish()
                throw error
            }
            let client: ProcessTracer
            do {
                client = try start(TracedCommand(clientCommand).substitutingPort(port).arguments, as: .client,
                                   streams: streams, observer: observer)
            } catch {
                server.stop()
                _ = server.wait()
                trace.finish()
                throw error
            }
            streams.programsStarted()
            let clientStatus = client.wait().shellStatus
            var serverOutlived: Int?
            var serverOutcome = server.wait(timeout: Self.serverGrace)
            if serverOutcome == nil, !isStopped {
                let seconds = Int(Self.serverGrace.components.seconds)
                trace.toolStopped(because: "server outlived client")
                server.stop()
                serverOutlived = seconds
            }
            if serverOutcome == nil { serverOutcome = server.wait() }
            trace.finish()
            let serverStatus = serverOutcome!.wasStopped ? 0 : serverOutcome!.shellStatus
            if let seconds = serverOutlived { notes.withLock { $0.append(RunText.serverOutlivedClient(seconds: seconds, language)) } }
            return ending(clientStatus != 0 ? clientStatus : serverStatus)
        }
    }

    private func ending(_ status: Int32) -> Ending {
        if let reason = stopReason.withLock({ $0 }) { return .stopped(reason: reason) }
        return .ended(status: status)
    }

    private func start(_ arguments: [String], as role: ProgramTrace.Role, streams: ProgramStreams,
                       observer: Observer?) throws(CommandFailure) -> ProcessTracer {
        let command = TracedCommand(arguments, standardInput: streams.input, standardOutput: streams.output,
                                    standardError: streams.errors)
        let handler = trace.handler(role)
        let tracer = ProcessTracer(command, gate: trace.gate(role, then: observer?.gate)) { [self] event in
            // Drawn first, then told: a walkthrough moves on only once the line is on the screen.
            handler(event)
            observer?.events(event, role)
            if role == .server, let address = event.listeningAddress {
                let first = listening.withLock { current -> Bool in
                    defer { if current == nil { current = address } }
                    return current == nil
                }
                if first { listened.signal() }
            }
        }
        tracers.withLock { $0.append(tracer) }
        if isStopped { tracer.stop() }
        do {
            try tracer.start()
        } catch {
            trace.toolStopped(because: "start failure")
            throw CommandFailure(message: RunText.startFailure(error, role: Self.who(role, language), language: language),
                                 status: error.exitStatus)
        }
        return tracer
    }

    /// The port the server listens on, once its `listen()` returned; nil when the run was stopped first.
    private func waitUntilListening(_ server: ProcessTracer) throws(CommandFailure) -> UInt16? {
        let deadline = listenTimeout.map { MonotonicClock.now() + UInt64($0.components.seconds) * 1_000_000_000 }
        for _ in 0..<Int.max {
            if let address = listening.withLock({ $0 }) { return address.port }
            if isStopped { return nil }
            if let outcome = server.wait(timeout: .zero) {
                throw CommandFailure(message: RunText.endedBeforeListening(outcome.shellStatus, language),
                                     status: outcome.shellStatus == 0 ? ExitStatus.failure : outcome.shellStatus)
            }
            if let deadline, MonotonicClock.now() >= deadline {
                let seconds = Int(listenTimeout!.components.seconds)
                trace.toolStopped(because: "listen timeout")
                throw CommandFailure(message: RunText.neverListened(seconds: seconds, language), status: ExitStatus.failure)
            }
            _ = listened.wait(timeout: .now() + .milliseconds(20))
        }
        throw CommandFailure(message: RunText.neverListened(seconds: 0, language), status: ExitStatus.failure)
    }
}
