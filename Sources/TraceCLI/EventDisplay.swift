import Synchronization
import TraceEvents
import TraceRender
import TraceTerminal

extension EventDisplay {
    /// The display options `trace server`, `trace client` and `trace merge` share with the demo.
    static let optionSpecs: [OptionSpec] = [
        .option("lang", "es|en", es: "idioma (por defecto, el del entorno)", en: "language (default: from the locale)"),
        .flag("json", es: "eventos en JSON Lines en lugar de líneas legibles", en: "JSON Lines events instead of readable lines"),
        .option("record", "FILE", es: "guarda los eventos en JSON Lines en FILE mientras muestra", en: "record the events as JSON Lines to FILE while showing them"),
        .flag("ascii", es: "solo caracteres ASCII", en: "ASCII characters only"),
        .option("color", "auto|always|never", es: "colores (auto: solo en un terminal; respeta NO_COLOR)", en: "colours (auto: only on a terminal; NO_COLOR is honoured)"),
        .option("width", "N", es: "ancho de línea (por defecto, el del terminal, u 80)", en: "line width (default: the terminal's, or 80)"),
    ]
}

/// Where a command's events and messages go, chosen from the display options: readable lines (or JSON
/// Lines with `--json`) on standard output, plus a JSON Lines recording with `--record FILE`.
struct EventDisplay {
    let sink: any EventSink
    /// For the program's own lines (where the server listens, how it ended): standard output, or
    /// standard error with `--json` so that standard output stays pure JSON Lines.
    let messages: any TextOutput
    let language: Language
    private let holding: HoldingSink
    private let background: BackgroundSink
    private let recording: FileOutput?
    private let recordPath: String?

    /// With `holdUntilReleased`, events wait for `release()` (so a message can come first).
    static func make(_ arguments: ParsedArguments, _ context: CommandContext,
                     holdUntilReleased: Bool = false) throws -> EventDisplay {
        let language = try OptionValues.language(arguments, context)
        let screen = BufferedOutput(context.output)
        var outputs = [screen]
        var sinks: [any EventSink] = []
        if arguments.has("json") {
            sinks.append(JSONLinesWriter(output: screen))
        } else {
            sinks.append(LineSink(format: try lineFormat(arguments, context, language), output: screen))
        }
        var recording: FileOutput?
        if let path = arguments.value("record") {
            do { recording = try FileOutput.create(path: path) } catch {
                throw CommandFailure(message: language.pick(es: "--record: no se puede crear \(error)", en: "--record: cannot create \(error)"),
                                     status: ExitStatus.ioError)
            }
            let file = BufferedOutput(recording!)
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
                            language: language, holding: holding, background: background, recording: recording,
                            recordPath: arguments.value("record"))
    }

    /// Shows the events held back so far; later ones are shown as they come.
    func release() {
        holding.release()
        background.drain()
    }

    /// Closes the recording; fails when it could not be written whole.
    func finish() throws(CommandFailure) {
        holding.release()
        background.close()
        guard let recording else { return }
        recording.close()
        if let failure = recording.failure {
            throw CommandFailure(message: "--record \(recordPath ?? ""): \(failure.message)", status: ExitStatus.ioError)
        }
    }

    private static func lineFormat(_ arguments: ParsedArguments, _ context: CommandContext, _ language: Language) throws -> EventLineFormat {
        let color: Bool
        switch arguments.value("color") ?? "auto" {
        case "always": color = true
        case "never": color = false
        case "auto":
            color = context.outputIsTerminal && context.environment["TERM"] != "dumb" && context.environment["NO_COLOR"] == nil
        case let other: throw UsageError(message: "--color \(NetworkOptions.shown(other)): expected auto, always or never")
        }
        var width = context.outputIsTerminal ? context.terminalWidth ?? 80 : 80
        if let text = arguments.value("width") {
            guard let value = Int(text), value >= 60, value <= 1000 else {
                throw UsageError(message: "--width \(NetworkOptions.shown(text)): expected a number from 60 to 1000")
            }
            width = value
        }
        return EventLineFormat(language: language, ascii: arguments.has("ascii"), color: color, width: width)
    }
}

/// Writes one readable line per event, labelling each connection (`server #3 127.0.0.1:53122`).
final class LineSink: EventSink {
    private let format: EventLineFormat
    private let output: any TextOutput
    private let labels: Mutex<ConnectionLabels>

    init(format: EventLineFormat, output: any TextOutput) {
        self.format = format
        self.output = output
        self.labels = Mutex(ConnectionLabels(language: format.language))
    }

    func receive(_ event: TraceEvent) {
        let label = labels.withLock { $0.label(for: event) }
        if let line = format.line(event, label: label) { output.write(line + "\n") }
    }
}
