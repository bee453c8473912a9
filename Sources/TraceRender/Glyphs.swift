import TraceText
/// The drawing characters: box drawing and arrows, or their pure ASCII stand-ins (`--ascii`).
public struct Glyphs: Sendable, Hashable {
    public var lifeline: String
    public var fill: String
    public var headRight: String
    public var headLeft: String
    /// Between a call and its result: `recv(1024) → 14 bytes`.
    public var result: String
    public var ellipsis: String
    public var bullet: String
    public var micro: String

    public static let unicode = Glyphs(lifeline: "│", fill: "─", headRight: "▶", headLeft: "◀", result: "→",
                                       ellipsis: "…", bullet: "•", micro: "µ")
    public static let ascii = Glyphs(lifeline: "|", fill: "-", headRight: ">", headLeft: "<", result: "->",
                                     ellipsis: "...", bullet: "*", micro: "u")
}
