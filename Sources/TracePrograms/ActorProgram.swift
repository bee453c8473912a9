import TraceCore
import TraceSockets
import SocketTracing

/// One actor's side of a scenario, run on its own thread: its sockets and its actions, in order.
struct ActorProgram {
    let shared: ScenarioRun
    let actor: String
    let lane: TraceLane
    private var socket: Socket?
    private var listener: Socket?
    private var connections: [Socket] = []
    private var received: [UInt8] = []
    /// Connections accepted so far: the next one's id, even after earlier ones were closed.
    private var acceptedCount = 0

    /// Whether connections get ids in the events (only when there is more than one client).
    private let numbersConnections: Bool
    private let acceptRouter: AcceptRouter

    init(run: ScenarioRun, actor: String) {
        self.shared = run
        self.actor = actor
        let scenario = shared.scenario
        let role = scenario.role(of: actor) ?? .client
        let clients = scenario.actors.filter { $0.role == .client }
        numbersConnections = clients.count > 1
        let ordinal = numbersConnections && role == .client ? clients.firstIndex { $0.name == actor }.map { $0 + 1 } : nil
        lane = TraceLane(tracer: shared.tracer, actor: role == .server ? .server : .client, connection: ordinal)
        acceptRouter = AcceptRouter(server: lane)
    }

    mutating func run() {
        let actions = shared.scenario.actions
        let mine = actions.indices.filter { actions[$0].actor == actor }
        do throws(ScenarioError) {
            for (position, index) in mine.enumerated() {
                let action = actions[index]
                // The pacer first: a learner may take minutes over a card, and the waits below are
                // bounded by the run's timeout.
                do { try shared.pacer.waitForTurn(index) } catch { return }
                if position == 0 && shared.scenario.role(of: actor) == .client { try waitForServers(before: index) }
                try shared.waitForActions(action.after, actor: actor)
                if case .accept = action.call { try shared.waitForEarlierSetup(before: index, actor: actor) }
                if case .socket = action.call { try shared.waitForEarlierDescriptors(before: index, actor: actor) }
                if shared.isStopping { return }
                shared.markStarted(index)
                try perform(action, index: index)
                shared.markDone(index)
            }
        } catch {
            if !shared.isStopping { shared.fail(error) }
        }
    }

    /// A client starts once every server of the scenario is listening, as when the class starts the
    /// server program first.
    private func waitForServers(before index: Int) throws(ScenarioError) {
        let servers = shared.scenario.actions.filter {
            if case .listen = $0.call { return shared.scenario.role(of: $0.actor) == .server }
            return false
        }.map(\.actor)
        for server in servers { _ = try shared.listeningAddress(of: server, for: actor) }
    }

    /// Makes the call (as many times as the action repeats it); an expected error ends the action.
    private mutating func perform(_ action: Scenario.Action, index: Int) throws(ScenarioError) {
        for _ in 0..<max(action.repeatCount, 1) {
            if try performOnce(action, index: index) { return }
        }
        if let expected = action.expectedError {
            throw ScenarioError(actor: actor, action: index, reason: .unexpectedSuccess(expected: expected), line: action.line)
        }
    }

    /// True when the call failed with the error the action expects.
    private mutating func performOnce(_ action: Scenario.Action, index: Int) throws(ScenarioError) -> Bool {
        do {
            if let step = action.step {
                try lane.step(step) { () throws in try execute(action.call, index: index) }
            } else {
                try execute(action.call, index: index)
            }
        } catch let error as SocketError {
            if let failure = failure(for: error, action: action, index: index) { throw failure }
            return true
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(actor: actor, action: index, reason: .script("\(error)"))
        }
        publishSockets()
        return false
    }

    /// What a failed call means for the run: nil when the lesson expected exactly this error.
    /// (A separate function: written inline in `perform`, it crashed the 6.3.1 optimizer.)
    private func failure(for error: SocketError, action: Scenario.Action, index: Int) -> ScenarioError? {
        if shared.isStopping { return ScenarioError(actor: actor, action: index, reason: .script("stopped")) }
        if let expected = action.expectedError {
            if expected == error.name { return nil }
            return ScenarioError(actor: actor, action: index, reason: .wrongError(expected: expected, got: error), line: action.line)
        }
        if error.errno == .timedOut {
            return ScenarioError(actor: actor, action: index, reason: .timedOut("\(error.operation.rawValue)()"))
        }
        return ScenarioError(actor: actor, action: index, reason: .socket(error))
    }

    /// Lets the run probe this actor's sockets (for a walkthrough's cards).
    private func publishSockets() {
        shared.publish(listener: listener, connection: connections.last, for: actor)
    }

    /// Throws `SocketError` when a call fails, `ScenarioError` when the script asks for the impossible.
    private mutating func execute(_ call: Scenario.Call, index: Int) throws {
        switch call {
        case .socket:
            let family = try hostFamily()
            // With several clients, a server's accept() reports on the lane of the connection it makes
            // (as `trace server` does): `#2 accept()` is on client 2's row.
            let s = try Socket.tcp(family, observer: numbersConnections ? acceptRouter : lane)
            shared.register(s)
            socket = s
        case .setOption(let option, let value):
            try requireSocket(index).setOption(option, value)
        case .bind(let choice):
            let s = try requireSocket(index)
            let address: SocketAddress
            switch choice {
            case .runPort: address = try resolve(port: shared.options.port)
            case .sameAs(let other): address = try shared.boundAddress(of: other, for: actor)
            case .anyAddress: address = try resolve(port: shared.options.port).wildcard
            }
            try s.bind(to: address)
            if let local = s.localAddress { shared.publish(bound: local, for: actor) }
        case .listen(let backlog):
            let s = try requireSocket(index)
            try s.listen(backlog: backlog)
            listener = s
            socket = nil
            if let local = s.localAddress { shared.publish(listening: local, for: actor) }
        case .accept:
            guard let listener else { throw scriptError("accept() needs a listening socket", index) }
            let observer = numbersConnections ? lane.connection(acceptedCount + 1, sharingSteps: true) : lane
            if numbersConnections { acceptRouter.route(acceptTo: observer) }
            let connection = try shared.guarded("accept()", actor: actor, action: index) { () throws(SocketError) in
                try listener.accept(observer: observer)
            }
            acceptedCount += 1
            shared.register(connection)
            connections.append(connection)
        case .connect(let target):
            let s = try requireSocket(index)
            let address: SocketAddress
            switch target {
            case .actor(let other):
                let listening = try shared.listeningAddress(of: other, for: actor)
                // A server listening on every address is reached at the run's host.
                address = listening.isWildcard ? try resolve(port: listening.port) : listening
            case .closedPort: address = try portNobodyListensOn()
            case .address(let host, let port): address = try SocketAddress.resolve(host: host, port: port)[0]
            }
            try shared.guarded("connect()", actor: actor, action: index) { () throws(SocketError) in try s.connect(to: address) }
            connections = [s]
        case .send(let payload, let n):
            let bytes = payload.bytes
            let c = try connection(n, index)
            let sent = try bytes.withUnsafeBytes { buffer throws(SocketError) in try c.send(buffer) }
            shared.recordSent(sent, from: c.localAddress)
        case .sendAll(let payload, let n):
            let c = try connection(n, index)
            let bytes = payload.bytes
            try c.sendAll(bytes)
            shared.recordSent(bytes.count, from: c.localAddress)
        case .recv(let maxBytes, let until, let n):
            let c = try connection(n, index)
            var total = 0
            var mine: [UInt8] = []
            for _ in 0..<100_000 {
                let chunk = try shared.guarded("recv()", actor: actor, action: index) { () throws(SocketError) in
                    try c.receive(upTo: maxBytes)
                }
                if chunk.isEmpty {
                    // Woken by the tool's own stop, it is no closure of the peer's.
                    if !c.lastCallWasWokenByStop { lane.mark(.peerClosed, fd: c.fd) }
                    break
                }
                received += chunk
                total += chunk.count
                if case .once = until { break }
                if case .bytes(let wanted) = until, total >= wanted { break }
                if case .delimiter(let delimiter) = until {
                    mine += chunk
                    if mine.contains(delimiter) { break }
                }
            }
        case .print:
            lane.mark(.print, payload: received)
            received.removeAll()
        case .shutdown(let how, let n):
            try connection(n, index).shutdown(how)
        case .close(let n):
            if connections.isEmpty, let s = socket {
                socket = nil
                try close(s)
            } else {
                let c = try connection(n, index)
                connections.removeAll { $0 === c }
                if socket === c { socket = nil }
                try close(c)
            }
        case .closeListener:
            guard let l = listener else { throw scriptError("there is no listening socket to close", index) }
            listener = nil
            try close(l)
        case .tcpInfo(let condition, let n):
            try readKernel(until: condition, connection: n, index: index)
        }
    }

    private func readKernel(until condition: Scenario.KernelCondition?, connection n: Int?, index: Int) throws {
        let s: Socket
        if case .acceptQueue = condition {
            guard let listener else { throw scriptError("waiting for the queue needs a listening socket", index) }
            s = listener
        } else if n != nil || !connections.isEmpty {
            s = try connection(n, index)
        } else {
            s = try requireSocket(index)
        }
        let outcome = KernelWatch.wait(on: s, for: condition, timeout: shared.options.timeout,
                                       peerSent: { shared.bytesSent(from: s.remoteAddress) },
                                       isStopping: { shared.isStopping })
        switch outcome {
        case .reported(let view):
            var shown = condition
            if case .everythingSent = condition, let count = view?.bytesReceived { shown = .bytesReceived(Int(count)) }
            lane.mark(.tcpInfo, fd: s.fd, kernel: view, waitedFor: shown)
        case .timedOut(let last):
            let seen = last?.state.map { ", it said \($0.name)" } ?? ""
            throw ScenarioError(actor: actor, action: index, reason: .timedOut("the kernel to report \(condition?.description ?? "")\(seen)"))
        case .stopped:
            throw ScenarioError(actor: actor, action: index, reason: .script("stopped"))
        }
    }

    // MARK: - Helpers

    private func close(_ s: Socket) throws(SocketError) {
        shared.unregister(s)
        try s.close()
    }

    private func requireSocket(_ index: Int) throws -> Socket {
        // The socket the actor made last: a new one, else its connection, else its listener.
        guard let s = socket ?? connections.last ?? listener else { throw scriptError("no socket yet: call socket first", index) }
        return s
    }

    private func connection(_ number: Int?, _ index: Int) throws -> Socket {
        if let number {
            guard number >= 1, number <= connections.count else { throw scriptError("there is no connection \(number)", index) }
            return connections[number - 1]
        }
        guard let last = connections.last else { throw scriptError("not connected", index) }
        return last
    }

    private func hostFamily() throws(SocketError) -> SocketAddress.Family {
        try resolve(port: 0).family
    }

    private func resolve(port: UInt16) throws(SocketError) -> SocketAddress {
        let addresses = try SocketAddress.resolve(host: shared.options.host, port: port)
        return addresses[0]
    }

    /// A port on the run's host that was free a moment ago: bound, read back and released untraced.
    private func portNobodyListensOn() throws -> SocketAddress {
        let probe = try Socket.tcp(try hostFamily())
        defer { try? probe.close() }
        try probe.bind(to: try resolve(port: 0))
        guard let address = probe.localAddress else { throw SocketError(.invalid("no local address"), operation: .bind) }
        return address
    }

    private func scriptError(_ why: String, _ index: Int) -> ScenarioError {
        ScenarioError(actor: actor, action: index, reason: .script(why))
    }
}
