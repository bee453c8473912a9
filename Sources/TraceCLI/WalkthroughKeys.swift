import TracePrograms
import TraceText
import Synchronization
import TraceTeaching
import TraceTerminal

/// The learner's keys (or lines, when standard input is not a terminal) as walkthrough commands.
/// A signal wakes the wait and is reported as `.signal`.
final class WalkthroughKeys: WalkthroughInput {
    private let keys: KeyInput
    private let pendingSignal = Atomic<Int32>(0)

    init(_ keys: KeyInput) { self.keys = keys }

    /// Called from the signal watcher: the next (or current) wait ends with this signal.
    func deliver(signal: Int32) {
        pendingSignal.store(signal, ordering: .sequentiallyConsistent)
        keys.wake()
    }

    func nextCommand() -> WalkthroughCommand {
        command(keys.next())
    }

    func nextCommand(within milliseconds: Int32) -> WalkthroughCommand? {
        let signal = pendingSignal.exchange(0, ordering: .sequentiallyConsistent)
        if signal != 0 { return .signal(signal) }
        return keys.next(timeoutMilliseconds: milliseconds, watchingInput: true).map(command)
    }

    func command(within milliseconds: Int32) -> WalkthroughCommand? {
        let signal = pendingSignal.exchange(0, ordering: .sequentiallyConsistent)
        if signal != 0 { return .signal(signal) }
        // Lines from a pipe belong to the steps to come: while waiting, only keys are read.
        return keys.next(timeoutMilliseconds: milliseconds, watchingInput: keys.readsKeys).map(command)
    }

    private func command(_ event: KeyInput.Event) -> WalkthroughCommand {
        let signal = pendingSignal.exchange(0, ordering: .sequentiallyConsistent)
        if signal != 0 { return .signal(signal) }
        switch event {
        case .endOfInput: return .endOfInput
        case .woken:
            let signal = pendingSignal.exchange(0, ordering: .sequentiallyConsistent)
            return signal != 0 ? .signal(signal) : .unknown
        case .key(let key): return WalkthroughKeys.command(for: key)
        }
    }

    static func command(for key: Key) -> WalkthroughCommand {
        switch key {
        case .enter, .space, .right, .character("n"), .character("N"): return .advance
        case .character("g"), .character("G"): return .glossary
        case .character("a"), .character("A"): return .all
        case .character("?"), .character("h"), .character("H"): return .help
        case .character("q"), .character("Q"), .endOfTransmission: return .quit
        case .interrupt: return .interrupt
        case .line(let text):
            let word = text.filter { !$0.isWhitespace }
            guard let first = word.first else { return .advance }
            return word.count == 1 ? command(for: .character(first)) : .unknown
        default: return .unknown
        }
    }
}
