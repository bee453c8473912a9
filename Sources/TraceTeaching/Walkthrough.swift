import TraceEvents
import TraceRender
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
    /// A command given within `milliseconds`, if any (to stay responsive while a call waits).
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
    private let style: WalkthroughStyle
    private let output: any TextOutput
    private let glossary: any TermLookup
    /// A lesson's own terms for each numbered step, shown first on that step's cards.
    private let stepTerms: [Int: [String]]
    /// How long to wait for a stop's calls before saying that one is blocked and moving on.
    private let blockedAfter: Duration

    public init(scenario: Scenario, style: WalkthroughStyle, output: any TextOutput,
                glossary: any TermLookup = NoGlossary(), stepTerms: [Int: [String]] = [:], blockedAfter: Duration = .seconds(2)) {
        self.scenario = scenario
        self.stops = WalkthroughStop.stops(of: scenario)
        self.style = style
        self.output = output
        self.glossary = glossary
        self.stepTerms = stepTerms
        self.blockedAfter = blockedAfter
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
            output.write(card.lines(style, glossary: glossary).joined(separator: "\n") + "\n")
            if let ending = waitForAdvance(card, input: input, run: run, position: position) {
                if case .all = ending {
                    gate.grantAll()
                    return .finished
                }
                run.cancel()
                return ending.ending
            }
            gate.grant(through: stop.actions.last!)
            for index in stop.actions where !run.waitUntilDone(index, timeout: blockedAfter) {
                if let failure = run.failure { return .failed(failure.description) }
                if run.isCancelled { return .quit }
                let call = CallExplanation.of(scenario.actions[index].call, style.language,
                                              facts: facts(run, options)).call
                guard scenario.actors.count == 1 else {
                    // Another actor of the scenario will unblock it at a later step: move on.
                    output.write(style.line(style.ours(style.language.pick(
                        es: "  ⋯ \(call) sigue esperando (bloqueada): continúa cuando el otro lado actúe.",
                        en: "  ⋯ \(call) is still waiting (blocked): it goes on when the other side acts.")), .faint) + "\n")
                    break
                }
                // Alone, the program can only wait for its peer outside: wait, still listening to keys.
                output.write(style.line(style.ours(style.language.pick(
                    es: "  ⋯ \(call) espera al otro programa (q o Ctrl-C para salir)",
                    en: "  ⋯ \(call) waits for the other program (q or Ctrl-C to quit)")), .faint) + "\n")
                if let exit = waitForPeer(index, run: run, input: input) {
                    run.cancel()
                    return exit
                }
            }
        }
        if let failure = run.failure { return .failed(failure.description) }
        return .finished
    }

    /// Waits until action `index` is done, answering only the keys that stop; nil once it is done.
    private func waitForPeer(_ index: Int, run: ScenarioRun, input: any WalkthroughInput) -> WalkthroughEnding? {
        for _ in 0..<100_000_000 {
            if run.waitUntilDone(index, timeout: .milliseconds(50)) { return nil }
            if let failure = run.failure { return .failed(failure.description) }
            switch input.command(within: 50) {
            case .quit?: return .quit
            case .interrupt?: return .interrupted
            case .signal(let n)?: return .signalled(n)
            case .endOfInput?: return .endOfInput(beforeStop: stops.firstIndex { $0.actions.contains(index) } ?? 0)
            default: continue
            }
        }
        return .quit
    }

    private enum Exit {
        case all, quit, interrupted, signalled(Int32), endOfInput(Int)
        var ending: WalkthroughEnding {
            switch self {
            case .all: return .finished
            case .quit: return .quit
            case .interrupted: return .interrupted
            case .signalled(let n): return .signalled(n)
            case .endOfInput(let stop): return .endOfInput(beforeStop: stop)
            }
        }
    }

    /// Waits for a command that moves on; nil means perform the stop.
    private func waitForAdvance(_ card: WalkthroughCard, input: any WalkthroughInput, run: ScenarioRun, position: Int) -> Exit? {
        let l = style.language
        for _ in 0..<10_000 {
            output.write(style.line(style.ours((style.diagram.ascii ? "> " : "▶ ") + l.pick(
                es: "Enter: ejecutar · g: glosario · a: todo · ?: teclas · q: salir",
                en: "Enter: run it · g: glossary · a: all · ?: keys · q: quit")), .faint) + "\n")
            let command = input.nextCommand()
            if style.erasesPrompt { output.write("\u{1B}[1A\u{1B}[2K") }
            switch command {
            case .advance: return nil
            case .all: return .all
            case .quit: return .quit
            case .interrupt: return .interrupted
            case .signal(let n): return .signalled(n)
            case .endOfInput: return .endOfInput(position)
            case .glossary: output.write(definitions(card.terms).joined(separator: "\n") + "\n")
            case .help, .unknown: output.write(keysHelp().joined(separator: "\n") + "\n")
            }
        }
        return .quit
    }

    private func definitions(_ terms: [String]) -> [String] {
        let l = style.language
        var lines: [String] = []
        for term in terms {
            let name = glossary.name(of: term, in: l)
            let text = glossary.definition(of: term, in: l).map(GlossaryParser.plainText)
                ?? l.pick(es: "(sin definición en el glosario)", en: "(no definition in the glossary)")
            lines += Wrap.lines(style.ours(name + ": " + text), width: style.width, first: "  ", rest: "    ")
                .map { style.line($0, .plain) }
        }
        return lines
    }

    private func keysHelp() -> [String] {
        let l = style.language
        return [
            l.pick(es: "  Enter, espacio, n o →  ejecutar este paso", en: "  Enter, space, n or →  run this step"),
            l.pick(es: "  g                      definiciones de los términos de este paso", en: "  g                      definitions of this step's terms"),
            l.pick(es: "  a                      ejecutar el resto sin pausas", en: "  a                      run the rest without pausing"),
            l.pick(es: "  ?                      esta lista", en: "  ?                      this list"),
            l.pick(es: "  q                      salir (cierra todos los sockets)", en: "  q                      quit (closes every socket)"),
            l.pick(es: "  Ctrl-C                 interrumpir", en: "  Ctrl-C                 interrupt"),
        ].map { style.line(style.ours($0), .plain) }
    }

    private func facts(_ run: ScenarioRun, _ options: RunOptions) -> CallExplanation.Facts {
        let server = scenario.actors.first { $0.role == .server }?.name
        return CallExplanation.Facts(serverAddress: server.flatMap { run.listeningAddressIfKnown(of: $0)?.description },
                                     host: options.host, port: options.port)
    }

    private func card(for stop: WalkthroughStop, position: Int, numbered: [Int], run: ScenarioRun,
                      options: RunOptions) -> WalkthroughCard {
        let l = style.language
        let facts = self.facts(run, options)
        let calls = stop.actions.map { CallExplanation.of(scenario.actions[$0].call, l, facts: facts) }
        let side = scenario.role(of: stop.actor) == .server ? l.pick(es: "Servidor", en: "Server")
                                                             : l.pick(es: "Cliente", en: "Client")
        let who = scenario.actors.filter({ $0.role == scenario.role(of: stop.actor) }).count > 1 ? "\(side) \(stop.actor)" : side
        let place: String
        if let step = stop.step, let rank = numbered.firstIndex(of: step) {
            if numbered == Array(1...numbered.count) {
                place = l.pick(es: "Paso \(step) de \(numbered.count)", en: "Step \(step) of \(numbered.count)")
            } else {
                place = l.pick(es: "Paso \(step) (\(rank + 1) de \(numbered.count))", en: "Step \(step) (\(rank + 1) of \(numbered.count))")
            }
        } else if stops[..<position].contains(where: { $0.step != nil }) {
            place = l.pick(es: "Al final", en: "Afterwards")
        } else {
            place = l.pick(es: "Antes del paso 1", en: "Before step 1")
        }
        let title = "\(place) · \(who) · " + calls.map(\.call).joined(separator: ", ")
        let terms = StepTerms(glossary: glossary, lessonTerms: stepTerms).terms(of: calls, step: stop.step, language: l)
        let note = KernelNote.before(scenario.actions[stop.actions[0]].call, actor: stop.actor, run: run, language: l)
        return WalkthroughCard(title: title, calls: calls, kernelNote: note, terms: terms)
    }
}
