import TraceEvents

/// The `trace` command: picks the subcommand and turns its errors into one line and an exit status.
public enum TraceCommand {
    public static func run(_ arguments: [String], context: CommandContext) -> Int32 {
        var arguments = arguments
        let name = arguments.first.flatMap { $0.hasPrefix("-") ? nil : $0 } ?? "demo"
        if arguments.first == name { arguments.removeFirst() }
        guard let command = subcommands.first(where: { $0.name == name }) else {
            context.errors.write("trace: unknown command '\(name)'\n\(usage)")
            return ExitStatus.usage
        }
        do {
            let parsed = try ArgumentParser.parse(arguments, options: command.options)
            if parsed.has("help") {
                context.output.write(help(for: command))
                return ExitStatus.success
            }
            return try command.run(parsed, context)
        } catch let error as UsageError {
            context.errors.write("trace \(command.name): \(error.message)\n\(usage)")
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
        let summary: String
        let options: [OptionSpec]
        let run: @Sendable (ParsedArguments, CommandContext) throws -> Int32
    }

    static let subcommands: [Subcommand] = [DemoCommand.subcommand]

    static var usage: String {
        "usage: trace [" + subcommands.map(\.name).joined(separator: "|") + "] [options]   (trace --help for more)\n"
    }

    static func help(for command: Subcommand) -> String {
        var text = "usage: trace \(command.name) [options]\n\(command.summary)\n\noptions:\n"
        let helpOption = OptionSpec.flag("help", es: "muestra esta ayuda", en: "show this help")
        for option in command.options + [helpOption] {
            let left = "  --\(option.name)" + (option.value.map { " \($0)" } ?? "")
            text += left.padding(toLength: max(left.count + 2, 24), withPad: " ", startingAt: 0) + option.help.en + "\n"
        }
        return text
    }
}
