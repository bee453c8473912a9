import TracePackets
import TracePrograms
import TraceText
import TraceCore
import TraceTerminal

/// What a subcommand may touch: its outputs and its environment. Tests pass their own.
public struct CommandContext: Sendable {
    public var output: any TextOutput
    public var errors: any TextOutput
    public var environment: [String: String]
    /// Whether standard output is a terminal (colour and width follow from it).
    public var outputIsTerminal: Bool
    /// The terminal's width in columns, when known.
    public var terminalWidth: Int?
    /// Where keys come from (`--step`): a file descriptor, and whether it is a terminal.
    public var inputFD: Int32
    public var inputIsTerminal: Bool
    /// The terminal's size now (asked again after a resize); nil when standard output is no terminal.
    public var terminalSize: @Sendable () -> TerminalSize?
    /// What `main` did, before any thread, for a command that asked for packets: entered a private
    /// network, needed none, or was refused one. Nil when no packets were asked for.
    public var privateNetwork: PrivateNetwork.Outcome?

    public init(output: any TextOutput, errors: any TextOutput, environment: [String: String] = [:],
                outputIsTerminal: Bool = false, terminalWidth: Int? = nil, inputFD: Int32 = 0,
                inputIsTerminal: Bool = false, terminalSize: @escaping @Sendable () -> TerminalSize? = { nil },
                privateNetwork: PrivateNetwork.Outcome? = nil) {
        self.output = output
        self.errors = errors
        self.environment = environment
        self.outputIsTerminal = outputIsTerminal
        self.terminalWidth = terminalWidth
        self.inputFD = inputFD
        self.inputIsTerminal = inputIsTerminal
        self.terminalSize = terminalSize
        self.privateNetwork = privateNetwork
    }

    /// Whether `--step` can take the whole screen: keys from a terminal, a terminal to draw on that
    /// knows where its cursor goes (not `TERM=dumb`), and its size.
    var canDrawFullScreen: Bool {
        inputIsTerminal && outputIsTerminal && environment["TERM"].map { $0 != "dumb" && !$0.isEmpty } == true
            && terminalSize() != nil
    }
}

/// Exit statuses, following BSD `sysexits` where one fits.
public enum ExitStatus {
    public static let success: Int32 = 0
    /// The run itself failed (a socket error the lesson did not expect, a timeout).
    public static let failure: Int32 = 1
    /// Unknown subcommand or option, or a bad option value.
    public static let usage: Int32 = 64
    /// A recording or lesson file that is not valid.
    public static let dataError: Int32 = 65
    /// A file that does not exist or cannot be read.
    public static let noInput: Int32 = 66
    /// An output file (a recording) could not be created.
    public static let cannotCreate: Int32 = 73
    /// Output could not be written.
    public static let ioError: Int32 = 74
    /// Interrupted by Ctrl-C.
    public static let interrupted: Int32 = 130

    /// Ended by a signal other than SIGINT: 128 + its number, as a shell reports it.
    public static func signalled(_ number: Int32) -> Int32 { 128 + number }
}

/// A failure a subcommand reports: one line on standard error and an exit status.
struct CommandFailure: Error, Sendable {
    let message: String
    let status: Int32
}
