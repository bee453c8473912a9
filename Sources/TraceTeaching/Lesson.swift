import TraceCore
import TracePrograms
import TraceText

/// A lesson: its text in one language, the questions that close it, and the scenario it runs.
/// Read from a Markdown file (see `Lessons/README.md`) by `LessonParser`.
public struct Lesson: Sendable, Hashable {
    /// The same in every language: `seed`, `byte-stream`.
    public var id: String
    /// The built-in lessons' order, 1 to 8; a teacher's own file may have none.
    public var number: Int?
    public var language: Language
    public var title: String
    /// One line for `trace lesson list`.
    public var summary: String?
    /// Glossary terms the whole lesson is about, as written in the file.
    public var terms: [String]
    /// The header's `terms:` line.
    public var termsLine: Int?
    /// The text, section by section, in file order, without the scenario block.
    public var sections: [Section]
    public var questions: [Question]
    /// What it runs: the built-in programs' scenario (empty when the lesson runs programs instead).
    public var scenario: Scenario
    /// The learner's own programs the lesson runs, traced (`run server:` / `run client:` lines).
    public var programs: LessonPrograms? = nil
    /// The file it came from: a path, or a built-in file's name.
    public var source: String

    public struct Section: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            /// The text before the first `##` heading.
            case introduction
            case text
            /// The text that explains the scenario's step with this number.
            case step(Int)
            case questions
        }

        public var kind: Kind
        /// The heading's words (for a step, those after its number); nil for the introduction.
        public var title: String?
        /// Markdown lines, without the `terms:` line and the scenario block.
        public var body: [String]
        /// Glossary terms this step shows, as written in the file.
        public var terms: [String]
        /// The heading's line in the file.
        public var line: Int
        /// The `terms:` line's.
        public var termsLine: Int?

        public init(kind: Kind, title: String?, body: [String] = [], terms: [String] = [], line: Int, termsLine: Int? = nil) {
            self.kind = kind
            self.title = title
            self.body = body
            self.terms = terms
            self.line = line
            self.termsLine = termsLine
        }

        public var stepNumber: Int? {
            if case .step(let n) = kind { return n }
            return nil
        }
    }

    public struct Question: Sendable, Hashable {
        public var question: String
        public var answer: String
        public var line: Int

        public init(question: String, answer: String, line: Int) {
            self.question = question
            self.answer = answer
            self.line = line
        }
    }

    /// The numbered steps the lesson runs: its scenario's, or its programs' (the seed's for the sides run).
    public var stepNumbers: [Int] { programs?.steps ?? scenario.steps }

    /// The sections that explain numbered steps, in order.
    public var steps: [Section] { sections.filter { $0.stepNumber != nil } }

    /// The section that explains step `number`.
    public func step(_ number: Int) -> Section? { sections.first { $0.stepNumber == number } }
}
