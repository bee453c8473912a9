import TraceModel

/// The parts of a run the exports divide it into: the setup before anything crosses the connection,
/// the exchange, and the close (once the first FIN or RST of a run with one connection is drawn).
enum Section: Sendable, Hashable {
    case setup
    case steps
    case close

    /// Follows the rows in order and says where a new section begins.
    struct Tracker: Sendable {
        private(set) var current: Section?

        /// The section `row` begins, if it begins one.
        mutating func begins(at row: ExportRow) -> Section? {
            let next = section(of: row)
            guard next != current else { return nil }
            current = next
            return next
        }

        private func section(of row: ExportRow) -> Section {
            let r = row.row
            switch current {
            case nil, .setup?:
                return r.number != nil || r.arrow != nil ? .steps : .setup
            case .steps?:
                let ends = r.connection == nil && (r.arrow?.kind == .fin || r.arrow?.kind == .rst)
                return ends ? .close : .steps
            case .close?:
                return .close
            }
        }
    }
}
