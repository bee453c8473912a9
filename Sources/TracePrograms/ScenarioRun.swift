import TraceCore
import TraceSockets
import SocketTracing
import TraceText

/// Where and how a scenario runs.
public struct RunOptions: Sendable {
    /// The address servers bind to and clients connect to: `127.0.0.1`, `::1`, a name.
    public var host: String
    /// The servers' port; 0 lets the kernel choose a free (ephemeral) one.
    public var port: UInt16
    /// How long any one wait may last (a connection, a message, another actor) before the tool's guard
    /// stops the run.
    public var timeout: Duration

    public init(host: String = "127.0.0.1", port: UInt16 = 0, timeout: Duration = .seconds(10)) {
        self.host = host
        self.port = port
        self.timeout = timeout
    }
}

/// Why a run failed.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable {
        case socket(SocketError)
        /// The line said `expect NAME` and the call succeeded.
        case unexpectedSuccess(expected: String)
        /// The line said `expect NAME` and the call failed with another error.
        case wrongError(expected: String, got: SocketError)
        case script(String)
        case timedOut(String)
    }

    public let actor: String
    public let action: Int?
    public let reason: Reason
    /// The scenario line of the action (1-based, in its lesson file), when it came from one.
    public var line: Int? = nil

    public var description: String { message(.en) }

    /// The one line the learner reads. `source` is the lesson file the scenario came from: an unmet
    /// `expect` is `file:line: ...`. `host` and `port` are the run's, for the friendly lines (a port in use).
    public func message(_ language: Language, source: String? = nil, host: String = "127.0.0.1", port: UInt16 = 0) -> String {
        let l = language
        let place = [source, line.map(String.init)].compactMap { $0 }.joined(separator: ":")
        let at = place.isEmpty ? "" : (source == nil ? l.pick(es: "línea \(place): ", en: "line \(place): ") : "\(place): ")
        switch reason {
        case .socket(let e):
            // The options a run takes (--host, --port) are what a bind() error is about; the others
            // (nothing listening, a reset) are the lesson's own, told as they are.
            if e.operation == .bind, let friendly = NetworkText.friendly(e, host: host, port: port, l) { return friendly }
            return "\(actor): " + NetworkText.plain(e, l)
        case .unexpectedSuccess(let name):
            return at + l.pick(es: "\(actor): se esperaba \(name) (expect \(name)), pero la llamada salió bien",
                               en: "\(actor): expected \(name) (expect \(name)), but the call succeeded")
        case .wrongError(let name, let got):
            return at + l.pick(es: "\(actor): se esperaba \(name) (expect \(name)), pero \(got.operation.rawValue)() falló con \(got.name) (\(ErrnoText.explanation(of: got.name, system: got.message, .es)))",
                               en: "\(actor): expected \(name) (expect \(name)), but \(got.operation.rawValue)() failed with \(got.name) (\(got.message))")
        case .script(let why): return "\(actor): \(why)"
        case .timedOut(let what):
            return l.pick(es: "\(actor): se agotó el tiempo esperando \(what)", en: "\(actor): timed out waiting for \(what)")
        }
    }
}

/// One run of a scenario: a thread per actor, real sockets, every call traced.
public final class ScenarioRun: @unchecked Sendable {
    public let scenario: Scenario
    public let tracer: Tracer
    public let options: RunOptions
    public let pacer: any Pacer

    // Shared state, guarded by `condition`.
    private let condition = ThreadCondition()
    private var done: [Bool]
    private var started: [Bool]
    private var listening: [String: SocketAddress] = [:]
    private var bound: [String: SocketAddress] = [:]
    private var openSockets: [ObjectIdentifier: Socket] = [:]
    private var actorSockets: [String: (listener: Socket?, connection: Socket?)] = [:]
    private var firstFailure: ScenarioError?
    /// Bytes each connection (by its local address) has handed to its kernel.
    private var sentBytes: [SocketAddress: Int] = [:]
    private var cancelled = false
    private var runningActors = 0
    /// The tool's guard over the actors' blocking calls.
    let watchdog = Watchdog()

    public init(scenario: Scenario, tracer: Tracer, options: RunOptions = RunOptions(), pacer: (any Pacer)? = nil) {
        self.scenario = scenario
        self.tracer = tracer
        self.options = options
        self.pacer = pacer ?? FreePacer()
        self.done = Array(repeating: false, count: scenario.actions.count)
        self.started = Array(repeating: false, count: scenario.actions.count)
        // Counted from the start, so that a conductor waiting on the run never sees it ended before it began.
        self.runningActors = scenario.actors.count
    }

    public enum Outcome: Sendable {
        case completed
        case cancelled
        case failed(ScenarioError)
    }

    /// Runs every actor to the end (or to the first failure) and returns when all their threads have.
    /// Every socket is closed by then.
    @discardableResult
    public func run() -> Outcome {
        pacer.attach(self)
        let names = scenario.actors.map(\.name)
        let threads = names.map { name in
            BlockingThread(name: "trace-\(name)") { [self] in
                var program = ActorProgram(run: self, actor: name)
                program.run()
                condition.lock()
                runningActors -= 1
                condition.broadcast()
                condition.unlock()
            }
        }
        for thread in threads { try? thread.join() }
        watchdog.stop()
        condition.lock()
        let leftovers = openSockets.values.sorted { $0.fd < $1.fd }
        openSockets.removeAll()
        let outcome: Outcome = firstFailure.map { .failed($0) } ?? (cancelled ? .cancelled : .completed)
        condition.unlock()
        // Sockets no action closed: the tool closes them once every actor is done, as the end of a
        // process would, drawn as the tool's.
        for socket in leftovers { try? socket.close(byTool: true) }
        return outcome
    }

    /// Stops the run from any thread, as the tool: records why (`quit`, `interrupt`, a signal's name),
    /// then waiting actors give up and blocked calls are woken (each wake-up drawn as the tool's).
    public func cancel(because reason: String = "quit") {
        condition.lock()
        let first = !cancelled && firstFailure == nil
        cancelled = true
        let sockets = Array(openSockets.values)
        condition.broadcast()
        condition.unlock()
        if first { markTool(.stop, text: reason) }
        pacer.stop()
        for socket in sockets { socket.interrupt() }
    }

    /// A moment of the tool's own (a stop, a guard's timeout), on no actor's lifeline.
    private func markTool(_ operation: TraceEvent.Operation, text: String, timeout: Duration? = nil) {
        var event = TraceEvent(time: tracer.now(), phase: .instant, actor: .tool, operation: operation, text: text,
                               origin: .tool, timeout: timeout.map { Int32(clamping: Int64($0.seconds * 1000)) })
        tracer.emit(&event)
    }

    /// Runs an actor's blocking call under the tool's guard: past the run's timeout, the run fails with
    /// `timedOut(what)` and its sockets are woken.
    func guarded<T, E: Error>(_ what: String, actor: String, action: Int, _ body: () throws(E) -> T) throws(E) -> T {
        let timeout = options.timeout
        return try watchdog.guarding(for: timeout, expire: { [self] in
            condition.lock()
            let live = !cancelled && firstFailure == nil
            condition.unlock()
            guard live else { return }
            markTool(.timeout, text: what, timeout: timeout)
            fail(ScenarioError(actor: actor, action: action, reason: .timedOut(what)))
        }, body)
    }

    /// The first error that stopped the run, if any.
    public var failure: ScenarioError? {
        condition.lock()
        defer { condition.unlock() }
        return firstFailure
    }

    /// The address an actor listens on, if it is listening already (does not wait).
    public func listeningAddressIfKnown(of actor: String) -> SocketAddress? {
        condition.lock()
        defer { condition.unlock() }
        return listening[actor]
    }

    public var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Whether action `index` has started (it may be blocked in its call).
    public func hasStarted(_ index: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return started[index]
    }

    /// Waits until action `index` is done, the run stops, or `timeout` passes; true when done.
    public func waitUntilDone(_ index: Int, timeout: Duration) -> Bool {
        let deadline = MonotonicClock.now() &+ timeout.nanoseconds
        condition.lock()
        defer { condition.unlock() }
        while !done[index] && !cancelled && firstFailure == nil && runningActors > 0 {
            if !condition.wait(untilMonotonic: deadline) { break }
        }
        return done[index]
    }

    // MARK: - For the actors

    func markStarted(_ index: Int) {
        condition.lock()
        started[index] = true
        condition.broadcast()
        condition.unlock()
    }

    func markDone(_ index: Int) {
        condition.lock()
        done[index] = true
        condition.broadcast()
        condition.unlock()
    }

    func fail(_ error: ScenarioError) {
        condition.lock()
        let first = firstFailure == nil && !cancelled
        if first { firstFailure = error }
        let sockets = Array(openSockets.values)
        condition.broadcast()
        condition.unlock()
        guard first else { return }
        pacer.stop()
        for socket in sockets { socket.interrupt() }
    }

    /// True once the run is stopping (cancelled or failed): actors then leave quietly.
    var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled || firstFailure != nil
    }

    func register(_ socket: Socket) {
        condition.lock()
        openSockets[ObjectIdentifier(socket)] = socket
        let stopping = cancelled || firstFailure != nil
        condition.unlock()
        if stopping { socket.interrupt() }
    }

    func unregister(_ socket: Socket) {
        condition.lock()
        openSockets[ObjectIdentifier(socket)] = nil
        condition.unlock()
    }

    func publish(bound address: SocketAddress, for actor: String) {
        condition.lock()
        bound[actor] = address
        condition.broadcast()
        condition.unlock()
    }

    func publish(listening address: SocketAddress, for actor: String) {
        condition.lock()
        listening[actor] = address
        condition.broadcast()
        condition.unlock()
    }

    /// Waits (bounded by the run's timeout) until `predicate` holds over the shared state.
    func waitFor<T>(_ what: String, actor: String, _ value: () -> T?) throws(ScenarioError) -> T {
        let deadline = MonotonicClock.now() &+ options.timeout.nanoseconds
        condition.lock()
        defer { condition.unlock() }
        while true {
            if cancelled || firstFailure != nil { throw ScenarioError(actor: actor, action: nil, reason: .script("stopped")) }
            if let v = value() { return v }
            if !condition.wait(untilMonotonic: deadline) {
                throw ScenarioError(actor: actor, action: nil, reason: .timedOut(what))
            }
        }
    }

    /// Records the actor's listening socket and current connection, for `probe`.
    func publish(listener: Socket?, connection: Socket?, for actor: String) {
        condition.lock()
        actorSockets[actor] = (listener, connection)
        condition.unlock()
    }

    /// What the kernel holds for an actor right now, asked from any thread without disturbing it:
    /// its listener's queue, its connection's state and the bytes waiting to be read.
    public func probe(_ actor: String) -> ActorProbe {
        condition.lock()
        let sockets = actorSockets[actor]
        condition.unlock()
        return ActorProbe(listener: sockets?.listener?.kernelView(), connection: sockets?.connection?.kernelView(),
                          readableBytes: sockets?.connection?.readableByteCount())
    }

    func recordSent(_ count: Int, from address: SocketAddress?) {
        guard let address else { return }
        condition.lock()
        sentBytes[address, default: 0] += count
        condition.unlock()
    }

    /// Bytes sent so far by the connection whose local address is `address` (a peer of the caller).
    func bytesSent(from address: SocketAddress?) -> Int {
        guard let address else { return 0 }
        condition.lock()
        defer { condition.unlock() }
        return sentBytes[address] ?? 0
    }

    func listeningAddress(of target: String, for actor: String) throws(ScenarioError) -> SocketAddress {
        try waitFor("\(target) to listen", actor: actor) { listening[target] }
    }

    func boundAddress(of target: String, for actor: String) throws(ScenarioError) -> SocketAddress {
        try waitFor("\(target) to bind", actor: actor) { bound[target] }
    }

    /// Waits until every setup action (one without a step) listed before `index` has started. A blocked
    /// `accept()` already holds the descriptor number it will return (the kernel reserves it before
    /// waiting), so an `accept` that started early would take the number the script gives the calls
    /// listed before it: the client's socket would be fd 5 one run and fd 4 the next. Numbered steps
    /// are not waited for: a server is seen waiting in `accept()` while a paced `connect()` waits its turn.
    func waitForEarlierSetup(before index: Int, actor: String) throws(ScenarioError) {
        let setup = scenario.actions[..<index].indices.filter { scenario.actions[$0].step == nil }
        guard !setup.isEmpty else { return }
        let _: Bool = try waitFor("the setup before action \(index + 1) to start", actor: actor) {
            setup.allSatisfy { started[$0] } ? true : nil
        }
    }

    /// Waits until every `socket()` listed before `index` is done (and every `accept()` has started):
    /// descriptors are numbered in the order the script lists the calls that make them, every run, even
    /// when two clients' threads race to their `socket()`.
    func waitForEarlierDescriptors(before index: Int, actor: String) throws(ScenarioError) {
        let sockets = scenario.actions[..<index].indices.filter { if case .socket = scenario.actions[$0].call { return true }; return false }
        let accepts = scenario.actions[..<index].indices.filter { if case .accept = scenario.actions[$0].call { return true }; return false }
        guard !sockets.isEmpty || !accepts.isEmpty else { return }
        let _: Bool = try waitFor("the descriptors before action \(index + 1)", actor: actor) {
            sockets.allSatisfy { done[$0] } && accepts.allSatisfy { started[$0] } ? true : nil
        }
    }

    func waitForActions(_ indices: [Int], actor: String) throws(ScenarioError) {
        guard !indices.isEmpty else { return }
        let _: Bool = try waitFor("actions \(indices.map { String($0 + 1) }.joined(separator: ", "))", actor: actor) {
            indices.allSatisfy { done[$0] } ? true : nil
        }
    }
}

/// The kernel's view of one actor's sockets at one moment (see `ScenarioRun.probe`).
public struct ActorProbe: Sendable, Hashable {
    /// The listening socket: state LISTEN, with its accept queue.
    public var listener: TCPInfo?
    /// The current connection.
    public var connection: TCPInfo?
    /// Bytes received on the connection that no `recv()` has taken yet.
    public var readableBytes: Int?
}
