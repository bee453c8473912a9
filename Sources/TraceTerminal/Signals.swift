#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import CShims
import Synchronization

public enum Signals {
    /// A write to a closed pipe then fails with EPIPE instead of killing the process.
    public static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Stops the process as Ctrl-Z stops a shell's job (SIGTSTP); returns once it is continued (`fg`),
    /// or at once where the signal is ignored (a process with no job control).
    ///
    /// The corresponding C function is `raise`.
    public static func stopAsJob() {
        raise(SIGTSTP)
    }
}

/// Turns signals (SIGINT, SIGTERM and SIGHUP by default; SIGWINCH, SIGCONT for a screen) into a callback
/// on a thread of its own, so the program can stop cleanly (close its sockets, restore the terminal)
/// instead of dying mid-step. A C handler writes each signal's number to a pipe above
/// `ToolDescriptors.floor`; the watcher thread reads it and calls `handler`. No other descriptor is
/// opened (Dispatch's signal sources took 3 to 9, which the learner's sockets should get).
public final class SignalWatcher: Sendable {
    private let numbers: [Int32]
    private let pipe: (read: Int32, write: Int32)?
    private let thread: WatcherThread?
    private let cancelled = Atomic<Bool>(false)

    public init(signals: [Int32] = [SIGINT, SIGTERM, SIGHUP], handler: @escaping @Sendable (Int32) -> Void) {
        numbers = signals
        let pipe = ToolDescriptors.pipe()
        self.pipe = pipe
        guard let pipe else {
            thread = nil
            return
        }
        let readEnd = pipe.read
        thread = WatcherThread {
            // A process may start with these signals blocked (its parent's mask is inherited): this
            // thread takes them, whatever the other threads block.
            var mask = sigset_t()
            sigemptyset(&mask)
            for number in signals { sigaddset(&mask, number) }
            pthread_sigmask(SIG_UNBLOCK, &mask, nil)
            var byte: UInt8 = 0
            for _ in 0..<Int.max {
                let n = read(readEnd, &byte, 1)
                if n < 0 && errno == EINTR { continue }
                // The end (byte 0, or the pipe closed): stop watching.
                guard n == 1, byte != 0 else { return }
                handler(Int32(byte))
            }
        }
        for number in signals { _ = cshims_signal_to_pipe(number, pipe.write) }
    }

    deinit { cancel() }

    /// Stops watching and gives the signals their default behaviour back.
    public func cancel() {
        guard !cancelled.exchange(true, ordering: .sequentiallyConsistent) else { return }
        for number in numbers { _ = cshims_signal_default(number) }
        guard let pipe else { return }
        var end: UInt8 = 0
        _ = write(pipe.write, &end, 1)
        thread?.join()
        _ = ToolDescriptors.closeDescriptor(pipe.read)
        _ = ToolDescriptors.closeDescriptor(pipe.write)
    }

    public static let interrupt = SIGINT
    public static let terminate = SIGTERM
    /// The terminal changed size.
    public static let resize = SIGWINCH
    /// The process goes on after a stop (`fg` after Ctrl-Z or SIGSTOP).
    public static let resume = SIGCONT
}
