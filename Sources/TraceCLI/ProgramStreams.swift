#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import TraceSockets

/// The standard streams `trace run` gives the programs it traces.
///
/// Their output goes to a pseudo-terminal of trace's own, so that a program prints each line as it
/// makes it, as it would in the learner's terminal (Python and C buffer whole blocks when writing to a
/// pipe, which would move every `print` to the program's end, and change the trace). While trace draws,
/// what they write is read and dropped here: the tracer has already seen every byte, drawn as `print`.
/// With `--json` there is no drawing: it is passed on to trace's standard error, so that standard output
/// stays JSON Lines. Their standard input is trace's own, or nothing with `--step` (trace reads the keys).
final class ProgramStreams: @unchecked Sendable {
    let input: Int32?
    let output: Int32?
    let errors: Int32?
    private var terminalSide: Int32 = -1
    private var drain: BlockingThread<Void>?

    init(drawing: Bool, readsKeys: Bool) {
        input = readsKeys ? open("/dev/null", O_RDONLY | O_CLOEXEC) : nil
        var ours: Int32 = -1, theirs: Int32 = -1
        if Self.openTerminal(&ours, &theirs) {
            var settings = termios()
            if tcgetattr(theirs, &settings) == 0 {
                cfmakeraw(&settings)
                _ = tcsetattr(theirs, TCSANOW, &settings)
            }
            _ = fcntl(ours, F_SETFD, FD_CLOEXEC)
            _ = fcntl(theirs, F_SETFD, FD_CLOEXEC)
            terminalSide = theirs
            output = theirs
            errors = theirs
            let reader = ours
            drain = BlockingThread(name: "trace-program-output") { Self.drain(reader, into: drawing ? nil : 2) }
        } else if drawing {
            let nowhere = open("/dev/null", O_WRONLY | O_CLOEXEC)
            output = nowhere
            errors = nowhere
        } else {
            output = 2
            errors = nil
        }
    }

    /// A pseudo-terminal pair (tracing programs is Linux only: elsewhere there is none).
    ///
    /// The corresponding C function is `openpty`.
    private static func openTerminal(_ ours: inout Int32, _ theirs: inout Int32) -> Bool {
        #if os(Linux)
        return openpty(&ours, &theirs, nil, nil, nil) == 0
        #else
        return false
        #endif
    }

    /// Once every program has started (each has its own copy): the terminal ends when the last of them
    /// closes it.
    func programsStarted() {
        if terminalSide >= 0 { _ = closeDescriptor(terminalSide) }
        terminalSide = -1
    }

    /// After every program has ended: waits until what they wrote is read, closes what is left.
    func close() {
        programsStarted()
        _ = try? drain?.join(timeout: .seconds(5))
        if let input { _ = closeDescriptor(input) }
    }

    /// Reads until every writer is gone (EIO on a pseudo-terminal), passing it on to `output` if any,
    /// then closes it.
    ///
    /// The corresponding C functions are `read` and `write`.
    private static func drain(_ fd: Int32, into output: Int32?) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        for _ in 0..<Int.max {
            let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            guard let output else { continue }
            var written = 0
            while written < got {
                let n = buffer.withUnsafeBytes { write(output, $0.baseAddress! + written, got - written) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                written += n
            }
        }
        _ = closeDescriptor(fd)
    }

    private static func closeDescriptor(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
        return Glibc.close(fd)
        #else
        return Darwin.close(fd)
        #endif
    }

    private func closeDescriptor(_ fd: Int32) -> Int32 { Self.closeDescriptor(fd) }
}
