import TracePrograms
import TraceText
import TraceCore
import TraceRender

/// The `trace` command: picks the subcommand and turns its errors into one line and an exit status.
public enum TraceCommand {
    public static func run(_ arguments: [String], context: CommandContext) -> Int32 {
        let language = ArgumentParser.language(in: arguments) ?? Language.fromLocale(context.environment)
        return OutputLoss.settle(run(arguments, language: language, context: context), context: context, language: language)
    }

    private static func run(_ arguments: [String], language: Language, context: CommandContext) -> Int32 {
        let (name, arguments) = subcommand(in: arguments)
        guard let command = subcommands.first(where: { $0.name == name }) else {
            let shown = SafeWord.of(name)
            context.errors.write("trace: " + language.pick(es: "orden desconocida '\(shown)'", en: "unknown command '\(shown)'")
                                 + "\n" + usage(language))
            return ExitStatus.usage
        }
        do {
            let parsed = try ArgumentParser.parse(arguments, options: command.options)
            if parsed.has("help") {
                context.output.write(help(for: command, language: language, width: min(max(context.terminalWidth ?? 80, 40), 100)))
                return ExitStatus.success
            }
            return try command.run(parsed, context)
        } catch let error as UsageError {
            context.errors.write("trace \(command.name): \(error.message(language))\n" + (error.showsUsage ? usage(language) : ""))
            return ExitStatus.usage
        } catch let error as CommandFailure {
            context.errors.write("trace: \(error.message)\n")
            return error.status
        } catch {
            context.errors.write("trace: \(error)\n")
            return ExitStatus.failure
        }
    }

    struct Subcommand: Sendable {
        let name: String
        /// The positional argument's placeholder in help (`FILE`), if the subcommand takes one.
        let operand: (es: String, en: String)?
        let summary: (es: String, en: String)
        let options: [OptionSpec]
        let run: @Sendable (ParsedArguments, CommandContext) throws -> Int32

        init(name: String, operand: (es: String, en: String)? = nil, summary: (es: String, en: String),
             options: [OptionSpec], run: @escaping @Sendable (ParsedArguments, CommandContext) throws -> Int32) {
            self.name = name
            self.operand = operand
            self.summary = summary
            self.options = options
            self.run = run
        }

        /// A summary in English only (both languages get the same text).
        init(name: String, summary: String, options: [OptionSpec],
             run: @escaping @Sendable (ParsedArguments, CommandContext) throws -> Int32) {
            self.init(name: name, summary: (summary, summary), options: options, run: run)
        }

        func synopsis(_ language: Language) -> String {
            let options = language.pick(es: "[opciones]", en: "[options]")
            let operand = self.operand.map { " " + language.pick(es: $0.es, en: $0.en) } ?? ""
            return name == "demo" ? "trace [demo] \(options)" : "trace \(name) \(options)\(operand)"
        }
    }

    static let subcommands: [Subcommand] = [DemoCommand.subcommand, ReplayCommand.subcommand, ServerCommand.subcommand,
                                            ClientCommand.subcommand, MergeCommand.subcommand, LessonCommand.subcommand,
                                            GlossaryCommand.subcommand, ExportCommand.subcommand,
                                            RunCommand.subcommand]

    /// The subcommand's name and the words it parses. The name comes first (`trace lesson 3 --lang es`), or
    /// after options (`trace --lang es lesson 3`, as a learner may type it); with none, it is the demo.
    static func subcommand(in arguments: [String]) -> (name: String, arguments: [String]) {
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-"), arguments[index] != "--" {
            let word = arguments[index]
            let name = word.dropFirst(2)
            index += !word.contains("=") && optionsTakingValues.contains(String(name)) ? 2 : 1
        }
        guard index < arguments.count, subcommands.contains(where: { $0.name == arguments[index] }) else {
            return ("demo", arguments)
        }
        var rest = arguments
        return (rest.remove(at: index), rest)
    }

    /// Every option that takes a value in some subcommand (none is a flag in another).
    static let optionsTakingValues = Set(subcommands.flatMap { $0.options.filter { $0.value != nil }.map(\.name) })

    static func usage(_ language: Language = .en) -> String {
        let head = language.pick(es: "uso: ", en: "usage: ")
        let lines = subcommands.enumerated().map { i, command in
            (i == 0 ? head : String(repeating: " ", count: head.count)) + command.synopsis(language)
        }
        return lines.joined(separator: "\n") + "   " + language.pick(es: "(trace --help para más)", en: "(trace --help for more)") + "\n"
    }

    /// The subcommand's help, wrapped to `width` columns.
    static func help(for command: Subcommand, language: Language = .en, width: Int = 80) -> String {
        func wrapped(_ text: String, first: String, rest: String) -> String {
            Wrap.lines(text, width: width, first: first, rest: rest).joined(separator: "\n") + "\n"
        }
        var text = language.pick(es: "uso: ", en: "usage: ") + command.synopsis(language) + "\n"
        text += wrapped(language.pick(es: command.summary.es, en: command.summary.en), first: "", rest: "") + "\n"
        text += language.pick(es: "opciones:\n", en: "options:\n")
        let helpOption = OptionSpec.flag("help", es: "muestra esta ayuda", en: "show this help")
        let rows = (command.options + [helpOption]).map { option in
            ("  --\(option.name)" + (option.placeholder(language).map { " \($0)" } ?? ""),
             language.pick(es: option.help.es, en: option.help.en))
        }
        let column = min(rows.map { $0.0.count }.max() ?? 0, 28) + 2
        let hanging = String(repeating: " ", count: column)
        for (left, right) in rows {
            if left.count < column {
                text += wrapped(right, first: left + String(repeating: " ", count: column - left.count), rest: hanging)
            } else {
                text += left + "\n" + wrapped(right, first: hanging, rest: hanging)
            }
        }
        let others = subcommands.filter { $0.name != command.name && $0.name != "demo" }
        if !others.isEmpty {
            text += language.pick(es: "\notras órdenes:\n", en: "\nother commands:\n")
            for other in others {
                text += "  " + other.synopsis(language) + "\n"
                text += wrapped(language.pick(es: other.summary.es, en: other.summary.en), first: "      ", rest: "      ")
            }
        }
        return text
    }
}
