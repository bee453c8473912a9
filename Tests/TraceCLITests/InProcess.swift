import TraceCLI
import TraceCore

/// Runs `trace` in this process with captured outputs: quick, for what needs no separate process.
struct InProcess {
    let status: Int32
    let output: String
    let errors: String

    static func run(_ arguments: [String], environment: [String: String] = ["LANG": "C"], width: Int? = nil) -> InProcess {
        let out = StringOutput(), err = StringOutput()
        let context = CommandContext(output: out, errors: err, environment: environment,
                                     outputIsTerminal: false, terminalWidth: width)
        let status = TraceCommand.run(arguments, context: context)
        return InProcess(status: status, output: out.text, errors: err.text)
    }

    var lines: [String] { output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
}
