/// One diagram from several recordings (a server's and its clients', made on different machines whose
/// clocks differ): the connections are paired by their addresses and ports (connect ↔ accept), and the
/// events ordered by causality (bytes sent before they are received, a close before the end of stream it
/// causes), never by comparing two machines' clocks.
///
/// Each recording keeps its own order. Between causal constraints, events of different recordings are
/// interleaved by their time shifted by an offset estimated from the links themselves (as NTP does from
/// a request and its reply), so independent events fall where they most likely happened. Recordings made
/// on one machine with packets each hold the same segments: a segment is kept once.
public enum RecordingMerge {
    public struct Merged: Sendable {
        /// Every event of every recording, in one causal order, numbered from 1; a client's events carry
        /// the connection id the server gave it. Times are the first linked recording's clock.
        public var events: [TraceEvent]
        /// Connections whose two ends were found.
        public var pairedConnections: Int
        /// Happens-before links that ordered the events.
        public var links: Int
        /// Per recording, nanoseconds added to its times to place them on the reference clock.
        public var offsets: [Int64]
        /// Connections whose other end is in none of the recordings, described.
        public var unpaired: [String]
        /// Times the recordings contradicted each other (a link that could not be honoured).
        public var conflicts: Int
        /// The first of those contradictions, when there was one.
        public var contradiction: Contradiction? = nil
    }

    /// An event that had to be placed before one of its causes: the recordings' own orders and what
    /// crossed the network cannot all be true. Events by recording and position in it (header included).
    public struct Contradiction: Sendable, Hashable {
        public var recording: Int
        public var index: Int
        public var event: TraceEvent
        public var causeRecording: Int
        public var causeIndex: Int
        public var cause: TraceEvent
    }

    public static func merge(_ recordings: [[TraceEvent]]) -> Merged {
        // Each recording's header says how that side was made; the merge has one of its own.
        let headers = recordings.compactMap { $0.first?.header }
        let headerOffsets = recordings.map { $0.first?.operation == .header ? 1 : 0 }
        let recordings = recordings.map { $0.filter { $0.operation != .header } }
        var traced: [TraceEvent.Actor] = []
        for header in headers { for actor in header.traced where !traced.contains(actor) { traced.append(actor) } }
        for recording in recordings {
            for event in recording where event.actor != .tool && event.actor != .network && !traced.contains(event.actor) {
                traced.append(event.actor)
            }
        }
        let sides = recordings.indices.flatMap { ConnectionSide.sides(of: recordings[$0], recording: $0) }
        let pairs = pair(sides)
        var links: [CausalLink] = []
        for (c, a) in pairs { links += CausalLinks.between(connector: c, acceptor: a, in: recordings) }
        let offsets = estimateOffsets(recordings.count, links, recordings)
        var order = causalOrder(recordings, links, offsets)
        var relabel: [RelabelKey: Int] = [:]
        for (c, a) in pairs where c.connection == nil {
            if let id = a.connection { relabel[RelabelKey(recording: c.recording, actor: c.actor)] = id }
        }
        let base = order.events.map { timeOnReference($0, recordings, offsets) }.min() ?? 0
        var merged: [TraceEvent] = []
        merged.reserveCapacity(order.events.count + 1)
        var opening = TraceEvent(header: TraceHeader(source: .merge, command: "merge", traced: traced,
                                                     packets: headers.lazy.compactMap(\.packets).first))
        opening.seq = 1
        merged.append(opening)
        var lastTime: UInt64 = 0
        var segments = SeenSegments()
        for ref in order.events {
            var e = recordings[ref.recording][ref.index]
            if e.operation == .segment, segments.isCopy(e, from: ref.recording) { continue }
            e.seq = UInt64(merged.count + 1)
            lastTime = max(lastTime, UInt64(timeOnReference(ref, recordings, offsets) - base))
            e.time = lastTime
            if e.connection == nil, let id = relabel[RelabelKey(recording: ref.recording, actor: e.actor)] { e.connection = id }
            merged.append(e)
        }
        let paired = Set(pairs.flatMap { [SideKey($0.0), SideKey($0.1)] })
        let unpaired = sides.filter { !paired.contains(SideKey($0)) }.map {
            "recording \($0.recording + 1): \($0.actor) \($0.local.host):\($0.local.port) - \($0.remote.host):\($0.remote.port)"
        }
        order.events.removeAll()
        var contradiction: Contradiction?
        if let (ref, cause) = order.first {
            // Positions in the recordings as read: their headers were left out above.
            func position(_ r: EventRef) -> Int { r.index + headerOffsets[r.recording] }
            contradiction = Contradiction(recording: ref.recording, index: position(ref), event: recordings[ref.recording][ref.index],
                                          causeRecording: cause.recording, causeIndex: position(cause),
                                          cause: recordings[cause.recording][cause.index])
        }
        return Merged(events: merged, pairedConnections: pairs.count, links: links.count, offsets: offsets,
                      unpaired: unpaired, conflicts: order.conflicts, contradiction: contradiction)
    }

    /// Connectors paired with acceptors: exact address matches first, then ports alone (a NAT).
    static func pair(_ sides: [ConnectionSide]) -> [(ConnectionSide, ConnectionSide)] {
        var taken = Set<SideKey>()
        var pairs: [(ConnectionSide, ConnectionSide)] = []
        for exactly in [true, false] {
            for c in sides where c.role == .connector && !taken.contains(SideKey(c)) {
                guard let a = sides.first(where: { !taken.contains(SideKey($0)) && c.pairs(with: $0, exactly: exactly) }) else { continue }
                taken.insert(SideKey(c))
                taken.insert(SideKey(a))
                pairs.append((c, a))
            }
        }
        return pairs
    }

    /// For each recording, the shift that best fits the links with the reference recording (the one
    /// with the most links): midway between the bounds the links give, or 0 when none bound it.
    static func estimateOffsets(_ count: Int, _ links: [CausalLink], _ recordings: [[TraceEvent]]) -> [Int64] {
        var offsets = [Int64](repeating: 0, count: count)
        var linkCount = [Int](repeating: 0, count: count)
        for l in links { linkCount[l.from.recording] += 1; linkCount[l.to.recording] += 1 }
        guard let reference = linkCount.indices.max(by: { linkCount[$0] < linkCount[$1] }) else { return offsets }
        func t(_ r: EventRef) -> Int64 { Int64(clamping: recordings[r.recording][r.index].time) }
        for r in 0..<count where r != reference {
            var lower = Int64.min, upper = Int64.max
            for l in links {
                if l.from.recording == r && l.to.recording == reference { upper = min(upper, t(l.to) - t(l.from)) }
                if l.from.recording == reference && l.to.recording == r { lower = max(lower, t(l.from) - t(l.to)) }
            }
            switch (lower == .min, upper == .max) {
            case (false, false): offsets[r] = lower / 2 + upper / 2
            case (true, false): offsets[r] = upper
            case (false, true): offsets[r] = lower
            case (true, true): offsets[r] = 0
            }
        }
        return offsets
    }

    static func timeOnReference(_ ref: EventRef, _ recordings: [[TraceEvent]], _ offsets: [Int64]) -> Int64 {
        Int64(clamping: recordings[ref.recording][ref.index].time) &+ offsets[ref.recording]
    }

    /// Takes, again and again, the earliest (on the reference clock) of the recordings' next events
    /// whose causes have all been taken. When none qualifies the recordings contradict each other:
    /// the earliest is taken anyway, and counted.
    static func causalOrder(_ recordings: [[TraceEvent]], _ links: [CausalLink], _ offsets: [Int64])
        -> (events: [EventRef], conflicts: Int, first: (EventRef, EventRef)?) {
        var causes: [EventRef: [EventRef]] = [:]
        for l in links { causes[l.to, default: []].append(l.from) }
        var next = [Int](repeating: 0, count: recordings.count)
        var result: [EventRef] = []
        result.reserveCapacity(recordings.reduce(0) { $0 + $1.count })
        var conflicts = 0
        var first: (EventRef, EventRef)?
        func taken(_ r: EventRef) -> Bool { next[r.recording] > r.index }
        while true {
            var best: (ref: EventRef, time: Int64, ready: Bool)?
            for r in recordings.indices where next[r] < recordings[r].count {
                let ref = EventRef(recording: r, index: next[r])
                let ready = causes[ref]?.allSatisfy(taken) ?? true
                let time = timeOnReference(ref, recordings, offsets)
                if let b = best, (b.ready && !ready) || (b.ready == ready && b.time <= time) { continue }
                best = (ref, time, ready)
            }
            guard let chosen = best else { break }
            if !chosen.ready {
                conflicts += 1
                if first == nil, let cause = causes[chosen.ref]?.first(where: { !taken($0) }) { first = (chosen.ref, cause) }
            }
            result.append(chosen.ref)
            next[chosen.ref.recording] += 1
        }
        return (result, conflicts, first)
    }

    /// The segments kept so far, by what they say and by recording: the n-th copy of a segment in one
    /// recording is one the merge already has when another recording had n of them already.
    struct SeenSegments {
        private struct Key: Hashable {
            let local: String?
            let remote: String?
            let segment: TraceEvent.Segment?
        }

        private var counts: [Key: [Int: Int]] = [:]

        mutating func isCopy(_ e: TraceEvent, from recording: Int) -> Bool {
            let key = Key(local: e.local, remote: e.remote, segment: e.segment)
            var byRecording = counts[key, default: [:]]
            byRecording[recording, default: 0] += 1
            counts[key] = byRecording
            let mine = byRecording[recording]!
            return byRecording.contains { $0.key != recording && $0.value >= mine }
        }
    }

    struct SideKey: Hashable {
        let recording: Int
        let actor: TraceEvent.Actor
        let connection: Int?
        init(_ side: ConnectionSide) {
            recording = side.recording
            actor = side.actor
            connection = side.connection
        }
    }

    struct RelabelKey: Hashable {
        let recording: Int
        let actor: TraceEvent.Actor
    }
}
