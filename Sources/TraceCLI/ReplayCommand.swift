import TraceEvents
import TraceRender
import TraceTeaching

/// `trace replay FILE`: draws a recording (`trace --record FILE`, `trace --json`) with the same
/// renderer, so the same events give the same diagram.
enum ReplayCommand {
    static let subcommand = TraceCommand.Subcommand(
        name: "replay",
        operand: (es: "ARCHIVO", en: "FILE"),
        summary: (es: "Dibuja una grabación en JSON Lines (de trace --record o trace --json) con el mismo diagrama.",
                  en: "Draws a JSON Lines recording (from trace --record or trace --json) as the same diagram."),
        options: DisplayOptions.specs,
        run: run)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard let path = arguments.positionals.first else {
            throw UsageError(es: "falta el ARCHIVO que dibujar", en: "missing the FILE to draw")
        }
        guard arguments.positionals.count == 1 else {
            let word = SafeWord.of(arguments.positionals[1])
            throw UsageError(es: "argumento inesperado '\(word)'", en: "unexpected argument '\(word)'")
        }
        let display = try DisplayOptions(arguments, context)
        let events = try read(path)
        let style = display.style
        context.output.write(display.title(SeedText.replayTitle(source: SafeWord.of(path), language: display.language)))
        var lines = DiagramRenderer.render(events, style: style)
        let measurements = RunMeasurements(events)
        if SeedDebrief.applies(to: measurements) {
            lines += [""] + StepTermsLegend.lines(StepTermsLegend.seed(display.language), style: style)
            lines += [""] + SeedDebrief.make(measurements, language: display.language).lines(style: style)
        }
        context.output.write(lines.joined(separator: "\n") + "\n")
        return ExitStatus.success
    }

    /// The recording's events; a missing file is exit 66, a malformed one 65, each one line.
    static func read(_ path: String) throws(CommandFailure) -> [TraceEvent] {
        do {
            return try JSONLinesReader.events(fromFile: path)
        } catch {
            throw CommandFailure(message: SafeWord.of(error.description, limit: 300),
                                 status: error.line == nil ? ExitStatus.noInput : ExitStatus.dataError)
        }
    }
}
