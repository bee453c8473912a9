/// One frame of the full screen, top to bottom: the diagram so far (its lifeline header always first,
/// then as many of its last lines as fit), the card anchored above the status line, and the status
/// line (the prompt) on the last row. Pure: the same parts and size give the same rows.
///
/// When the card in its full form leaves the diagram fewer than `shortestDiagram` lines, the compact
/// form is tried; when even that does not fit, the card is cut (its last line says so), the diagram's
/// lines give way first, then its header. Nothing ever overlaps.
struct ScreenFrame: Sendable, Equatable {
    /// The diagram's last lines a card must leave visible, when the diagram has them.
    static let shortestDiagram = 4

    let rows: [String]
    /// Whether the card had to be cut to fit.
    let cardIsCut: Bool

    /// - Parameters:
    ///   - height: the screen's rows.
    ///   - header: the diagram's header lines (none before the diagram begins).
    ///   - body: the diagram's lines after its header.
    ///   - cardForms: the card in its forms, the one preferred first; the last is the one cut when
    ///     nothing fits.
    ///   - cut: the line that ends a card that was cut.
    ///   - status: the last row.
    init(height: Int, header: [String], body: [String], cardForms: [[String]], cut: String, status: String) {
        guard height > 0 else {
            rows = []
            cardIsCut = false
            return
        }
        let space = height - 1
        let wanted = min(body.count, Self.shortestDiagram)
        var shownHeader = header
        var card: [String]
        var isCut = false
        if let fitting = cardForms.first(where: { $0.count + header.count + wanted <= space }) {
            card = fitting
        } else {
            card = cardForms.last ?? []
            var room = space - header.count - wanted
            if room < 2 { room = space - header.count }
            if room < 2 {
                shownHeader = []
                room = space
            }
            if card.count > room {
                card = room > 1 ? Array(card.prefix(room - 1)) + [cut] : Array(card.prefix(room))
                isCut = true
            }
        }
        let bodyRoom = max(space - card.count - shownHeader.count, 0)
        var frame = shownHeader + body.suffix(bodyRoom)
        frame += Array(repeating: "", count: max(space - frame.count - card.count, 0))
        frame += card
        frame.append(status)
        rows = frame
        cardIsCut = isCut
    }
}
