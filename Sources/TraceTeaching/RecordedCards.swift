import TraceCore
import TraceText

/// The cards of a recording's stops (`trace replay --step`): what each stop's calls did, told by the
/// walkthrough's own explanations with the recording's facts, and what the kernel reported then, as
/// recorded (a recording is never read against today's kernel).
public struct RecordedCards: Sendable {
    private let language: Language
    private let terms: StepTerms
    private let glossary: any TermLookup
    /// Sockets that listened, so that their `close()` is told as the listener's.
    private let listeners: Set<SocketKey>
    /// The starts of `accept()` calls that saw their listen queue, by `seq` (a done's `callID`).
    private let acceptStarts: [UInt64: TraceEvent]

    private struct SocketKey: Hashable, Sendable {
        let actor: TraceEvent.Actor
        let pid: Int32?
        let fd: Int32
    }

    /// `events`: the whole recording (its listening sockets are noted); `lessonTerms`: a lesson's own
    /// terms by step, shown first on those steps' cards.
    public init(events: [TraceEvent], language: Language, glossary: any TermLookup, lessonTerms: [Int: [String]] = [:]) {
        self.language = language
        self.glossary = glossary
        terms = StepTerms(glossary: glossary, lessonTerms: lessonTerms)
        listeners = Set(events.compactMap { e in
            guard e.operation == .listen, e.phase == .done, e.error == nil, let fd = e.fd else { return nil }
            return SocketKey(actor: e.actor, pid: e.pid, fd: fd)
        })
        var starts: [UInt64: TraceEvent] = [:]
        for e in events where e.operation == .accept && e.phase == .start && e.tcp?.acceptQueue != nil { starts[e.seq] = e }
        acceptStarts = starts
    }

    /// The card of a stop made of `events` (its rows' events, in order), for `step` (nil: unnumbered),
    /// at `place` among the steps, on `side` (`Servidor`, `Cliente #2`, `trace`).
    public func card(for events: [TraceEvent], step: Int?, place: StopPlace, side: String) -> WalkthroughCard {
        let l = language
        var calls: [CallExplanation] = []
        for event in events {
            let listener = event.operation == .close && event.remote == nil
                && event.fd.map { listeners.contains(SocketKey(actor: event.actor, pid: event.pid, fd: $0)) } == true
            let explanation = CallExplanation.recorded(event, l, ofListener: listener)
            if !calls.contains(where: { $0.call == explanation.call && $0.program == explanation.program }) { calls.append(explanation) }
        }
        var names: [String] = []
        for call in calls where !names.contains(call.call) { names.append(call.call) }
        let title = "\(place.words(l)) · \(side) · " + names.joined(separator: ", ")
        let keys = terms.terms(of: calls, step: step, language: l)
        return WalkthroughCard(title: title, step: step, calls: calls, kernelNote: kernelNote(events),
                               terms: keys, termNames: keys.map { glossary.name(of: $0, in: l) })
    }

    /// What the kernel reported around these calls, as recorded: the listen queue an `accept()` found,
    /// the TCP state each call left, the errors, the round-trip time.
    func kernelNote(_ events: [TraceEvent]) -> String? {
        let l = language
        var parts: [String] = []
        for event in events {
            let call = SafeText.sanitize(event.operation.rawValue) + "()"
            // A waiting accept() is its start; a finished one finds its start by the call's id.
            let start = event.phase == .start ? event : event.callID.flatMap { acceptStarts[$0] }
            if event.operation == .accept, let queued = start?.tcp?.acceptQueue {
                let part = queued == 0
                    ? l.pick(es: "tenía vacía la cola de listen cuando empezó accept()", en: "had the listen queue empty when accept() started")
                    : l.pick(es: "tenía \(queued) en la cola de listen cuando empezó accept(): no esperó",
                             en: "had \(queued) in the listen queue when accept() started: it did not wait")
                if !parts.contains(part) { parts.append(part) }
            }
            guard event.phase == .done else { continue }
            if let error = event.error {
                let name = SafeText.sanitize(error.name), message = SafeText.sanitize(ErrnoText.explanation(of: error.name, system: error.message, l))
                parts.append(l.pick(es: "respondió a \(call) con \(name) (\(message))", en: "answered \(call) with \(name) (\(message))"))
            }
            if let state = event.tcp?.state, event.operation != .accept, event.origin != .tool,
               !(state == .close && [.socket, .setsockopt, .bind, .connect].contains(event.operation)) {
                parts.append(l.pick(es: "dejó el socket en \(state.name) tras \(call)", en: "left the socket in \(state.name) after \(call)"))
            }
        }
        if let rtt = events.last(where: { $0.tcp?.rttMicroseconds ?? 0 > 0 })?.tcp?.rttMicroseconds {
            parts.append(l.pick(es: "midió un tiempo de ida y vuelta (RTT) de \(rtt) µs", en: "measured a round-trip time (RTT) of \(rtt) µs"))
        }
        guard !parts.isEmpty else { return nil }
        return l.pick(es: "Según la grabación, el núcleo ", en: "As recorded, the kernel ") + parts.joined(separator: "; ") + "."
    }
}
