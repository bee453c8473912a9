import TracePrograms
import TraceText
import TraceTerminal

/// `--record FILE`: the JSON Lines file a command writes its events to as they happen.
struct RecordingFile: Sendable {
    let path: String
    let output: FileOutput

    /// Creates (or truncates) the file; nil without `--record`. Failing is one line, exit 73.
    static func open(_ path: String?) throws(CommandFailure) -> RecordingFile? {
        guard let path else { return nil }
        do {
            return RecordingFile(path: path, output: try FileOutput.create(path: path))
        } catch {
            throw CommandFailure(message: "--record \(SafeWord.of(error.description))", status: ExitStatus.cannotCreate)
        }
    }

    /// Closes the file; a recording that could not be written whole is one line, exit 74.
    func close() throws(CommandFailure) {
        output.close()
        if let failure = output.failure {
            throw CommandFailure(message: "--record \(SafeWord.of(path)): \(failure.message)", status: ExitStatus.ioError)
        }
    }
}
