import Dispatch
import Synchronization
import TraceCore
import TraceProcess
import TraceText

/// The step-by-step conductor for traced programs (`trace run --step`): each socket call a program makes
/// waits at its entry, the program stopped there by the tracer, until the learner asks for it; first a
/// card says what the call does in the program and in the kernel, and what the kernel already did (read
/// at that moment). The seed's numbered steps are shown in the lesson's order: a call of step N waits
/// until the calls of the steps before it have been let run (so the server's `accept()` comes after the
/// client's `connect()`, and finds the connection already waiting in its queue). A call that blocks is
/// said to; the other program goes on. No call starts before the learner asked for it: its
/// `entry.released` is after the key.
///
/// The conductor decides what is shown and when; a `WalkthroughScreen` decides how.
public final class ProgramWalkthrough: Sendable {
    private let screen: any WalkthroughScreen
    private let language: Language
    private let glossary: any TermLookup
    /// A lesson's own terms for each numbered step, shown first on that step's cards.
    private let stepTerms: [Int: [String]]
    private let trace: ProgramTrace
    /// How long a call that was let run may take before the screen says it waits (blocks).
    private let blockedAfter: Duration
    /// How long nothing may happen before a call held for the lesson's order is shown anyway.
    private let stuckAfter: Duration
    /// With packets: the segments seen, named after each call that returned.
    private let witness: (any SegmentWitness)?
    private let state = Mutex(State())

    public init(screen: any WalkthroughScreen, language: Language, trace: ProgramTrace, glossary: any TermLookup = NoGlossary(),
                stepTerms: [Int: [String]] = [:], blockedAfter: Duration = .seconds(2), stuckAfter: Duration = .seconds(1),
                witness: (any SegmentWitness)? = nil) {
        self.screen = screen
        self.witness = witness
        self.stepTerms = stepTerms
        self.language = language
        self.trace = trace
        self.glossary = glossary
        self.blockedAfter = blockedAfter
        self.stuckAfter = stuckAfter
    }

    /// A call stopped at its entry, waiting for its turn.
    private final class HeldCall: Sendable {
        let entry: SyscallEntry
        let context: ProgramTrace.CallContext
        let decision = Mutex<GateDecision?>(nil)
        let decided = DispatchSemaphore(value: 0)

        init(entry: SyscallEntry, context: ProgramTrace.CallContext) {
            self.entry = entry
            self.context = context
        }

        func decide(_ decision: GateDecision) {
            self.decision.withLock { $0 = decision }
            decided.signal()
        }

        var thread: ThreadKey { ThreadKey(role: context.role, tid: entry.tid) }
    }

    private struct ThreadKey: Hashable, Sendable {
        let role: ProgramTrace.Role
        let tid: Int32
    }

    private struct State: Sendable {
        var pending: [HeldCall] = []
        var released: Set<Int> = []
        var lastReleased: Int?
        var runAll = false
        var stopping = false
        var runEnded = false
        var roots: [ProgramTrace.Role: Int32] = [:]
        var endedRoles: Set<ProgramTrace.Role> = []
        /// When each thread's last call returned (monotonic nanoseconds).
        var lastReturn: [ThreadKey: UInt64] = [:]
        /// When anything last happened (a call arrived or returned, a process came or went).
        var lastChange: UInt64 = MonotonicClock.now()
    }

    // MARK: - From the tracer threads

    /// The gate: holds a drawn call until the learner asks for it (or the run stops).
    public func hold(_ entry: SyscallEntry, _ context: ProgramTrace.CallContext) -> GateDecision {
        guard context.isDrawn, !context.isRestart else { return .proceed }
        let held = HeldCall(entry: entry, context: context)
        let queued = state.withLock { s -> GateDecision? in
            if s.stopping { return .stop }
            if s.runAll { return .proceed }
            s.pending.append(held)
            s.lastChange = MonotonicClock.now()
            return nil
        }
        if let queued { return queued }
        for _ in 0..<Int.max {
            if held.decided.wait(timeout: .now() + .milliseconds(50)) == .success { return held.decision.withLock { $0 } ?? .stop }
            if state.withLock({ $0.stopping }) { return .stop }
        }
        return .stop
    }

    /// Every event a program's tracer reports: when released calls return, when programs end.
    public func observe(_ event: ProcessTraceEvent, from role: ProgramTrace.Role) {
        let now = MonotonicClock.now()
        state.withLock { s in
            s.lastChange = now
            switch event {
            case .exec(let pid, _, _):
                if s.roots[role] == nil { s.roots[role] = pid }
            case .exited(let pid, _, _), .signalled(let pid, _, _, _):
                if s.roots[role] == pid { s.endedRoles.insert(role) }
            case .callFinished(let entry, let outcome) where !outcome.willRestart:
                s.lastReturn[ThreadKey(role: role, tid: entry.tid)] = now
            default:
                break
            }
        }
    }

    /// Every program has ended.
    public func runEnded() { state.withLock { $0.runEnded = true } }

    /// Lets every held call go with `.stop`: the run is being stopped (its processes killed).
    public func stopAll() {
        let held = state.withLock { s -> [HeldCall] in
            s.stopping = true
            defer { s.pending = [] }
            return s.pending
        }
        for call in held { call.decide(.stop) }
    }

    // MARK: - The conductor (the caller's thread)

    /// Shows each held call's card, waits for the learner, lets the call run; returns when the programs
    /// have ended, the learner asked for the rest at once (`a`: `.finished`), or any way out (the caller
    /// then stops the run).
    public func drive(_ input: any WalkthroughInput) -> WalkthroughEnding {
        for _ in 0..<Int.max {
            switch nextAction() {
            case .present(let held):
                if let ending = present(held, input) { return ending }
            case .finished:
                return .finished
            case .idle:
                if let exit = waitingKey(input) { return exit }
            }
        }
        return .quit
    }

    private enum Action {
        case present(HeldCall)
        case finished
        case idle
    }

    private func nextAction() -> Action {
        let plan = trace.tracer?.header.plan
        return state.withLock { s -> Action in
            let stuck = MonotonicClock.now() &- s.lastChange > UInt64(stuckAfter.components.seconds) * 1_000_000_000
            if let index = s.pending.firstIndex(where: { presentable($0, plan: plan, state: s) })
                ?? (stuck && !s.pending.isEmpty ? 0 : nil) {
                return .present(s.pending.remove(at: index))
            }
            return s.runEnded && s.pending.isEmpty ? .finished : .idle
        }
    }

    /// A numbered call may be shown once every earlier step of the plan has been let run, or is not
    /// coming (its program has ended).
    private func presentable(_ held: HeldCall, plan: StepPlan?, state s: State) -> Bool {
        guard let step = held.context.step, let plan else { return true }
        let ended = Set(s.endedRoles.compactMap { trace.actor(of: $0) })
        for earlier in plan.steps.prefix(while: { $0.number != step }) {
            guard let owner = earlier.completions.first?.actor else { continue }
            if !s.released.contains(earlier.number) && !ended.contains(owner) { return false }
        }
        return true
    }

    /// One card: shown, answered, and the call let run (or the way out).
    private func present(_ held: HeldCall, _ input: any WalkthroughInput) -> WalkthroughEnding? {
        let card = self.card(for: held)
        screen.show(card)
        switch waitForAdvance(card, held, input) {
        case .advance?:
            break
        case .all?:
            let rest = state.withLock { s -> [HeldCall] in
                s.runAll = true
                defer { s.pending = [] }
                return s.pending
            }
            held.decide(.proceed)
            for call in rest { call.decide(.proceed) }
            return .finished
        case .leave(let ending)?:
            held.decide(.stop)
            return ending
        case nil:
            return .quit
        }
        let releasedAt = MonotonicClock.now()
        state.withLock { s in
            if let step = held.context.step {
                s.released.insert(step)
                s.lastReleased = max(s.lastReleased ?? step, step)
            }
            s.lastChange = releasedAt
        }
        held.decide(.proceed)
        return waitForReturn(of: held, releasedAt: releasedAt, card: card, input)
    }

    /// After a call was let run: waits for it to return; if it blocks, says so, and goes on when the
    /// other program has something to show (or keeps waiting when nothing else can happen).
    private func waitForReturn(of held: HeldCall, releasedAt: UInt64, card: WalkthroughCard,
                               _ input: any WalkthroughInput) -> WalkthroughEnding? {
        let blocked = releasedAt + UInt64(blockedAfter.components.seconds) * 1_000_000_000
            + UInt64(blockedAfter.components.attoseconds / 1_000_000_000)
        var said = false
        let call = card.calls.first?.call ?? held.entry.call.name
        for _ in 0..<Int.max {
            let (returned, others, ended) = state.withLock { s in
                ((s.lastReturn[held.thread] ?? 0) >= releasedAt, !s.pending.isEmpty, s.runEnded)
            }
            if returned {
                if !said { showSegments(of: held, call: call, since: releasedAt) }
                return nil
            }
            if ended { return nil }
            if MonotonicClock.now() >= blocked {
                if others {
                    if !said { screen.show(.stillBlocked(call: call)) }
                    return nil
                }
                if !said {
                    screen.show(.waitsForPeer(call: call))
                    said = true
                }
            }
            if let exit = waitingKey(input) { return exit }
        }
        return nil
    }

    /// After a call returned: the segments that crossed the wire since it was let run.
    private func showSegments(of held: HeldCall, call: String, since releasedAt: UInt64) {
        guard let witness, let actor = held.context.actor,
              let note = witness.note(step: held.context.step, actor: actor, calls: [call], since: releasedAt, language: language)
        else { return }
        screen.show(.segments(note))
    }

    /// A key pressed while nothing waits for one: only the ways out count.
    private func waitingKey(_ input: any WalkthroughInput) -> WalkthroughEnding? {
        switch input.command(within: 50) {
        case .quit?: return .quit
        case .interrupt?: return .interrupted
        case .signal(let n)?: return .signalled(n)
        case .endOfInput?: return .endOfInput(beforeStop: 0)
        default: return nil
        }
    }

    private enum Answer {
        case advance, all
        case leave(WalkthroughEnding)
    }

    /// Waits for a key that moves on.
    private func waitForAdvance(_ card: WalkthroughCard, _ held: HeldCall, _ input: any WalkthroughInput) -> Answer? {
        let prompt = CardPrompt(screen: screen, glossary: glossary, language: language)
        switch prompt.answer(card, input: input, kernelNow: { kernelNote(for: held) }) {
        case .advance: return .advance
        case .all: return .all
        case .interrupt: return .leave(.interrupted)
        case .signal(let n): return .leave(.signalled(n))
        case .endOfInput: return .leave(.endOfInput(beforeStop: 0))
        default: return .leave(.quit)
        }
    }

    // MARK: - Cards

    private func card(for held: HeldCall) -> WalkthroughCard {
        let l = language
        let entry = held.entry
        let listener = trace.listener
        let closesListener = entry.lessonName == .close && listener.map { $0.pid == entry.pid && $0.fd == entry.fd } == true
        let calls = [CallExplanation.of(entry, l, closesListener: closesListener)]
        let who: String
        switch held.context.actor {
        case .server?: who = l.pick(es: "Servidor", en: "Server")
        case .client?: who = l.pick(es: "Cliente", en: "Client")
        default: who = l.pick(es: "Programa", en: "Program")
        }
        let title = "\(place(of: held.context.step)) · \(who) · " + calls.map(\.call).joined(separator: ", ")
        let terms = StepTerms(glossary: glossary, lessonTerms: stepTerms).terms(of: calls, step: held.context.step, language: l)
        return WalkthroughCard(title: title, step: held.context.step, calls: calls, kernelNote: kernelNote(for: held),
                               terms: terms, termNames: terms.map { glossary.name(of: $0, in: l) })
    }

    /// `Paso 2 de 9`, `Antes del paso 1`, `Tras el paso 4`, `Al final`.
    private func place(of step: Int?) -> String {
        let l = language
        let numbers = trace.tracer?.header.plan?.steps.map(\.number) ?? []
        if let step, let rank = numbers.firstIndex(of: step) {
            if numbers == Array(1...max(numbers.count, 1)) { return l.pick(es: "Paso \(step) de \(numbers.count)", en: "Step \(step) of \(numbers.count)") }
            return l.pick(es: "Paso \(step) (\(rank + 1) de \(numbers.count))", en: "Step \(step) (\(rank + 1) of \(numbers.count))")
        }
        let (last, released) = state.withLock { ($0.lastReleased, $0.released) }
        guard let last else {
            let first = numbers.first ?? 1
            return l.pick(es: "Antes del paso \(first)", en: "Before step \(first)")
        }
        if numbers.filter({ step in trace.tracer?.header.plan?.steps.first { $0.number == step }?.completions.isEmpty == false })
            .allSatisfy(released.contains) {
            return l.pick(es: "Al final", en: "Afterwards")
        }
        return l.pick(es: "Tras el paso \(last)", en: "After step \(last)")
    }

    /// What the kernel already did, read now, while the program waits at the call.
    private func kernelNote(for held: HeldCall) -> String? {
        let entry = held.entry
        let l = language
        switch entry.lessonName {
        case .accept:
            guard let fd = entry.fd, let queued = SocketPeek.view(pid: entry.pid, fd: fd)?.info?.acceptQueue else { return nil }
            return KernelNote.listenQueue(queued, l)
        case .recv:
            guard let fd = entry.fd, let view = SocketPeek.view(pid: entry.pid, fd: fd), let readable = view.readableBytes else { return nil }
            return KernelNote.receiveBuffer(readable: readable, state: view.info?.state, l)
        case .connect:
            guard let listener = trace.listener,
                  SocketPeek.view(pid: listener.pid, fd: listener.fd)?.info?.state == .listen else { return nil }
            return KernelNote.serverListening(l)
        default:
            return nil
        }
    }
}
