// Generated from Lessons/ by `TRACE_UPDATE_EMBEDDED=1 swift test --filter Embedded`: do not edit.
enum EmbeddedLessons {
    static let files: [SourceFile] = []
}
