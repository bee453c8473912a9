import TracePrograms
import TraceText
import TraceCore
import TraceRender
import TraceTeaching

/// A teacher's own lesson file, read and checked against the built-in glossary.
enum LessonFile {
    /// The largest lesson file read.
    static let largest = 1 << 20

    /// A missing or unreadable file is exit 66; a malformed one 65, with `file:line: what` on one line.
    static func read(_ path: String, library: LessonLibrary, language l: Language) throws(CommandFailure) -> Lesson {
        let shown = SafeWord.of(path, limit: 200)
        guard let file = try? ReadableFile(path: path) else {
            throw CommandFailure(message: l.pick(es: "\(shown): no existe ese archivo de lección", en: "\(shown): no such lesson file"),
                                 status: ExitStatus.noInput)
        }
        let data = (try? file.readAll(limit: largest + 1)) ?? []
        guard data.count <= largest else {
            throw CommandFailure(message: l.pick(es: "\(shown): ocupa más de 1 MiB, no es una lección",
                                                 en: "\(shown): larger than 1 MiB, not a lesson"),
                                 status: ExitStatus.dataError)
        }
        let (parsed, errors) = LessonParser.parse(data, file: shown)
        guard let lesson = parsed else { throw CommandFailure(message: FormatErrors.line(errors, l), status: ExitStatus.dataError) }
        let problems = library.termProblems(in: lesson)
        guard problems.isEmpty else { throw CommandFailure(message: FormatErrors.line(problems, l), status: ExitStatus.dataError) }
        return lesson
    }
}
