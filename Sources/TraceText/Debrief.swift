/// What a lesson says after its diagram: a heading, a few points, a closing note.
public struct Debrief: Sendable, Hashable {
    public var heading: String
    public var points: [String]
    public var note: String?

    public init(heading: String, points: [String], note: String? = nil) {
        self.heading = heading
        self.points = points
        self.note = note
    }
}
