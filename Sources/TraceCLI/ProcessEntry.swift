import TracePackets
import TracePrograms
import TraceText
import Foundation
import TraceTerminal

extension TraceCommand {
    /// Runs `trace` with the process's own arguments, outputs and environment; `privateNetwork` is what
    /// `enterPrivateNetworkIfAsked()` did first.
    public static func main(privateNetwork: PrivateNetwork.Outcome? = nil) -> Int32 {
        let context = CommandContext(output: FileOutput.standardOutput, errors: FileOutput.standardError,
                                     environment: ProcessInfo.processInfo.environment,
                                     outputIsTerminal: Terminal.isTerminal(1), terminalWidth: Terminal.width(of: 1),
                                     inputFD: 0, inputIsTerminal: Terminal.isTerminal(0),
                                     terminalSize: { Terminal.size(of: 1) }, privateNetwork: privateNetwork)
        return run(Array(CommandLine.arguments.dropFirst()), context: context)
    }

    /// The first statement of `main`, while the process has one thread: a command that runs both
    /// programs itself (the demo, a lesson, `trace run --server`) and asks for packets without CAP_NET_RAW moves into a
    /// private network of its own, where it may capture; nil when no packets are asked for.
    public static func enterPrivateNetworkIfAsked(_ arguments: [String] = CommandLine.arguments) -> PrivateNetwork.Outcome? {
        #if os(Linux)
        let words = Array(arguments.dropFirst())
        let name = words.first.flatMap { $0.hasPrefix("-") ? nil : $0 } ?? "demo"
        let bothHere = name == "demo" || name == "lesson" || (name == "run" && PacketOptions.runsServer(in: words))
        guard bothHere, PacketOptions.asked(in: words) else { return nil }
        return PrivateNetwork.enterUnlessPrivileged()
        #else
        // Capture is Linux's: the command says so in one line.
        return nil
        #endif
    }
}
