import TraceCore

/// How a diagram is built when the events do not say (a recording made before headers existed), or
/// what a header said.
public struct DiagramOptions: Sendable, Hashable {
    public var view: DiagramView
    /// The steps' teaching order; nil: rows appear as their events arrive.
    public var plan: StepPlan?
    /// Connections whose arrows are captured segments rather than inferred from the calls.
    public var observed: ObservedConnections

    public init(view: DiagramView = .both, plan: StepPlan? = nil, observed: ObservedConnections = .none) {
        self.view = view
        self.plan = plan
        self.observed = observed
    }

    /// What a recording's header says: whose calls were traced, the plan the run followed, and whether
    /// packets were captured (every connection's arrows are then the segments seen).
    public init(_ header: TraceHeader) {
        self.init(view: DiagramView(header), plan: header.plan, observed: header.packets == nil ? .none : .all)
    }
}

/// Turns events into the diagram's rows, incrementally and purely: feed events in `seq` order to `add`,
/// which returns the rows that are ready; `finish` returns the rest. The same events always give the
/// same rows, live or from a recording. A trace's first event, its header, says whose calls it holds
/// and which plan it follows; without one, the options given at creation apply.
///
/// Numbered steps come out in the plan's order even when the programs' threads race (see
/// `StepSequencer`). A blocking `accept()` that starts before the steps leading to its connection, with
/// no connection in its listen queue, gets a row of its own at once, waiting. A captured segment is
/// drawn under the call it travelled during (see `SegmentPlacement`), or on its own.
public struct DiagramBuilder: Sendable {
    public private(set) var options: DiagramOptions
    /// The trace's header, once read.
    public private(set) var header: TraceHeader?
    /// Every lifeline seen so far, in order of appearance.
    public private(set) var participants: [Participant] = []
    private var sequencer: StepSequencer<Pending>
    private var inference: TCPInference
    private var placement = SegmentPlacement()
    private var processes = ProcessMoments()
    private var labels = ProcessLabels()
    private var configured = false
    /// Whether a row came out with a time earlier than a row above it: numbered steps follow the plan, and a
    /// thread's start waits for its first call, so rows are not always in the clock's order.
    public private(set) var leftTimeOrder = false
    private var latestRowTime: UInt64 = 0
    private var lastNumberShown: Int?
    /// Each numbered connection's client address, from its `accept` or `connect`, so that every row
    /// about it says whose it is.
    private var endpoints: [EndpointKey: String] = [:]

    private enum Pending: Sendable {
        /// A finished call or a moment, with the segments drawn under it.
        case event(TraceEvent, segments: [TraceEvent])
        case waiting(TraceEvent)
        /// A segment on a row of its own.
        case segment(TraceEvent)
    }

    private struct EndpointKey: Hashable, Sendable {
        let actor: TraceEvent.Actor
        let connection: Int
    }

    /// `options` apply unless the trace begins with a header.
    public init(options: DiagramOptions = DiagramOptions()) {
        self.options = options
        sequencer = StepSequencer(plan: options.plan)
        inference = TCPInference(view: options.view, observed: options.observed)
    }

    /// Takes the next event; returns the rows it makes ready (none, or several when it releases rows
    /// that were held back).
    public mutating func add(_ event: TraceEvent) -> [Row] {
        if !configured {
            configured = true
            if event.operation == .header, let header = event.header {
                configure(with: header)
                return []
            }
            addNetworkParticipant()
        }
        if event.operation == .header { return [] }
        if event.operation == .segment, event.segment != nil { return rows(for: arrive(event)) }
        var released: [Pending] = []
        switch event.phase {
        case .start:
            placement.callStarted(event)
            inference.started(event)
            for moment in processes.starting(event) { released += sequencer.admit(.event(moment, segments: []), for: moment) }
            guard Self.waits(event), sequencer.awaitsEarlierSteps(event.step) else { return rows(for: released) }
            released += sequencer.admit(.waiting(event), for: event, held: false)
        case .done:
            let (under, freed) = placement.callFinished(event)
            for segment in freed { released += admitAlone(segment) }
            let shown = processes.admit(event)
            // The segments go under the call that sent them; a call not drawn leaves them rows of their own.
            if !shown.contains(where: { $0.seq == event.seq }) { for segment in under { released += admitAlone(segment) } }
            for e in shown { released += sequencer.admit(.event(e, segments: e.seq == event.seq ? under : []), for: e) }
        case .instant:
            for e in processes.admit(event) { released += sequencer.admit(.event(e, segments: []), for: e) }
        }
        return rows(for: released)
    }

    private mutating func arrive(_ segment: TraceEvent) -> [Pending] {
        if let key = ConnectionKey(segment) { inference.observe(key) }
        switch placement.arrive(segment) {
        case .held: return []
        case .free: return admitAlone(segment)
        }
    }

    /// A segment on a row of its own keeps its place after its sender's earlier rows.
    private mutating func admitAlone(_ segment: TraceEvent) -> [Pending] {
        let sender = placement.sender(of: segment).participant ?? ParticipantID(actor: .network)
        return sequencer.admit(.segment(segment), for: segment, program: sender)
    }

    /// Everything still held back, in step order.
    public mutating func finish() -> [Row] {
        var released: [Pending] = []
        for segment in placement.drain() { released += admitAlone(segment) }
        return rows(for: released + sequencer.drain())
    }

    /// The rows of a whole recording.
    public static func rows(of events: [TraceEvent], options: DiagramOptions = DiagramOptions()) -> [Row] {
        var builder = DiagramBuilder(options: options)
        var rows: [Row] = []
        for event in events { rows += builder.add(event) }
        return rows + builder.finish()
    }

    // MARK: -

    private mutating func configure(with header: TraceHeader) {
        self.header = header
        // A header without a plan leaves the one given at creation (a library user's own plan).
        options = DiagramOptions(view: DiagramView(header), plan: header.plan ?? options.plan,
                                 observed: header.packets == nil ? options.observed : .all)
        sequencer = StepSequencer(plan: options.plan)
        inference = TCPInference(view: options.view, observed: options.observed)
        addNetworkParticipant()
    }

    /// In a one-sided view, the other lifeline: the peer, seen from the network.
    private mutating func addNetworkParticipant() {
        guard case .only(let actor) = options.view else { return }
        let side = Side(actor).other
        participants.append(Participant(id: ParticipantID(actor: side == .left ? .client : .server), kind: .network, side: side))
    }

    /// Calls worth a row while they block: a server waiting in `accept()`. When the steps before it are
    /// already shown (the client has connected), or its start says a connection already waited in the
    /// listen queue, it will not wait, and gets no such row.
    private static func waits(_ event: TraceEvent) -> Bool {
        event.operation == .accept && event.origin == nil && (event.tcp?.acceptQueue ?? 0) == 0
    }

    private mutating func rows(for items: [Pending]) -> [Row] {
        var rows: [Row] = []
        rows.reserveCapacity(items.count)
        for item in items {
            switch item {
            case .waiting(let event):
                rows.append(row(.waiting, event))
            case .segment(let event):
                rows.append(segmentRow(event, under: nil))
            case .event(let event, let segments):
                noteEndpoint(of: event)
                var row = self.row(event.phase == .done ? .call : .moment, event)
                if row.kind == .call { inference.annotate(&row) }
                number(&row)
                // A closed connection's address is no longer needed: a server running for days keeps none.
                if event.operation == .close, event.phase == .done, let connection = event.connection {
                    endpoints[EndpointKey(actor: event.actor, connection: connection)] = nil
                }
                rows.append(row)
                for segment in segments { rows.append(segmentRow(segment, under: event.seq)) }
            }
        }
        // A segment drawn under its call travelled during it, before the call's row's time: not counted.
        for row in rows where row.kind != .segment {
            if row.event.time < latestRowTime { leftTimeOrder = true }
            latestRowTime = max(latestRowTime, row.event.time)
        }
        return rows
    }

    /// A captured segment's row: an observed arrow from its sender's side.
    private func segmentRow(_ event: TraceEvent, under call: UInt64?) -> Row {
        let sender = placement.sender(of: event)
        var row = Row(kind: .segment, event: event, participant: ParticipantID(actor: .network), side: sender.side)
        row.connection = placement.connectionID(of: event)
        row.arrow = Arrow(.outgoing, .segment(event.segment?.flags ?? []), evidence: .observed)
        row.underCall = call
        return row
    }

    private mutating func row(_ kind: Row.Kind, _ event: TraceEvent) -> Row {
        let id = ParticipantID(event)
        var row = Row(kind: kind, event: event, participant: id, side: Side(event.actor))
        if let connection = event.connection {
            row.endpoint = endpoints[EndpointKey(actor: event.actor, connection: connection)]
        }
        (row.process, row.thread) = labels.labels(for: event)
        if event.actor != .tool, !participants.contains(where: { $0.id == id && $0.kind == .program }) {
            participants.append(Participant(id: id, kind: .program, side: row.side))
        }
        return row
    }

    /// The step number goes on the first row of each step; rows the tool made, or woke, carry none.
    private mutating func number(_ row: inout Row) {
        guard let step = row.step, !row.byTool, !row.wokenByStop, step != lastNumberShown else { return }
        row.number = step
        lastNumberShown = step
    }

    /// The client's address, as the server's `accept` or the client's own `connect` reports it (in a
    /// merged recording both ends of a connection carry the same number).
    private mutating func noteEndpoint(of e: TraceEvent) {
        guard e.phase == .done, e.error == nil, let connection = e.connection else { return }
        let key = EndpointKey(actor: e.actor, connection: connection)
        guard endpoints[key] == nil else { return }
        switch e.operation {
        case .accept: endpoints[key] = e.remote
        case .connect: endpoints[key] = e.local
        default: break
        }
    }
}
