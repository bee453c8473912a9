import Synchronization
import TraceCore
import TracePrograms
import TraceTeaching
import TraceText

/// Commands given in order, as a learner would type them.
final class ScriptedInput: WalkthroughInput {
    private let commands: Mutex<[WalkthroughCommand]>

    init(_ commands: [WalkthroughCommand]) { self.commands = Mutex(commands) }

    func nextCommand() -> WalkthroughCommand {
        commands.withLock { $0.isEmpty ? .endOfInput : $0.removeFirst() }
    }

    func nextCommand(within milliseconds: Int32) -> WalkthroughCommand? { nextCommand() }

    func command(within milliseconds: Int32) -> WalkthroughCommand? { nil }
}

/// Everything a walkthrough shows, as plain text: each card's words, each message and definition.
final class TextScreen: WalkthroughScreen {
    let output = StringOutput()
    let language: Language

    init(language: Language) { self.language = language }

    func show(_ card: WalkthroughCard) {
        var lines = [card.title]
        for call in card.calls { lines += [call.call, call.program, call.kernel] }
        if let note = card.kernelNote { lines.append(note) }
        lines.append(card.termNames.joined(separator: " · "))
        output.write(lines.joined(separator: "\n") + "\n")
    }

    func prompt() {}
    func promptAnswered() {}
    func showKeys() {}

    func showDefinitions(_ definitions: [(name: String, text: String?)]) {
        output.write(definitions.map { "\($0.name): \($0.text ?? "")" }.joined(separator: "\n") + "\n")
    }

    func show(_ message: WalkthroughMessage) {
        switch message {
        case .stillBlocked(let call), .waitsForPeer(let call): output.write(call + "\n")
        case .kernelNow(let note), .notice(let note): output.write(note + "\n")
        case .segments(let segments): output.write(segments.text + "\n")
        }
    }
}
