import TraceEvents
import TraceRender
import TraceTerminal

/// Where a command's events go, chosen from the display options: the sequence diagram drawn live (or
/// JSON Lines with `--json`) on standard output, plus a JSON Lines recording with `--record FILE`.
/// Formatting and writing happen on a thread of their own (`BackgroundSink`), so a server's many
/// connection threads never wait for the terminal.
struct EventDisplay {
    let sink: any EventSink
    /// For the program's own lines (where the server listens, how it ended): standard output, or
    /// standard error with `--json` so that standard output stays pure JSON Lines.
    let messages: any TextOutput
    let language: Language
    private let holding: HoldingSink
    private let background: BackgroundSink
    private let diagram: DiagramSink?
    private let screen: BufferedOutput
    private let recording: RecordingFile?

    /// The options `trace server`, `trace client` and `trace merge` add to the demo's display options.
    static let optionSpecs: [OptionSpec] = DisplayOptions.specs + [
        .flag("json", es: "los eventos en JSON Lines en lugar del diagrama", en: "the events as JSON Lines instead of the diagram"),
        .option("record", "FILE", "ARCHIVO", es: "guarda también los eventos en JSON Lines en ARCHIVO (para trace merge y trace replay)",
                en: "also save the events as JSON Lines in FILE (for trace merge and trace replay)"),
    ]

    /// `view` is whose calls are traced (one side for `trace server` / `trace client`). With
    /// `holdUntilReleased`, events wait for `release()`, so a message can come first.
    static func make(_ arguments: ParsedArguments, _ context: CommandContext, view: DiagramView,
                     holdUntilReleased: Bool = false) throws -> EventDisplay {
        let options = try DisplayOptions(arguments, context)
        let screen = BufferedOutput(context.output)
        var outputs = [screen]
        var sinks: [any EventSink] = []
        var diagram: DiagramSink?
        if arguments.has("json") {
            sinks.append(JSONLinesWriter(output: screen))
        } else {
            var style = options.style
            style.view = view
            diagram = DiagramSink(style: style, plan: nil, output: screen)
            sinks.append(diagram!)
        }
        let recording = try RecordingFile.open(arguments.value("record"))
        if let recording {
            let file = BufferedOutput(recording.output)
            outputs.append(file)
            sinks.append(JSONLinesWriter(output: file))
        }
        let flushed = outputs
        let background = BackgroundSink(sinks.count == 1 ? sinks[0] : FanOutSink(sinks)) {
            for output in flushed { output.flush() }
        }
        let holding = HoldingSink(background)
        if !holdUntilReleased { holding.release() }
        return EventDisplay(sink: holding, messages: arguments.has("json") ? context.errors : context.output,
                            language: options.language, holding: holding, background: background, diagram: diagram,
                            screen: screen, recording: recording)
    }

    /// Shows the events held back so far; later ones are shown as they come.
    func release() {
        holding.release()
        background.drain()
    }

    /// Writes every event still queued, closes the diagram's lifelines and the recording; fails when the
    /// recording could not be written whole.
    func finish() throws(CommandFailure) {
        holding.release()
        background.close()
        diagram?.finish()
        screen.flush()
        try recording?.close()
    }
}
