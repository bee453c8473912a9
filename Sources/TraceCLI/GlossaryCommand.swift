import TracePrograms
import TraceText
import TraceCore
import TraceRender
import TraceTeaching

/// `trace glossary [TERM]`: the terms of the lessons, in Spanish and English.
enum GlossaryCommand {
    static let subcommand = TraceCommand.Subcommand(
        name: "glossary",
        operand: (es: "[TÉRMINO]", en: "[TERM]"),
        summary: (es: "Lista los términos del glosario, o muestra uno: por su nombre en español o en inglés, otro nombre o un prefijo.",
                  en: "Lists the glossary's terms, or shows one: by its Spanish or English name, another name or a prefix."),
        options: [
            .flag("all", es: "todas las definiciones completas", en: "every definition in full"),
            .flag("json", es: "en JSON, para programas", en: "as JSON, for scripts"),
        ] + DisplayOptions.specs,
        run: run)

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let display = try DisplayOptions(arguments, context)
        let style = display.style, l = display.language
        let library = try BuiltInLessons.library()
        let json = arguments.has("json")
        guard !arguments.positionals.isEmpty else {
            if json {
                let entries = library.glossary.sorted(for: l).map { GlossaryText.json($0, library, l) }
                context.output.write(JSONValue.array(entries).text + "\n")
            } else {
                context.output.write(arguments.has("all") ? GlossaryText.all(library, style: style) : GlossaryText.list(library, style: style))
            }
            return ExitStatus.success
        }
        let query = arguments.positionals.joined(separator: " ")
        let shown = SafeWord.of(query)
        switch library.glossary.lookup(query) {
        case .found(let entry):
            context.output.write(json ? GlossaryText.json(entry, library, l).text + "\n" : GlossaryText.entry(entry, library, style: style))
            return ExitStatus.success
        case .ambiguous(let entries):
            let names = entries.map { $0.name[l] }.joined(separator: ", ")
            throw CommandFailure(message: l.pick(es: "'\(shown)' puede ser: \(names)", en: "'\(shown)' could be: \(names)"),
                                 status: ExitStatus.failure)
        case .unknown(let suggestions):
            let names = suggestions.map { $0.name[l] }.joined(separator: ", ")
            let hint = suggestions.isEmpty ? l.pick(es: "; trace glossary los lista todos", en: "; trace glossary lists them all")
                                           : l.pick(es: ". ¿Quizá: \(names)?", en: ". Did you mean: \(names)?")
            throw CommandFailure(message: l.pick(es: "no hay ningún término '\(shown)'", en: "no term '\(shown)'") + hint,
                                 status: ExitStatus.failure)
        }
    }
}
