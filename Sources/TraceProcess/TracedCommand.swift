/// A program to run traced: its arguments, environment and working directory, as a shell would run it.
public struct TracedCommand: Sendable, Hashable {
    /// The program (a name looked up on the PATH, or a path) followed by its arguments.
    public var arguments: [String]
    /// `NAME=value` entries; nil: this process's own environment.
    public var environment: [String]?
    /// Nil: this process's working directory.
    public var workingDirectory: String?
    /// Descriptors of this process to give the program as its standard input, output and error; nil keeps ours.
    public var standardInput: Int32?
    public var standardOutput: Int32?
    public var standardError: Int32?

    public init(_ arguments: [String], environment: [String]? = nil, workingDirectory: String? = nil,
                standardInput: Int32? = nil, standardOutput: Int32? = nil, standardError: Int32? = nil) {
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.standardInput = standardInput
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// A command line split as a shell splits words (quotes and backslashes, nothing expanded).
    public init(commandLine: String) throws(ShellWords.SplitError) {
        self.init(try ShellWords.split(commandLine))
    }

    /// The file that would run, found as a shell finds it; throws what `ProcessTracer.start()` would throw
    /// for a command that is not found (127) or cannot be run (126), before anything starts.
    public func resolvedPath() throws(ProcessTraceError) -> String {
        guard let name = arguments.first else { throw .emptyCommand }
        #if os(Linux)
        let environment = self.environment ?? PreparedSpawn.currentEnvironment
        return try CommandLookup.resolve(name, path: CommandLookup.pathVariable(in: environment)).get()
        #else
        throw .unsupportedPlatform
        #endif
    }

    /// The same command with every `{port}` in its arguments replaced.
    public func substitutingPort(_ port: UInt16) -> TracedCommand {
        var copy = self
        copy.arguments = arguments.map { $0.replacingAll("{port}", with: String(port)) }
        return copy
    }
}

extension String {
    func replacingAll(_ pattern: String, with replacement: String) -> String {
        guard !pattern.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: pattern) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
