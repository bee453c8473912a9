#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TraceSockets
import TraceTerminal
import TraceText

/// A run whose standard output could not be written (the disk full, the reader gone, an I/O error, a
/// closed descriptor) did not do its job, however well the rest went: at the end, one line on standard
/// error says so and the command exits 74, as a `--record` that could not be written does.
enum OutputLoss {
    /// The command's exit status once standard output's fate is known: 74, with its line, when a write
    /// failed (a signal's status is kept: the run was stopped before anything else).
    static func settle(_ status: Int32, context: CommandContext, language: Language) -> Int32 {
        guard let failure = (context.output as? FileOutput)?.failure else { return status }
        context.errors.write("trace: " + message(failure.code, language) + "\n")
        return status > 128 && status != ExitStatus.ioError ? status : ExitStatus.ioError
    }

    /// What happened to the output, in the learner's language; the errno name stays as it is.
    static func message(_ code: Int32, _ l: Language) -> String {
        let name = Errno(rawValue: code).name
        switch code {
        case EPIPE:
            return l.pick(es: "la salida se cerró antes del final (\(name)): lo que seguía no se escribió",
                          en: "the output was closed before the end (\(name)): what followed was not written")
        case ENOSPC:
            return l.pick(es: "no se pudo escribir la salida (\(name)): no queda espacio en el dispositivo",
                          en: "could not write the output (\(name)): no space left on the device")
        case EBADF:
            return l.pick(es: "no se pudo escribir la salida (\(name)): la salida estándar no está abierta",
                          en: "could not write the output (\(name)): standard output is not open")
        case EIO:
            return l.pick(es: "no se pudo escribir la salida (\(name)): error de entrada/salida del dispositivo",
                          en: "could not write the output (\(name)): the device reported an input/output error")
        default:
            return l.pick(es: "no se pudo escribir la salida (\(name))", en: "could not write the output (\(name))")
        }
    }
}
