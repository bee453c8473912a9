/// The formats a recording can be exported to.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    /// A Mermaid `sequenceDiagram`, in the subset GitHub and GitLab render (Mermaid 10).
    case mermaid
    /// A PlantUML sequence diagram.
    case plantuml
    /// A standalone SVG picture drawn by `trace` itself.
    case svg
    /// One self-contained page: the SVG ladder beside a step-by-step transcript.
    case html

    /// The usual file name extension: `mmd`, `puml`, `svg`, `html`.
    public var fileExtension: String {
        switch self {
        case .mermaid: return "mmd"
        case .plantuml: return "puml"
        case .svg: return "svg"
        case .html: return "html"
        }
    }

    /// Mermaid and PlantUML are written row by row as events arrive; an SVG's size depends on every
    /// row, so SVG and HTML keep the rows (not their text) until the end.
    public var streams: Bool { self == .mermaid || self == .plantuml }
}
