import TraceTeaching

enum BuiltInLessons {
    /// The lessons and glossary built into `trace`. They are checked by the tests, so a failure here
    /// means a broken build; it is still reported as a data error, never a crash.
    static func library() throws(CommandFailure) -> LessonLibrary {
        let (library, errors) = LessonLibrary.builtIn
        guard let library else {
            throw CommandFailure(message: "built-in " + FormatErrors.line(errors), status: ExitStatus.dataError)
        }
        return library
    }
}

enum FormatErrors {
    /// The first error, and how many more there are, on one line.
    static func line(_ errors: [LessonFormatError]) -> String {
        guard let first = errors.first else { return "lessons: unknown error" }
        return first.description + (errors.count > 1 ? " (and \(errors.count - 1) more)" : "")
    }
}
