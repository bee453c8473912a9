import TraceSockets
import TraceText

/// Why a file could not be created or written, as the learner reads it: the errno name as it is, its
/// explanation in the language (`ENOSPC (No queda espacio en el dispositivo)`).
enum FileErrorText {
    static func of(_ code: Int32, _ l: Language) -> String {
        let errno = Errno(rawValue: code)
        return "\(errno.name) (\(ErrnoText.explanation(of: errno.name, system: errno.message, l)))"
    }
}
