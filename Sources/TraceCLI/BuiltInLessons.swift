import TracePrograms
import TraceText
import TraceRender
import TraceTeaching

enum BuiltInLessons {
    /// The lessons and glossary built into `trace`. They are checked by the tests, so a failure here
    /// means a broken build; it is still reported as a data error, never a crash.
    static func library() throws(CommandFailure) -> LessonLibrary {
        let (library, errors) = LessonLibrary.builtIn
        guard let library else {
            throw CommandFailure(message: "built-in " + FormatErrors.line(errors, .en), status: ExitStatus.dataError)
        }
        return library
    }
}

enum FormatErrors {
    /// The first error, and how many more there are, on one line.
    static func line(_ errors: [LessonFormatError], _ l: Language) -> String {
        guard let first = errors.first else { return l.pick(es: "lecciones: error desconocido", en: "lessons: unknown error") }
        let more = errors.count - 1
        return first.description(l) + (more > 0 ? l.pick(es: " (y \(more) más)", en: " (and \(more) more)") : "")
    }
}
