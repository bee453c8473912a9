/// The numbered steps a diagram expects, in teaching order, and which events finish each one.
///
/// The renderer shows numbered steps in this order even when the two programs' threads race: a line
/// of step N is held back until every earlier step is finished and shown.
public struct StepPlan: Sendable, Hashable {
    public struct Step: Sendable, Hashable {
        public var number: Int
        /// The events that finish the step, each once: a call's `done`, or an instant.
        public var completions: [Completion]

        public init(number: Int, completions: [Completion]) {
            self.number = number
            self.completions = completions
        }
    }

    public struct Completion: Sendable, Hashable {
        public var actor: TraceEvent.Actor
        public var operation: TraceEvent.Operation

        public init(_ actor: TraceEvent.Actor, _ operation: TraceEvent.Operation) {
            self.actor = actor
            self.operation = operation
        }

        public init(_ event: TraceEvent) { self.init(event.actor, event.operation) }
    }

    /// Which plan this is (`seed`, a lesson's id), when it has a name.
    public var id: String?
    public var steps: [Step]

    public init(id: String? = nil, steps: [Step]) {
        self.id = id
        self.steps = steps
    }

    /// The plan a complete recording implies: its step numbers in ascending order, each finished by
    /// all of its `done` and `instant` events.
    public init(deriving events: [TraceEvent]) {
        var completions: [Int: [Completion]] = [:]
        id = nil
        for event in events where event.phase != .start {
            guard let step = event.step else { continue }
            completions[step, default: []].append(Completion(event))
        }
        steps = completions.keys.sorted().map { Step(number: $0, completions: completions[$0]!) }
    }
}
