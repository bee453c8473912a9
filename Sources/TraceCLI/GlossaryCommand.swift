import TraceEvents
import TraceRender
import TraceTeaching

/// `trace glossary [TERM]`: the terms of the lessons, in Spanish and English.
enum GlossaryCommand {
    static let subcommand = TraceCommand.Subcommand(
        name: "glossary",
        summary: "Lists the glossary's terms, or shows one (by its Spanish or English name, an alias or a prefix).",
        options: [
            .flag("all", es: "todas las definiciones completas", en: "every definition in full"),
            .flag("json", es: "en JSON, para programas", en: "as JSON, for scripts"),
            .option("lang", "es|en", es: "idioma (por defecto, el del entorno)", en: "language (default: from the locale)"),
        ],
        run: run)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let l = try OptionValues.language(arguments, context)
        let library = try BuiltInLessons.library()
        let width = context.terminalWidth ?? 80
        let json = arguments.has("json")
        guard !arguments.positionals.isEmpty else {
            if json {
                let entries = library.glossary.sorted(for: l).map { GlossaryText.json($0, library, l) }
                context.output.write(JSONValue.array(entries).text + "\n")
            } else {
                context.output.write(arguments.has("all") ? GlossaryText.all(library, l, width: width)
                                                          : GlossaryText.list(library, l, width: width))
            }
            return ExitStatus.success
        }
        let query = arguments.positionals.joined(separator: " ")
        switch library.glossary.lookup(query) {
        case .found(let entry):
            context.output.write(json ? GlossaryText.json(entry, library, l).text + "\n"
                                      : GlossaryText.entry(entry, library, l, width: width))
            return ExitStatus.success
        case .ambiguous(let entries):
            let names = entries.map { $0.name[l] }.joined(separator: ", ")
            throw CommandFailure(message: l.pick(es: "'\(shown(query))' puede ser: \(names)", en: "'\(shown(query))' could be: \(names)"),
                                 status: ExitStatus.failure)
        case .unknown(let suggestions):
            let names = suggestions.map { $0.name[l] }.joined(separator: ", ")
            let hint = suggestions.isEmpty ? l.pick(es: "; trace glossary los lista todos", en: "; trace glossary lists them all")
                                           : l.pick(es: ". ¿Quizá: \(names)?", en: ". Did you mean: \(names)?")
            throw CommandFailure(message: l.pick(es: "no hay ningún término '\(shown(query))'", en: "no term '\(shown(query))'") + hint,
                                 status: ExitStatus.failure)
        }
    }

    /// What the learner typed, safe to echo and not too long.
    static func shown(_ text: String) -> String {
        DisplayWidth.truncate(SafeText.sanitize(text), to: 60, ellipsis: "…")
    }
}
