import TraceCore

/// Puts numbered steps in the plan's order while keeping each actor's own events in the order they
/// happened.
///
/// Events of one actor arrive in program order; across actors they may not (the client's `recv` of
/// step 6 can return before the server's `sendall` of step 5 does). An item of step N is released once
/// every earlier step of the plan is finished and released; an item without a step only waits for
/// the items before it from the same actor. Among items ready at once, the one that arrived first
/// goes first. Every operation is O(log n), so a hostile recording cannot make it crawl.
struct StepSequencer<Item: Sendable>: Sendable {
    private let plan: StepPlan?
    private let ranks: [Int: Int]
    /// Per step rank: completions still expected, as counts.
    private var expected: [[StepPlan.Completion: Int]]
    private var stillExpected: [Int]
    /// Per step rank: items taken in and not yet released.
    private var pending: [Int]
    /// Every rank below this is finished and released.
    private var frontier = 0

    /// One program, whose events keep their order: the server (all its connections are one program),
    /// or one client (several clients in one run are separate programs, told apart by connection).
    private struct Program: Hashable, Sendable {
        let participant: ParticipantID

        init(_ participant: ParticipantID) { self.participant = participant }
    }

    private struct Entry: Sendable {
        let item: Item
        let rank: Int?
        let arrival: Int
    }

    private var queues: [Program: Queue] = [:]
    /// Actors whose first waiting item may go now, ordered by that item's arrival.
    private var ready = MinHeap()
    /// Actors whose first waiting item waits for the frontier to reach its rank.
    private var blocked: [Int: [Program]] = [:]
    private var arrivals = 0

    init(plan: StepPlan?) {
        self.plan = plan
        let steps = plan?.steps ?? []
        var ranks: [Int: Int] = [:]
        for (rank, step) in steps.enumerated() where ranks[step.number] == nil { ranks[step.number] = rank }
        self.ranks = ranks
        expected = steps.map { step in step.completions.reduce(into: [:]) { $0[$1, default: 0] += 1 } }
        stillExpected = steps.map(\.completions.count)
        pending = Array(repeating: 0, count: steps.count)
    }

    /// Whether the steps the plan puts before this one are yet to be shown (true for a step the
    /// plan does not have, or its first: nothing before it can have happened).
    func awaitsEarlierSteps(_ step: Int?) -> Bool {
        guard let rank = step.flatMap({ ranks[$0] }), rank > 0 else { return true }
        return rank > frontier
    }

    /// Takes an item in; `event` is what it stands for, `program` whose order it keeps (the event's own
    /// participant unless given). Returns the items that may be shown now, in order.
    mutating func admit(_ item: Item, for event: TraceEvent, held: Bool = true, program: ParticipantID? = nil) -> [Item] {
        let rank = held ? event.step.flatMap { ranks[$0] } : nil
        if let rank { pending[rank] += 1 }
        if event.phase != .start, let stepRank = event.step.flatMap({ ranks[$0] }) {
            let key = StepPlan.Completion(event)
            if let count = expected[stepRank][key], count > 0 {
                expected[stepRank][key] = count - 1
                stillExpected[stepRank] -= 1
            }
        }
        let entry = Entry(item: item, rank: rank, arrival: arrivals)
        arrivals += 1
        let program = Program(program ?? ParticipantID(event))
        var place = queues.index(forKey: program)
        if place == nil {
            queues[program] = Queue()
            place = queues.index(forKey: program)
        }
        guard let place else { return release() }
        let wasEmpty = queues.values[place].isEmpty
        queues.values[place].append(entry)
        if wasEmpty { classify(entry, of: program) }
        advanceFrontier()
        return release()
    }

    /// Releases everything still held, step by step in the plan's order (a run that stopped early).
    mutating func drain() -> [Item] {
        var out = release()
        while frontier < pending.count {
            frontier += 1
            if let actors = blocked.removeValue(forKey: frontier) { for actor in actors { markReady(actor) } }
            advanceFrontier()
            out += release()
        }
        let rest = queues.values.flatMap(\.remaining).sorted { $0.arrival < $1.arrival }
        queues = [:]
        blocked = [:]
        return out + rest.map(\.item)
    }

    private mutating func release() -> [Item] {
        var out: [Item] = []
        while let actor = ready.popMin()?.actor {
            guard let place = queues.index(forKey: actor), let entry = queues.values[place].popFirst() else { continue }
            out.append(entry.item)
            if let rank = entry.rank { pending[rank] -= 1 }
            if let head = queues.values[place].first { classify(head, of: actor) }
            advanceFrontier()
        }
        return out
    }

    private mutating func classify(_ head: Entry, of actor: Program) {
        if let rank = head.rank, rank > frontier {
            blocked[rank, default: []].append(actor)
        } else {
            ready.insert((head.arrival, actor))
        }
    }

    private mutating func markReady(_ actor: Program) {
        if let head = queues[actor]?.first { ready.insert((head.arrival, actor)) }
    }

    private mutating func advanceFrontier() {
        while frontier < pending.count, stillExpected[frontier] == 0, pending[frontier] == 0 {
            frontier += 1
            if let actors = blocked.removeValue(forKey: frontier) { for actor in actors { markReady(actor) } }
        }
    }

    /// A first-in first-out queue with O(1) removal at the front.
    private struct Queue: Sendable {
        private var items: [Entry] = []
        private var start = 0
        var isEmpty: Bool { start == items.count }
        var first: Entry? { isEmpty ? nil : items[start] }
        var remaining: ArraySlice<Entry> { items[start...] }
        mutating func append(_ entry: Entry) { items.append(entry) }
        mutating func popFirst() -> Entry? {
            guard !isEmpty else { return nil }
            defer {
                start += 1
                if start > 64 && start * 2 > items.count { items.removeFirst(start); start = 0 }
            }
            return items[start]
        }
    }

    /// A binary min-heap of (arrival, actor).
    private struct MinHeap: Sendable {
        private var items: [(arrival: Int, actor: Program)] = []

        mutating func insert(_ element: (Int, Program)) {
            items.append((element.0, element.1))
            var child = items.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard items[child].arrival < items[parent].arrival else { break }
                items.swapAt(child, parent)
                child = parent
            }
        }

        mutating func popMin() -> (arrival: Int, actor: Program)? {
            guard !items.isEmpty else { return nil }
            items.swapAt(0, items.count - 1)
            let minimum = items.removeLast()
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < items.count, items[left].arrival < items[smallest].arrival { smallest = left }
                if right < items.count, items[right].arrival < items[smallest].arrival { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
            return minimum
        }
    }
}
