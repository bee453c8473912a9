import TraceCore
import TraceModel
import TraceText

/// One format: told what the diagram holds, row by row, it writes its text into `out`.
protocol ExportBackend: Sendable {
    /// The trace's header is read (or there is none) and the lifelines are known.
    mutating func begin(_ diagram: ExportDiagram, into out: inout ChunkedText)
    mutating func add(_ row: ExportRow, into out: inout ChunkedText)
    /// No more rows.
    mutating func finish(into out: inout ChunkedText)
}

/// What every format knows about the diagram before its first row.
struct ExportDiagram: Sendable {
    let header: TraceHeader?
    let view: DiagramView
    let options: ExportOptions
    var words: ExportWords { ExportWords(language: options.language) }

    /// The title: the one asked for, or what the recording says it is.
    var title: String {
        if let title = options.title { return title }
        let command = header.map { "trace " + $0.command } ?? "trace"
        return words.words("\(command): cada llamada al sistema", "\(command): every system call")
    }
}

/// Text written to an output in large pieces: a 10,000-row export makes a few hundred writes, not
/// tens of thousands.
struct ChunkedText: Sendable {
    private let output: any TextOutput
    private var pending = ""
    static let chunk = 64 * 1024

    init(_ output: any TextOutput) { self.output = output }

    mutating func write(_ text: String) {
        pending += text
        if pending.utf8.count >= ChunkedText.chunk { flush() }
    }

    /// One line and its newline.
    mutating func line(_ text: String) { write(text + "\n") }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        output.write(pending)
        pending = ""
    }
}
