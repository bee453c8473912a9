import TracePrograms
import TraceText
import Foundation
import TraceTerminal

extension TraceCommand {
    /// Runs `trace` with the process's own arguments, outputs and environment.
    public static func main() -> Int32 {
        let context = CommandContext(output: FileOutput.standardOutput, errors: FileOutput.standardError,
                                     environment: ProcessInfo.processInfo.environment,
                                     outputIsTerminal: Terminal.isTerminal(1), terminalWidth: Terminal.width(of: 1),
                                     inputFD: 0, inputIsTerminal: Terminal.isTerminal(0),
                                     terminalSize: { Terminal.size(of: 1) })
        return run(Array(CommandLine.arguments.dropFirst()), context: context)
    }
}
