import TraceModel

/// Where a page stops as the learner steps through it: the setup, then each numbered step (its first
/// row and every row until the next step), the rows that follow the steps; a recording without step
/// numbers stops at every row.
struct Stop: Sendable {
    enum Kind: Sendable, Hashable {
        case setup
        case step(Int)
        case afterSteps
        /// A recording without step numbers: its N-th row.
        case call(Int)
    }

    var kind: Kind
    /// Indices into the page's rows.
    var rows: [Int]
    /// The `#step=N` this stop answers: a step's number (the first time it is shown), 0 for the setup,
    /// a call's number; nil when `#stop=K` is the only way to it.
    var deepLink: Int?

    static func stops(of rows: [ExportRow]) -> [Stop] {
        guard rows.contains(where: { $0.row.number != nil }) else {
            return rows.indices.map { Stop(kind: .call($0 + 1), rows: [$0], deepLink: $0 + 1) }
        }
        var stops: [Stop] = []
        var linked: Set<Int> = []
        for (i, export) in rows.enumerated() {
            let row = export.row
            if let number = row.number {
                stops.append(Stop(kind: .step(number), rows: [i], deepLink: linked.insert(number).inserted ? number : nil))
                continue
            }
            guard let last = stops.last else {
                stops.append(Stop(kind: .setup, rows: [i], deepLink: 0))
                continue
            }
            if case .step = last.kind, row.step == nil, row.participant.actor != .tool {
                stops.append(Stop(kind: .afterSteps, rows: [i], deepLink: nil))
            } else {
                stops[stops.count - 1].rows.append(i)
            }
        }
        return stops
    }
}
