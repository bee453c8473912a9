import TraceCore
import TraceText

/// The card shown before a walkthrough stop: which side acts, which calls, what each does in the
/// program and in the kernel, what the kernel already did, and the glossary terms involved. Data only:
/// the screen (a terminal, a page) decides how it looks.
public struct WalkthroughCard: Sendable, Hashable {
    /// `Paso 2 de 9 · Servidor · accept()`.
    public var title: String
    public var step: Int?
    public var calls: [CallExplanation]
    /// What the kernel already did before the program asks, read from the kernel when the card is made.
    public var kernelNote: String?
    /// Glossary terms, by key (for their definitions) and by the name shown.
    public var terms: [String]
    public var termNames: [String]

    public init(title: String, step: Int?, calls: [CallExplanation], kernelNote: String?, terms: [String], termNames: [String]) {
        self.title = title
        self.step = step
        self.calls = calls
        self.kernelNote = kernelNote
        self.terms = terms
        self.termNames = termNames
    }
}

/// A line the conductor says between cards.
public enum WalkthroughMessage: Sendable, Hashable {
    /// The stop's call is blocked; another actor of the scenario will release it at a later step.
    case stillBlocked(call: String)
    /// Alone, the program waits for its peer outside (q or Ctrl-C still stop it).
    case waitsForPeer(call: String)
    /// What the card's kernel note said stopped being true while the learner read it: the kernel now.
    case kernelNow(String)
    /// A line of the screen's own, until the next key (a replay's jump to a step it does not have).
    case notice(String)
    /// The segments captured while the stop's calls ran (`--packets`), after its lines of the diagram.
    case segments(StepSegments)
}

/// Where a walkthrough shows itself: the conductor says what, the screen says how (a scrolling terminal,
/// a full screen, a test's record).
public protocol WalkthroughScreen: Sendable {
    func show(_ card: WalkthroughCard)
    /// The learner is asked for a key.
    func prompt()
    /// The key was read; the prompt can go.
    func promptAnswered()
    func showDefinitions(_ definitions: [(name: String, text: String?)])
    func showKeys()
    func show(_ message: WalkthroughMessage)
    /// What the kernel holds now, while a card waits for its key and its note has stopped being true.
    /// A scrolling screen says it under the card (the default); a full screen can replace the note.
    func showKernelNow(_ note: String)
}

extension WalkthroughScreen {
    public func showKernelNow(_ note: String) {
        promptAnswered()
        show(.kernelNow(note))
        prompt()
    }
}

/// Looks glossary terms up for cards; the glossary provides the real one.
public protocol TermLookup: Sendable {
    /// The term's name in `language` (the English name when unknown).
    func name(of term: String, in language: Language) -> String
    /// The term's definition in `language`, if the glossary has it.
    func definition(of term: String, in language: Language) -> String?
}

/// A lookup that knows no definitions: terms are shown by their English names.
public struct NoGlossary: TermLookup {
    public init() {}
    public func name(of term: String, in language: Language) -> String { term }
    public func definition(of term: String, in language: Language) -> String? { nil }
}
