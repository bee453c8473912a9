import Testing
import TraceCore
import TracePrograms
import TraceRender
import TraceSockets
import TraceTeaching
import TraceText
import SocketTracing

/// The Spanish the project writes: `búfer` (as the RAE spells it), `solo` without an accent (the RAE's
/// 2010 rule), and the contractions `al` and `del`, never `a el` or `de el`.
enum SpanishSpelling {
    /// Words written another way, and how the project writes them.
    static let words = ["buffer": "búfer", "buffers": "búferes", "sólo": "solo"]
    /// Two words that contract.
    static let contractions = [["a", "el"]: "al", ["de", "el"]: "del"]

    /// Each forbidden variant in `text`, as `found → wanted`. Inline code (between backticks) is
    /// left alone: it is a program's text, not Spanish.
    static func problems(in text: String) -> [String] {
        var problems: [String] = []
        var previous: String?
        var word = ""
        var inCode = false
        var gapIsSpace = true
        func endWord() {
            guard !word.isEmpty else { return }
            let lower = word.lowercased()
            if let wanted = words[lower] { problems.append("\(word) → \(wanted)") }
            if let previous, gapIsSpace, let wanted = contractions[[previous, lower]] {
                problems.append("\(previous) \(word) → \(wanted)")
            }
            previous = lower
            word = ""
            gapIsSpace = true
        }
        for character in text {
            if character == "`" {
                endWord()
                inCode.toggle()
                previous = nil
            } else if inCode {
                continue
            } else if character.isLetter {
                word.append(character)
            } else {
                endWord()
                if !character.isWhitespace { gapIsSpace = false }
            }
        }
        endWord()
        return problems
    }
}

@Suite("Spanish: one spelling for one word, and the contractions al and del, in every text trace shows")
struct SpanishSpellingTests {
    @Test("the check finds each variant, and leaves alone what is right")
    func checker() {
        #expect(SpanishSpelling.problems(in: "Sólo el buffer de el núcleo va a el otro; dos buffers.")
            == ["Sólo → solo", "buffer → búfer", "de el → del", "a el → al", "buffers → búferes"])
        #expect(SpanishSpelling.problems(in: "solo el búfer del núcleo va al otro, a él y de él; dijo a, el otro").isEmpty)
        #expect(SpanishSpelling.problems(in: "en código: `buffer = s.recv(1024)` y `a el`").isEmpty)
    }

    @Test("the glossary's Spanish names and definitions")
    func glossary() throws {
        // Aliases are left out: they list names in both languages for lookups (`buffer` finds búfer).
        for entry in try LessonFiles.library().glossary.entries {
            #expect(SpanishSpelling.problems(in: entry.name.es + ". " + entry.definition.es).isEmpty, "\(entry.id)")
        }
    }

    @Test("every Spanish lesson: title, summary, sections, questions and answers")
    func lessons() throws {
        for lesson in try LessonFiles.library().lessons(in: .es) {
            var texts = [lesson.title, lesson.summary ?? ""]
            for section in lesson.sections { texts += [section.title ?? ""] + section.body }
            for question in lesson.questions { texts += [question.question, question.answer] }
            for text in texts {
                #expect(SpanishSpelling.problems(in: text).isEmpty, "\(lesson.source): \(text)")
            }
        }
    }

    @Test("the card of every scenario call, with and without a port and a server address")
    func cards() {
        let facts = [CallExplanation.Facts(serverAddress: nil, host: "127.0.0.1", port: 0),
                     CallExplanation.Facts(serverAddress: "127.0.0.1:5000", host: "::1", port: 5000)]
        for fact in facts {
            for call in BuiltInLessonTests.everyCall + [.connect(to: .address(host: "10.0.0.2", port: 5000))] {
                let card = CallExplanation.of(call, .es, facts: fact)
                let text = [card.call, card.program, card.kernel].joined(separator: " ")
                #expect(SpanishSpelling.problems(in: text).isEmpty, "\(call): \(text)")
            }
        }
    }

    /// Each Spanish lesson walked step by step, with the glossary's definitions (`g`) asked at every
    /// stop: its cards, the kernel's notes, the definitions and the prompts; then its diagram, its
    /// legend and, for the seed, its debrief.
    @Test("each lesson walked in Spanish: cards, kernel notes, definitions, diagram, legend and debrief")
    func walkthroughs() throws {
        let library = try LessonFiles.library()
        // A lesson that runs one's own programs has no built-in scenario to walk: its cards are checked below.
        for lesson in library.lessons(in: .es) where lesson.programs == nil {
            let screen = TextScreen(language: .es), sink = MemorySink()
            let stepTerms = Dictionary(lesson.steps.compactMap { s in s.stepNumber.map { ($0, s.terms) } }, uniquingKeysWith: +)
            let walkthrough = Walkthrough(scenario: lesson.scenario, language: .es, screen: screen,
                                          glossary: library.glossary, stepTerms: stepTerms, blockedAfter: .milliseconds(300))
            let options = RunOptions(timeout: .seconds(10))
            let run = ScenarioRun(scenario: lesson.scenario, tracer: Tracer(sink: sink), options: options, pacer: walkthrough)
            let runner = BlockingThread { run.run() }
            let commands = walkthrough.stops.flatMap { _ in [WalkthroughCommand.glossary, .advance] }
            let ending = walkthrough.drive(run, input: ScriptedInput(commands), options: options)
            _ = try runner.join(timeout: .seconds(30))
            #expect(ending == .finished, "\(lesson.source): \(ending)")
            let output = screen.output
            #expect(output.text.contains("núcleo") && output.text.contains(": "), "\(lesson.source)")

            let style = DiagramStyle(language: .es, width: 100)
            // The walkthrough's text as one, so that a line break between two words still counts as a space.
            var texts = [output.text] + DiagramRenderer.render(sink.events, style: style)
            texts += StepTerms(glossary: library.glossary, lessonTerms: stepTerms).legend(for: lesson.scenario, language: .es)
                .flatMap(\.names)
            if lesson.id == "seed" {
                let measured = RunMeasurements(sink.events)
                for debrief in [SeedDebrief.make(measured, language: .es), SeedDebrief.make(measured, language: .es, pacing: .delay(milliseconds: 5)),
                                SeedDebrief.make(RunMeasurements([]), language: .es)] {
                    texts += [debrief.heading, debrief.note ?? ""] + debrief.points
                }
            }
            for text in texts {
                #expect(SpanishSpelling.problems(in: text).isEmpty, "\(lesson.source): \(text)")
            }
        }
    }
}
