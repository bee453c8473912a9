import TracePrograms
import TraceText
import TraceTerminal

/// `--record FILE`: the JSON Lines file a command writes its events to as they happen.
struct RecordingFile: Sendable {
    let path: String
    let output: FileOutput
    /// The learner's language, for the line that says why the file failed.
    let language: Language

    /// Creates (or truncates) the file; nil without `--record`. Failing is one line, exit 73.
    static func open(_ path: String?, language: Language) throws(CommandFailure) -> RecordingFile? {
        guard let path else { return nil }
        do {
            return RecordingFile(path: path, output: try FileOutput.create(path: path), language: language)
        } catch {
            throw CommandFailure(message: "--record \(SafeWord.of(error.path)): \(FileErrorText.of(error.code, language))",
                                 status: ExitStatus.cannotCreate)
        }
    }

    /// Closes the file; a recording that could not be written whole is one line, exit 74.
    func close() throws(CommandFailure) {
        output.close()
        if let failure = output.failure {
            throw CommandFailure(message: "--record \(SafeWord.of(path)): \(FileErrorText.of(failure.code, language))",
                                 status: ExitStatus.ioError)
        }
    }
}
