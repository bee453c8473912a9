import TraceText

/// The wait under a walkthrough card, the same for the built-in programs and for traced ones: the
/// prompt, the learner's keys (definitions and the key list answered on the spot), and, while the card
/// waits, the kernel read again: when what its note said stops being true (the other program acted
/// meanwhile), the screen says what the kernel holds now.
struct CardPrompt {
    let screen: any WalkthroughScreen
    let glossary: any TermLookup
    let language: Language

    /// The first command that moves on (advance, all, or a way out); `kernelNow` reads the note again.
    func answer(_ card: WalkthroughCard, input: any WalkthroughInput, kernelNow: () -> String?) -> WalkthroughCommand {
        var shownNote = card.kernelNote
        for _ in 0..<10_000 {
            screen.prompt()
            var command: WalkthroughCommand?
            for _ in 0..<100_000_000 {
                command = input.nextCommand(within: Walkthrough.refreshMilliseconds)
                if command != nil { break }
                if let now = kernelNow(), now != shownNote {
                    shownNote = now
                    screen.showKernelNow(now)
                }
            }
            screen.promptAnswered()
            switch command ?? .quit {
            case .glossary:
                screen.showDefinitions(card.terms.map {
                    (glossary.name(of: $0, in: language), glossary.definition(of: $0, in: language).map(GlossaryParser.plainText))
                })
            case .help, .unknown:
                screen.showKeys()
            case let moving:
                return moving
            }
        }
        return .quit
    }
}
