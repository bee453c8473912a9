import TraceCore
import TraceExport
import TraceModel
import TraceTeaching
import TraceText

/// `trace export FILE --format mermaid|plantuml|svg|html [--output OUT]`: a recording (`--record`,
/// `--json`) as a Mermaid or PlantUML diagram, an SVG picture or a self-contained HTML page, drawn
/// from the same diagram model as the terminal. A recording that begins with its header streams
/// through; an older one, without a header, is read whole first (its steps' order comes from its own
/// step numbers), as `trace replay` does.
enum ExportCommand {
    static let subcommand = TraceCommand.Subcommand(
        name: "export",
        operand: (es: "ARCHIVO", en: "FILE"),
        summary: (es: "Exporta una grabación (trace --record) a Mermaid, PlantUML, SVG o una página HTML que se recorre paso a paso.",
                  en: "Exports a recording (trace --record) to Mermaid, PlantUML, SVG, or an HTML page to step through."),
        options: [
            .option("format", ExportTarget.formats, "mermaid|plantuml|svg|html",
                    es: "el formato (por defecto, el de la extensión de --output: .mmd, .puml, .svg, .html)",
                    en: "the format (default: from --output's extension: .mmd, .puml, .svg, .html)"),
            .option("output", "OUT", "SALIDA", es: "el archivo que escribir (por defecto, la salida estándar)",
                    en: "the file to write (default: standard output)"),
            .option("lang", "es|en|both", "es|en|both",
                    es: "idioma (por defecto, el del entorno); both: la página explica cada paso en los dos idiomas",
                    en: "language (default: from the environment); both: the page explains each step in both languages"),
        ],
        run: run)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let path = try arguments.operand(missing: (es: "falta el ARCHIVO que exportar", en: "missing the FILE to export"))
        let output = arguments.value("output")
        let format = try self.format(arguments, output: output)
        var options = try languages(arguments, context, format: format)
        options.title = SeedText.replayTitle(source: SafeWord.of(basename(path)), language: options.language)
        options.narrator = TeachingNarrator()
        let target = ExportTarget(format: format, path: output)

        var export: ExportFile?
        var held: [TraceEvent] = []
        var failure: CommandFailure?
        do {
            try ReplayCommand.read(path, language: options.language) { events in
                guard failure == nil else { return }
                if export == nil {
                    held += events
                    guard let first = held.first, first.operation == .header else { return }
                    do throws(CommandFailure) { export = try target.open(options: options, context: context) } catch {
                        failure = error
                        return
                    }
                    for event in held { export?.receive(event) }
                    held = []
                    return
                }
                for event in events { export?.receive(event) }
            }
        } catch {
            export?.discard()
            throw error
        }
        if let failure { throw failure }
        if export == nil {
            // No header: the plan comes from the recording's own step numbers.
            let opened = try target.open(options: options, diagram: DiagramOptions(plan: StepPlan(deriving: held)), context: context)
            for event in held { opened.receive(event) }
            export = opened
        }
        try export?.finish()
        return ExitStatus.success
    }

    /// `--format`, or the format `--output`'s extension names.
    private static func format(_ arguments: ParsedArguments, output: String?) throws(UsageError) -> ExportFormat {
        if let name = arguments.value("format") { return try ExportTarget.format(name, option: "--format") }
        if let output, let dot = output.lastIndex(of: "."),
           let format = ExportFormat.allCases.first(where: { $0.fileExtension == output[output.index(after: dot)...].lowercased() }) {
            return format
        }
        throw UsageError(es: "falta --format \(ExportTarget.formats)", en: "missing --format \(ExportTarget.formats)")
    }

    /// `--lang es|en|both`; both languages only for a page, which is where explanations go.
    private static func languages(_ arguments: ParsedArguments, _ context: CommandContext,
                                  format: ExportFormat) throws(UsageError) -> ExportOptions {
        guard arguments.value("lang")?.lowercased() == "both" else {
            return ExportOptions(language: try OptionValues.language(arguments, context))
        }
        guard format == .html else {
            throw .badValue(es: "--lang both: los dos idiomas solo en una página (--format html)",
                            en: "--lang both: both languages only on a page (--format html)")
        }
        return ExportOptions(language: Language.fromLocale(context.environment), bothLanguages: true)
    }

    private static func basename(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
