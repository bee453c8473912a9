import Foundation
import Testing
import TracePrograms
import TraceModel
import TraceText
import TraceCore
@testable import TraceTeaching

/// The examples in Lessons/README.md are real: they parse, and the lesson runs.
@Suite("The format's documentation shows examples that work")
struct DocumentedExamplesTests {
    static func readme() throws -> String {
        try String(contentsOf: LessonFiles.directory.appendingPathComponent("README.md"), encoding: .utf8)
    }

    /// The text between a line `opening` and the next line `closing`.
    static func block(_ text: String, opening: String, closing: String) throws -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: opening)) + 1
        let end = try #require(lines[start...].firstIndex(of: closing))
        return lines[start..<end].joined(separator: "\n")
    }

    @Test("the example lesson parses, names only glossary terms, and runs: ECONNREFUSED at step 1")
    func exampleLesson() throws {
        let text = try DocumentedExamplesTests.block(try DocumentedExamplesTests.readme(), opening: "````markdown", closing: "````")
        let (lesson, errors) = LessonParser.parse(text, file: "README example")
        #expect(errors.isEmpty, "\(errors)")
        let example = try #require(lesson)
        let library = try LessonFiles.library()
        #expect(library.termProblems(in: example).isEmpty)
        #expect(example.questions.count == 2)
        let run = try LessonRun.of(example)
        #expect(run.finished(.connect, .client, step: 1).first?.error?.name == "ECONNREFUSED")
    }

    @Test("the example glossary entry parses")
    func exampleEntry() throws {
        let readme = try DocumentedExamplesTests.readme()
        let section = String(try #require(readme.range(of: "## The glossary").map { readme[$0.upperBound...] }))
        let text = try DocumentedExamplesTests.block(section, opening: "```", closing: "```")
        let (glossary, errors) = GlossaryParser.parse(text.replacingOccurrences(of: "related: ip-address, socket\n", with: ""), file: "README example")
        #expect(errors.isEmpty, "\(errors)")
        #expect(glossary?.entry(id: "port")?.definition.en.hasSuffix("says which program a connection is for.") == true)
    }
}
