import Synchronization
import TraceTerminal

/// The learner's keys (or lines, when standard input is not a terminal), and the signals that end a
/// wait for them: a signal delivered from the watcher's thread wakes the wait and is read as input.
final class SignalledKeys: Sendable {
    enum Input: Equatable, Sendable {
        case key(Key)
        case endOfInput
        case signal(Int32)
        /// Woken with no signal pending.
        case nothing
    }

    let keys: KeyInput
    private let pendingSignal = Atomic<Int32>(0)
    /// What Ctrl-Z does (the terminal sends it as a key in keyboard mode): the program stops itself,
    /// as a shell's job would; the wait goes on once it is continued.
    private let suspend: (@Sendable () -> Void)?

    init(_ keys: KeyInput, suspend: (@Sendable () -> Void)? = nil) {
        self.keys = keys
        self.suspend = suspend
    }

    /// Whether keys come one by one from a terminal (not lines from a pipe).
    var readsKeys: Bool { keys.readsKeys }

    /// Called from the signal watcher: the next (or current) wait ends with this signal.
    func deliver(signal: Int32) {
        pendingSignal.store(signal, ordering: .sequentiallyConsistent)
        keys.wake()
    }

    /// The next input within `milliseconds` (-1: no limit); nil when none came in time. With
    /// `watchingInput` false only a signal ends the wait: keys and lines are left for later.
    func next(within milliseconds: Int32 = -1, watchingInput: Bool = true) -> Input? {
        if let signal = takeSignal() { return .signal(signal) }
        guard let event = keys.next(timeoutMilliseconds: milliseconds, watchingInput: watchingInput) else { return nil }
        if let signal = takeSignal() { return .signal(signal) }
        switch event {
        case .endOfInput: return .endOfInput
        case .woken: return .nothing
        case .key(.suspend) where suspend != nil:
            suspend?()
            return next(within: milliseconds, watchingInput: watchingInput)
        case .key(let key): return .key(key)
        }
    }

    private func takeSignal() -> Int32? {
        let signal = pendingSignal.exchange(0, ordering: .sequentiallyConsistent)
        return signal == 0 ? nil : signal
    }
}
