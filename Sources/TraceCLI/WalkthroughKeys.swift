import TracePrograms
import TraceText
import TraceTeaching
import TraceTerminal

/// The learner's keys (or lines, when standard input is not a terminal) as walkthrough commands.
/// A signal wakes the wait and is reported as `.signal`.
final class WalkthroughKeys: WalkthroughInput {
    private let input: SignalledKeys

    init(_ keys: KeyInput, suspend: (@Sendable () -> Void)? = nil) { input = SignalledKeys(keys, suspend: suspend) }

    /// Called from the signal watcher: the next (or current) wait ends with this signal.
    func deliver(signal: Int32) { input.deliver(signal: signal) }

    func nextCommand() -> WalkthroughCommand {
        input.next().map(command) ?? .endOfInput
    }

    func nextCommand(within milliseconds: Int32) -> WalkthroughCommand? {
        input.next(within: milliseconds).map(command)
    }

    func command(within milliseconds: Int32) -> WalkthroughCommand? {
        // Lines from a pipe belong to the steps to come: while waiting, only keys are read.
        input.next(within: milliseconds, watchingInput: input.readsKeys).map(command)
    }

    private func command(_ input: SignalledKeys.Input) -> WalkthroughCommand {
        switch input {
        case .endOfInput: return .endOfInput
        case .signal(let number): return .signal(number)
        case .nothing: return .unknown
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
