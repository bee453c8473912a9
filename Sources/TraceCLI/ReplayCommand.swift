import TracePrograms
import TraceText
import TraceCore
import TraceModel
import TraceRender
import TraceTeaching

/// `trace replay FILE`: draws a recording (`--record FILE`, `--json`) through the same pipeline as a
/// live run, so the same events give the same diagram. A recording that begins with its header is
/// drawn as it is read; an older one, without a header, is read whole first (its steps' order comes
/// from its own step numbers).
enum ReplayCommand {
    static let subcommand = TraceCommand.Subcommand(
        name: "replay",
        operand: (es: "ARCHIVO", en: "FILE"),
        summary: (es: "Dibuja una grabación en JSON Lines (de trace --record o trace --json) con el mismo diagrama.",
                  en: "Draws a JSON Lines recording (from trace --record or trace --json) as the same diagram."),
        options: DisplayOptions.specs + [stepSpec],
        run: run)

    static let stepSpec = OptionSpec.flag("step", es: "recorre la grabación parada a parada, con su tarjeta: → siguiente, ← anterior, un número y Enter salta a ese paso (? muestra las teclas)",
                                          en: "steps through the recording stop by stop, with its card: → next, ← previous, a number then Enter jumps to that step (? lists the keys)")

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let path = try arguments.operand(missing: (es: "falta el ARCHIVO que dibujar", en: "missing the FILE to draw"))
        let display = try DisplayOptions(arguments, context)
        if arguments.has("step") {
            let title = SeedText.replayTitle(source: SafeWord.of(path), language: display.language)
            return try ReplayStepping(events: read(path, language: display.language), display: display, context: context, title: title).run()
        }
        // The lines drawn from one chunk of the recording go out in one write, as soon as it is read.
        let buffered = BufferedOutput(context.output)
        var streaming = context
        streaming.output = buffered
        var replay = Replay(display: display, context: streaming, title: SeedText.replayTitle(source: SafeWord.of(path), language: display.language))
        var failure: CommandFailure?
        defer { buffered.flush() }
        try read(path, language: display.language) { events in
            guard failure == nil else { return }
            do throws(CommandFailure) { try replay.take(events) } catch { failure = error }
            buffered.flush()
        }
        if let failure { throw failure }
        try replay.finish()
        return ExitStatus.success
    }

    /// A replay in progress: events are held until the first one says whether the recording has a
    /// header; from then on they stream through the pipeline.
    private struct Replay {
        let display: DisplayOptions
        let context: CommandContext
        let title: String
        private var pipeline: OutputPipeline?
        private var held: [TraceEvent] = []
        private var header: TraceHeader?
        /// Kept for what follows the diagram, only for the runs that have something there (a seed, a lesson).
        private var kept: [TraceEvent] = []
        private var keeps = false

        init(display: DisplayOptions, context: CommandContext, title: String) {
            self.display = display
            self.context = context
            self.title = title
        }

        mutating func take(_ events: [TraceEvent]) throws(CommandFailure) {
            if pipeline == nil {
                held += events
                guard let first = held.first, first.operation == .header, let header = first.header else { return }
                self.header = header
                keeps = header.plan?.id != nil
                try start(DiagramOptions())
                pass(held)
                held = []
                return
            }
            pass(events)
        }

        mutating func finish() throws(CommandFailure) {
            if pipeline == nil {
                guard !held.isEmpty else { return }
                // No header: the plan comes from the recording's own step numbers.
                keeps = true
                try start(DiagramOptions(plan: StepPlan(deriving: held)))
                pass(held)
            }
            try pipeline?.finish()
            pipeline?.writeAfterDiagram(RunClosing.blocks(header: header, events: kept, display: display))
        }

        private mutating func start(_ options: DiagramOptions) throws(CommandFailure) {
            let pipeline = try OutputPipeline(display: display, json: false, files: nil, context: context, options: options)
            pipeline.begin(title: title)
            self.pipeline = pipeline
        }

        private mutating func pass(_ events: [TraceEvent]) {
            for event in events { pipeline?.sink.receive(event) }
            if keeps { kept += events }
        }
    }

    /// The recording's events; a missing file is exit 66, a malformed one 65, each one line.
    static func read(_ path: String, language: Language = .en) throws(CommandFailure) -> [TraceEvent] {
        var all: [TraceEvent] = []
        try read(path, language: language) { all += $0 }
        return all
    }

    static func read(_ path: String, language: Language = .en, _ body: ([TraceEvent]) -> Void) throws(CommandFailure) {
        do {
            try JSONLinesReader.forEachEvent(inFile: path, body)
        } catch {
            throw CommandFailure(message: SafeWord.of(error.message(language), limit: 300),
                                 status: error.line == nil ? ExitStatus.noInput : ExitStatus.dataError)
        }
    }
}
