import TraceCore
import TraceModel
import TraceText

/// What the export says about each call beyond the diagram: the step cards' explanations and the
/// glossary. The teaching layer provides it (an export knows no lesson); without one, a page shows
/// the calls and their results alone.
public protocol Narrator: Sendable {
    /// What each row's call does in the program and in the kernel, with its glossary terms: one entry
    /// per row, nil for a row with nothing to explain (the tool's own rows, say). All the rows at once,
    /// so that a call can be told by what came before it (the `close` of a listening socket).
    func explanations(of rows: [Row], header: TraceHeader?, language: Language) -> [Explanation?]
    /// Terms a numbered step involves beyond its calls' own (a lesson's terms for the step).
    func terms(ofStep step: Int, header: TraceHeader?, language: Language) -> [GlossaryTerm]
}

/// One call explained, in one language.
public struct Explanation: Sendable, Hashable {
    /// The call as the explanation names it: `accept()`.
    public var call: String
    public var program: String
    public var kernel: String
    public var terms: [GlossaryTerm]

    public init(call: String, program: String, kernel: String, terms: [GlossaryTerm]) {
        self.call = call
        self.program = program
        self.kernel = kernel
        self.terms = terms
    }
}

/// A glossary term as shown, and its definition when the glossary has one.
public struct GlossaryTerm: Sendable, Hashable {
    public var name: String
    public var definition: String?

    public init(name: String, definition: String?) {
        self.name = name
        self.definition = definition
    }
}
