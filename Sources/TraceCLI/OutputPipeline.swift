import TracePrograms
import TraceCore
import TraceExport
import TraceModel
import TraceRender
import TraceTerminal
import TraceText

/// Where a command's events go, for every command alike: the diagram drawn live through the model (or
/// JSON Lines with `--json`) on standard output, a JSON Lines recording with `--record FILE`, and the
/// events kept in memory when what follows the diagram needs them. A source emits into `sink`, through
/// a `Tracer` whose header says how the trace is made; the diagram reads that header too, so a replay
/// of the recording draws the same lines.
final class OutputPipeline: Sendable {
    /// How events reach the outputs.
    enum Delivery {
        /// On the emitting thread, under the tracer's lock: lines interleave exactly with what the
        /// command writes itself (the walkthrough's cards).
        case inline
        /// On a thread of their own, so that a server's many connection threads never wait for the
        /// terminal; `holding` keeps them back until `release()`.
        case background(holding: Bool)
    }

    let display: DisplayOptions
    let json: Bool
    let context: CommandContext
    /// What a source emits into.
    let sink: any EventSink
    /// For the command's own lines (where a server listens, how it ended): standard output, or standard
    /// error with `--json` so that standard output stays pure JSON Lines.
    let messages: any TextOutput
    private let diagram: DiagramSink?
    private let memory: MemorySink?
    private let recording: RecordingFile?
    private let holding: HoldingSink?
    private let background: BackgroundSink?
    private let buffered: [BufferedOutput]
    private let export: ExportFile?

    /// Opens the recording (`--record FILE`) and the export (`--export FORMAT:FILE`) that `files`
    /// asks for, if any: failing is one line, exit 73; a malformed `--export`, exit 64.
    init(display: DisplayOptions, json: Bool, files: ParsedArguments?, context: CommandContext,
         delivery: Delivery = .inline, keepsEvents: Bool = false, options: DiagramOptions = DiagramOptions()) throws(CommandFailure) {
        self.display = display
        self.json = json
        self.context = context
        messages = json ? context.errors : context.output
        let target: ExportTarget?
        do { target = try files.flatMap(ExportTarget.option) } catch {
            throw CommandFailure(message: error.message(display.language), status: ExitStatus.usage)
        }
        recording = try RecordingFile.open(files?.value("record"))
        export = try target?.open(options: ExportOptions(language: display.language, narrator: TeachingNarrator()),
                                  diagram: options, context: context)
        var screen: any TextOutput = context.output
        var file: (any TextOutput)? = recording?.output
        var buffered: [BufferedOutput] = []
        if case .background = delivery {
            let s = BufferedOutput(context.output)
            screen = s
            buffered.append(s)
            if let f = file {
                let b = BufferedOutput(f)
                file = b
                buffered.append(b)
            }
        }
        self.buffered = buffered
        var sinks: [any EventSink] = []
        if json {
            diagram = nil
            sinks.append(JSONLinesWriter(output: screen))
        } else {
            let diagram = DiagramSink(style: display.style, options: options, output: screen)
            self.diagram = diagram
            sinks.append(diagram)
        }
        if let file { sinks.append(JSONLinesWriter(output: file)) }
        if let export { sinks.append(export) }
        memory = keepsEvents ? MemorySink() : nil
        if let memory { sinks.append(memory) }
        let all: any EventSink = sinks.count == 1 ? sinks[0] : FanOutSink(sinks)
        switch delivery {
        case .inline:
            background = nil
            holding = nil
            sink = all
        case .background(let holds):
            let flushed = buffered
            let background = BackgroundSink(all) { for output in flushed { output.flush() } }
            self.background = background
            let holding = HoldingSink(background)
            if !holds { holding.release() }
            self.holding = holding
            sink = holding
        }
    }

    /// Writes the title above the diagram (nothing in JSON mode).
    func begin(title: String?) {
        guard !json, let title else { return }
        context.output.write(display.title(title))
    }

    /// Shows the events held back so far; later ones are shown as they come.
    func release() {
        holding?.release()
        background?.drain()
    }

    /// Writes every event still queued, closes the diagram's lifelines and the recording; fails when the
    /// recording could not be written whole. Returns the events kept in memory, if asked to keep them.
    @discardableResult
    func finish() throws(CommandFailure) -> [TraceEvent] {
        holding?.release()
        background?.close()
        diagram?.finish()
        for output in buffered { output.flush() }
        try recording?.close()
        try export?.finish()
        return memory?.events ?? []
    }

    /// Lines written after the diagram (a legend, a debrief), each block after a blank line.
    func writeAfterDiagram(_ blocks: [[String]]) {
        guard !json else { return }
        for block in blocks where !block.isEmpty { context.output.write("\n" + block.joined(separator: "\n") + "\n") }
    }
}

/// `--json`, `--record FILE` and `--export FORMAT:FILE`, declared once for every command that traces or draws.
enum OutputOptions {
    static let json = OptionSpec.flag("json", es: "los eventos en JSON Lines en lugar del diagrama",
                                      en: "the events as JSON Lines instead of the diagram")
    static let record = OptionSpec.option("record", "FILE", "ARCHIVO",
                                          es: "guarda también los eventos en JSON Lines en ARCHIVO (ver trace replay y trace merge)",
                                          en: "also save the events as JSON Lines in FILE (see trace replay and trace merge)")
    static let export = OptionSpec.option("export", "FORMAT:FILE", "FORMATO:ARCHIVO",
                                          es: "al terminar, exporta el diagrama a ARCHIVO: mermaid, plantuml, svg o html (ver trace export)",
                                          en: "when the run ends, export the diagram to FILE: mermaid, plantuml, svg or html (see trace export)")
    static let specs = DisplayOptions.specs + [json, record, export]
}
