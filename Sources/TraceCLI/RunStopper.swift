import Synchronization
import TraceTeaching
import TraceTerminal

/// What stops a run from outside, for every command that runs programs until they end: a signal
/// (Ctrl-C, SIGTERM, SIGHUP) or standard output lost (its reader gone, a full disk). The first cause
/// wins; `stop` is called once with the reason a recording gives (`SIGTERM`, `output closed`), and
/// `exitStatus` is what the command then exits with: 128 + N for signal N (130 for Ctrl-C, 143 for
/// SIGTERM, 129 for SIGHUP), as a shell reports a death by that signal, or 74 for the output.
final class RunStopper: Sendable {
    enum Cause: Equatable, Sendable {
        case signal(Int32)
        case outputLost
    }

    /// The reason a recording gives for a cause (the `stop` event's `text`).
    static func reason(_ cause: Cause, interruptName: String) -> String {
        switch cause {
        case .signal(let number): return number == SignalWatcher.interrupt ? interruptName : SignalName.of(number)
        case .outputLost: return "output closed"
        }
    }

    /// The first cause, once there is one.
    private final class FirstCause: Sendable {
        private let value = Mutex<Cause?>(nil)
        var cause: Cause? { value.withLock { $0 } }

        /// Whether `cause` is the first.
        func take(_ cause: Cause) -> Bool {
            value.withLock { current in
                guard current == nil else { return false }
                current = cause
                return true
            }
        }
    }

    private let first = FirstCause()
    private let signals: SignalWatcher
    private let watcher: OutputWatcher?

    /// `interruptName` is how Ctrl-C is recorded (`interrupt`, or `SIGINT` for `trace server` and
    /// `trace client`, whose recordings always said so).
    init(context: CommandContext, interruptName: String = "interrupt", stop: @escaping @Sendable (String) -> Void) {
        let first = self.first
        let take: @Sendable (Cause) -> Void = { cause in
            if first.take(cause) { stop(RunStopper.reason(cause, interruptName: interruptName)) }
        }
        signals = SignalWatcher { take(.signal($0)) }
        watcher = (context.output as? FileOutput).map { OutputWatcher($0) { take(.outputLost) } }
    }

    deinit { cancel() }

    /// Stops watching: `stop` is not called after it returns.
    func cancel() {
        signals.cancel()
        watcher?.cancel()
    }

    var cause: Cause? { first.cause }

    /// The exit status of a run stopped from outside; nil when nothing stopped it.
    var exitStatus: Int32? {
        switch cause {
        case .signal(let number)?: return ExitStatus.signalled(number)
        case .outputLost?: return ExitStatus.ioError
        case nil: return nil
        }
    }
}
