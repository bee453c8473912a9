import TraceCore
import TraceModel
import TraceTeaching
import TraceText

/// A recording's diagram as stops to move through (`trace replay --step`): each numbered step's rows
/// (per connection), or a run of unnumbered rows of one participant (the setup, the cleanup, the
/// tool's own stop). Built on the diagram model's rows, so the stops follow the diagram exactly.
struct ReplayStops: Sendable {
    struct Stop: Sendable, Hashable {
        /// The rows it holds, as indices into the diagram's rows.
        let rows: Range<Int>
        let step: Int?
        let participant: ParticipantID
        let connection: Int?
        /// The tool's own rows (its stop, its cleanup), not the program's.
        let byTool: Bool
    }

    let stops: [Stop]
    /// The numbered steps, in the order they first appear.
    let numbered: [Int]
    /// Whether the recording has several connections (cards then say which).
    let numbersConnections: Bool

    init(rows: [Row]) {
        var stops: [Stop] = []
        var start = 0
        func key(_ row: Row) -> Key {
            // A call that waits, the tool's own rows and what its stop woke belong to no step.
            let step = row.kind == .waiting || row.byTool || row.wokenByStop ? nil : row.step
            return Key(step: step, participant: step == nil ? row.participant : nil, connection: row.connection,
                       byTool: row.byTool)
        }
        for index in rows.indices where index == rows.count - 1 || key(rows[index + 1]) != key(rows[index]) {
            let first = rows[start]
            stops.append(Stop(rows: start..<(index + 1), step: key(first).step, participant: first.participant,
                              connection: first.connection, byTool: first.byTool || first.participant.actor == .tool))
            start = index + 1
        }
        self.stops = stops
        var numbered: [Int] = []
        for stop in stops { if let step = stop.step, !numbered.contains(step) { numbered.append(step) } }
        self.numbered = numbered
        numbersConnections = Set(rows.compactMap(\.connection)).count > 1
    }

    private struct Key: Equatable {
        let step: Int?
        let participant: ParticipantID?
        let connection: Int?
        let byTool: Bool
    }

    var count: Int { stops.count }

    /// The first stop of step `number`, if the recording has it.
    func index(ofStep number: Int) -> Int? { stops.firstIndex { $0.step == number } }

    /// Where stop `index` stands among the numbered steps.
    func place(of index: Int) -> StopPlace {
        if let step = stops[index].step { return .step(step, of: numbered) }
        guard let before = stops[..<index].last(where: { $0.step != nil })?.step else { return .beforeFirstStep }
        return stops[(index + 1)...].contains { $0.step != nil } ? .after(before) : .afterwards
    }

    /// Who acts at stop `index`: the side, and the connection when there are several.
    func side(of index: Int, _ language: Language) -> String {
        let stop = stops[index]
        if stop.byTool { return "trace" }
        let side = StopPlace.side(server: stop.participant.actor == .server, language)
        guard numbersConnections, let connection = stop.connection else { return side }
        return "\(side) #\(connection)"
    }
}
