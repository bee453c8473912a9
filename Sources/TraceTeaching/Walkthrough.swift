import TracePrograms
import TraceCore
import TraceText
import TraceSockets

/// What the learner asked for at a pause.
public enum WalkthroughCommand: Sendable, Equatable {
    /// Enter, space, `n`, →: perform the step.
    case advance
    /// `g`: the definitions of this step's terms.
    case glossary
    /// `a`: run the rest without pausing.
    case all
    /// `?`: list the keys.
    case help
    /// `q`.
    case quit
    /// Ctrl-C.
    case interrupt
    /// A signal such as SIGTERM or SIGHUP.
    case signal(Int32)
    /// The input ended (a pipe closed).
    case endOfInput
    /// A key that means nothing here.
    case unknown
}

/// Where the walkthrough's commands come from: keys on a terminal, lines from a pipe, or a test.
public protocol WalkthroughInput: Sendable {
    /// Waits for the next command.
    func nextCommand() -> WalkthroughCommand
    /// The next command if one comes within `milliseconds` (keys or lines alike); nil when none did.
    func nextCommand(within milliseconds: Int32) -> WalkthroughCommand?
    /// A key pressed within `milliseconds`, if any, while a call waits; lines from a pipe are left for
    /// the steps to come.
    func command(within milliseconds: Int32) -> WalkthroughCommand?
}

/// How a walkthrough ended.
public enum WalkthroughEnding: Sendable, Equatable {
    case finished
    case quit
    case interrupted
    case signalled(Int32)
    case endOfInput(beforeStop: Int)
    case failed(String)
}

/// The step-by-step conductor: before each stop it shows a card and waits for the learner; only then
/// does it let the stop's system calls start. Steps run in the scenario's order whatever the thread
/// scheduling, and no step's call starts before the learner asked for it.
public final class Walkthrough: Pacer {
    public let scenario: Scenario
    public let stops: [WalkthroughStop]
    private let gate = Gate()
    private let language: Language
    private let screen: any WalkthroughScreen
    private let glossary: any TermLookup
    /// A lesson's own terms for each numbered step, shown first on that step's cards.
    private let stepTerms: [Int: [String]]
    /// How long to wait for a stop's calls before saying that one is blocked and moving on.
    private let blockedAfter: Duration
    /// The packets captured, when they are: each stop's segments are named after its calls.
    private let witness: (any SegmentWitness)?
    /// How often the kernel is read again while a card waits for its key.
    static let refreshMilliseconds: Int32 = 200

    public init(scenario: Scenario, language: Language, screen: any WalkthroughScreen,
                glossary: any TermLookup = NoGlossary(), stepTerms: [Int: [String]] = [:], blockedAfter: Duration = .seconds(2),
                witness: (any SegmentWitness)? = nil) {
        self.scenario = scenario
        self.stops = WalkthroughStop.stops(of: scenario)
        self.language = language
        self.screen = screen
        self.glossary = glossary
        self.stepTerms = stepTerms
        self.blockedAfter = blockedAfter
        self.witness = witness
    }

    public func waitForTurn(_ index: Int) throws(ScenarioStop) { try gate.waitForTurn(index) }
    public func stop() { gate.stop() }

    /// Walks `run` (started on another thread with this walkthrough as its pacer) stop by stop, reading
    /// the learner's commands from `input`. Cancels the run on any way out; returns once the run's
    /// calls have been allowed to finish or have been stopped.
    public func drive(_ run: ScenarioRun, input: any WalkthroughInput, options: RunOptions) -> WalkthroughEnding {
        let numbered = stops.compactMap(\.step)
        for (position, stop) in stops.enumerated() {
            if let failure = run.failure { return .failed(failure.description) }
            let card = self.card(for: stop, position: position, numbered: numbered, run: run, options: options)
            screen.show(card)
            if let ending = waitForAdvance(card, stop: stop, input: input, run: run, position: position) {
                if case .all = ending {
                    gate.grantAll()
                    return .finished
                }
                run.cancel(because: ending.reason)
                return ending.ending
            }
            let began = MonotonicClock.now()
            gate.grant(through: stop.actions.last!)
            var blocked = false
            for index in stop.actions where !run.waitUntilDone(index, timeout: blockedAfter) {
                if let failure = run.failure { return .failed(failure.description) }
                if run.isCancelled { return .quit }
                let call = CallExplanation.of(scenario.actions[index].call, language, facts: facts(run, options)).call
                guard scenario.actors.count == 1 else {
                    // Another actor of the scenario will unblock it at a later step: move on.
                    screen.show(.stillBlocked(call: call))
                    blocked = true
                    break
                }
                // Alone, the program can only wait for its peer outside: wait, still listening to keys.
                screen.show(.waitsForPeer(call: call))
                if let exit = waitForPeer(index, run: run, input: input) {
                    run.cancel(because: exit.reason)
                    return exit.ending
                }
            }
            if !blocked { showSegments(of: stop, since: began, run: run, options: options) }
        }
        if let failure = run.failure { return .failed(failure.description) }
        return .finished
    }

    /// After a stop whose calls all returned: the segments that crossed the wire meanwhile.
    private func showSegments(of stop: WalkthroughStop, since began: UInt64, run: ScenarioRun, options: RunOptions) {
        guard let witness, run.failure == nil, !run.isCancelled else { return }
        let actor: TraceEvent.Actor = scenario.role(of: stop.actor) == .server ? .server : .client
        let calls = stop.actions.map { CallExplanation.of(scenario.actions[$0].call, language, facts: facts(run, options)).call }
        if let note = witness.note(step: stop.step, actor: actor, calls: calls, since: began, language: language) {
            screen.show(.segments(note))
        }
    }

    /// Waits until action `index` is done, answering only the keys that stop; nil once it is done.
    private func waitForPeer(_ index: Int, run: ScenarioRun, input: any WalkthroughInput) -> Exit? {
        for _ in 0..<100_000_000 {
            if run.waitUntilDone(index, timeout: .milliseconds(50)) { return nil }
            if let failure = run.failure { return .failed(failure.description) }
            switch input.command(within: 50) {
            case .quit?: return .quit
            case .interrupt?: return .interrupted
            case .signal(let n)?: return .signalled(n)
            case .endOfInput?: return .endOfInput(stops.firstIndex { $0.actions.contains(index) } ?? 0)
            default: continue
            }
        }
        return .quit
    }

    private enum Exit {
        case all, quit, interrupted, signalled(Int32), endOfInput(Int), failed(String)
        var ending: WalkthroughEnding {
            switch self {
            case .all: return .finished
            case .quit: return .quit
            case .interrupted: return .interrupted
            case .signalled(let n): return .signalled(n)
            case .endOfInput(let stop): return .endOfInput(beforeStop: stop)
            case .failed(let why): return .failed(why)
            }
        }
        /// Why the tool stops the run, as its recording says.
        var reason: String {
            switch self {
            case .all: return "all"
            case .quit: return "quit"
            case .interrupted: return "interrupt"
            case .signalled(let n): return SignalName.of(n)
            case .endOfInput: return "end of input"
            case .failed: return "failure"
            }
        }
    }

    /// Waits for a command that moves on; nil means perform the stop.
    private func waitForAdvance(_ card: WalkthroughCard, stop: WalkthroughStop, input: any WalkthroughInput,
                                run: ScenarioRun, position: Int) -> Exit? {
        let firstCall = scenario.actions[stop.actions[0]].call
        let prompt = CardPrompt(screen: screen, glossary: glossary, language: language)
        switch prompt.answer(card, input: input, kernelNow: { KernelNote.before(firstCall, actor: stop.actor, run: run, language: language) }) {
        case .advance: return nil
        case .all: return .all
        case .interrupt: return .interrupted
        case .signal(let n): return .signalled(n)
        case .endOfInput: return .endOfInput(position)
        default: return .quit
        }
    }

    private func facts(_ run: ScenarioRun, _ options: RunOptions) -> CallExplanation.Facts {
        let server = scenario.actors.first { $0.role == .server }?.name
        return CallExplanation.Facts(serverAddress: server.flatMap { run.listeningAddressIfKnown(of: $0)?.description },
                                     host: options.host, port: options.port)
    }

    private func card(for stop: WalkthroughStop, position: Int, numbered: [Int], run: ScenarioRun,
                      options: RunOptions) -> WalkthroughCard {
        let l = language
        let facts = self.facts(run, options)
        let calls = stop.actions.map { CallExplanation.of(scenario.actions[$0].call, l, facts: facts) }
        let side = StopPlace.side(server: scenario.role(of: stop.actor) == .server, l)
        let who = scenario.actors.filter({ $0.role == scenario.role(of: stop.actor) }).count > 1 ? "\(side) \(stop.actor)" : side
        let place: StopPlace
        if let step = stop.step {
            place = .step(step, of: numbered)
        } else if stops[..<position].contains(where: { $0.step != nil }) {
            place = .afterwards
        } else {
            place = .beforeFirstStep
        }
        let title = "\(place.words(l)) · \(who) · " + calls.map(\.call).joined(separator: ", ")
        let terms = StepTerms(glossary: glossary, lessonTerms: stepTerms).terms(of: calls, step: stop.step, language: l)
        let note = KernelNote.before(scenario.actions[stop.actions[0]].call, actor: stop.actor, run: run, language: l)
        return WalkthroughCard(title: title, step: stop.step, calls: calls, kernelNote: note, terms: terms,
                               termNames: terms.map { glossary.name(of: $0, in: l) })
    }
}

/// A signal's name, as the tool records why it stopped: `SIGTERM`, `SIGHUP`.
public enum SignalName {
    public static func of(_ number: Int32) -> String {
        switch number {
        case 1: return "SIGHUP"
        case 2: return "SIGINT"
        case 3: return "SIGQUIT"
        case 15: return "SIGTERM"
        default: return "signal \(number)"
        }
    }
}
