import Synchronization
import TracePackets
import TracePrograms
import TraceCore
import TraceExport
import TraceModel
import TraceRender
import TraceTerminal
import TraceText
import Synchronization

/// Where a command's events go, for every command alike: the diagram drawn live through the model (or
/// JSON Lines with `--json`) on standard output, a JSON Lines recording with `--record FILE`, and the
/// events kept in memory when what follows the diagram needs them. A source emits into `sink`, through
/// a `Tracer` whose header says how the trace is made; the diagram reads that header too, so a replay
/// of the recording draws the same lines. With packets (`--packets`), the capture opened beside the
/// tracer interleaves its segments with the calls.
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
    /// Standard output as the diagram (or JSON Lines) sees it, until a full screen takes its lines.
    private let diverted: DivertibleOutput
    private let packets: PacketTrace?
    private let tracing = Mutex<Tracer?>(nil)
    /// With packets, the segments by time, for a walkthrough to name after each stop.
    let segmentLog: SegmentLog?

    /// Opens the recording (`--record FILE`) and the export (`--export FORMAT:FILE`) that `files`
    /// asks for, if any: failing is one line, exit 73; a malformed `--export`, exit 64. With `packets`,
    /// the capture's segments are interleaved with the events (see `tracer(_:)`).
    init(display: DisplayOptions, json: Bool, files: ParsedArguments?, context: CommandContext,
         delivery: Delivery = .inline, keepsEvents: Bool = false, options: DiagramOptions = DiagramOptions(),
         packets: PacketTrace? = nil) throws(CommandFailure) {
        self.display = display
        self.packets = packets
        self.json = json
        self.context = context
        messages = json ? context.errors : context.output
        let target: ExportTarget?
        do { target = try files.flatMap(ExportTarget.option) } catch {
            throw CommandFailure(message: error.message(display.language), status: ExitStatus.usage)
        }
        recording = try RecordingFile.open(files?.value("record"), language: display.language)
        export = try target?.open(options: ExportOptions(language: display.language, narrator: TeachingNarrator()),
                                  diagram: options, context: context)
        let diverted = DivertibleOutput(context.output)
        self.diverted = diverted
        var screen: any TextOutput = diverted
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
        segmentLog = packets == nil ? nil : SegmentLog()
        if let segmentLog { sinks.append(segmentLog) }
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

    /// From now on the diagram's lines go to `output` instead of standard output (a full screen that
    /// draws them itself). Call it before the first event.
    func divertDiagram(to output: any TextOutput) {
        diagram?.keepEvents()
        diverted.target.withLock { $0 = output }
    }

    /// The diagram so far, drawn again at `width`, handed to `deliver` before any later line (a full
    /// screen whose terminal changed size). Only once the diagram was diverted.
    func redrawDiagram(width: Int, _ deliver: ([String]) -> Void) {
        diagram?.redraw(width: width, deliver)
    }

    /// The tracer a source emits through: its header says how the trace is made (and, with packets, on
    /// which clock and that segments were captured); the capture's segments are interleaved with its events.
    /// `deferred`: the emitting threads only copy records into the tracer's ring, and a thread of its own
    /// hands them on in order (a server with many clients); with packets, delivery is immediate, as
    /// interleaving needs.
    func tracer(_ header: TraceHeader, deferred: Bool = false) -> Tracer {
        let delivery: Tracer.Delivery = deferred && packets == nil ? .deferred : .immediate
        let tracer = Tracer(sink: sink, header: packets?.describe(header) ?? header, delivery: delivery)
        if let packets { tracer.interleave(packets) }
        segmentLog?.flushing(through: tracer)
        tracing.withLock { $0 = tracer }
        return tracer
    }

    /// The header the trace began with, once `tracer(_:)` made it.
    var recordedHeader: TraceHeader? { tracing.withLock { $0?.header } }

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
        let tracer = tracing.withLock { $0 }
        tracer?.flush()
        var pcapFailure: CommandFailure?
        if let packets, let tracer {
            do throws(PacketTrace.Failure) { try packets.finish(tracer) } catch { pcapFailure = PacketCapture.writeFailure(error, language: display.language) }
        }
        holding?.release()
        background?.close()
        diagram?.finish()
        for output in buffered { output.flush() }
        try recording?.close()
        try export?.finish()
        if let pcapFailure { throw pcapFailure }
        return memory?.events ?? []
    }

    /// Lines written after the diagram (a legend, a debrief), each block after a blank line.
    /// The blocks that follow the diagram; after the first (what its arrows are), a word on the rows' order
    /// when some did not come in the clock's order.
    func writeAfterDiagram(_ blocks: [[String]]) {
        guard !json else { return }
        var blocks = blocks
        if diagram?.leftTimeOrder == true { blocks.insert(OrderLegend.lines(style: display.style), at: min(1, blocks.count)) }
        for block in blocks where !block.isEmpty { context.output.write("\n" + block.joined(separator: "\n") + "\n") }
    }
}

/// An output whose destination can change once, before anything is written through it.
private final class DivertibleOutput: TextOutput {
    let target: Mutex<any TextOutput>

    init(_ target: any TextOutput) { self.target = Mutex(target) }

    func write(_ text: String) {
        let destination = target.withLock { $0 }
        destination.write(text)
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
