import Testing
import TraceText
import TraceRender
import TraceTeaching

@Suite("The diagram links each step to its glossary terms")
struct StepTermsLegendTests {
    @Test("the seed's library part (glossary and lesson 1) loads without errors")
    func seedLibrary() {
        #expect(LessonLibrary.seed.errors.isEmpty)
        #expect(LessonLibrary.seed.library != nil)
    }

    @Test("after the demo's diagram, every step 1-9 is listed with terms named in the learner's language",
          arguments: [("es", "Términos, paso a paso", "paso", "saludo de tres vías"),
                      ("en", "Terms, step by step", "step", "three-way handshake")])
    func legend(language: String, heading: String, step word: String, handshake: String) throws {
        let result = try Executable.run(["--lang", language, "--width", "100"])
        #expect(result.status == 0)
        let legend = try #require(result.output.components(separatedBy: heading).last)
        let lines = legend.split(separator: "\n").prefix(while: { !$0.isEmpty })
        for step in 1...9 { #expect(lines.contains { $0.hasPrefix(" \(word) \(step): ") }) }
        let first = try #require(lines.first { $0.hasPrefix(" \(word) 1: ") })
        #expect(first.contains("connect()") && first.contains(handshake))
    }

    @Test("a lesson's legend puts the lesson's own terms first and never repeats a name")
    func noRepeats() throws {
        let library = try #require(LessonLibrary.builtIn.library)
        let lesson = try #require(library.lesson("3", language: .en))
        let own = Dictionary(lesson.steps.compactMap { s in s.stepNumber.map { ($0, s.terms) } }, uniquingKeysWith: +)
        let legend = StepTerms(glossary: library.glossary, lessonTerms: own).legend(for: lesson.scenario, language: .en)
        #expect(!legend.isEmpty)
        for (step, names) in legend {
            #expect(Set(names).count == names.count, "step \(step) repeats a term")
            if let first = own[step]?.first { #expect(names.first == library.glossary.name(of: first, in: .en)) }
        }
    }
}
