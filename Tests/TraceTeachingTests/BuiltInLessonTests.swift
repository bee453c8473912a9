import Testing
import TraceRender
@testable import TraceTeaching

@Suite("The lessons in Lessons/: well-formed, complete, the same in both languages")
struct BuiltInLessonTests {
    @Test("every file parses, every term a lesson names is in the glossary")
    func parses() throws {
        let (library, errors) = LessonLibrary.load(try LessonFiles.all())
        #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
        #expect(library != nil)
    }

    @Test("lesson 1's scenario is the seed, in each language with its own words")
    func lessonOneIsTheSeed() throws {
        let library = try LessonFiles.library()
        let es = try #require(library.lesson("1", language: .es))
        let en = try #require(library.lesson("1", language: .en))
        #expect(es.scenario == Scenario.seed(message: "Hola, servidor", reply: "Mensaje recibido"))
        #expect(en.scenario == Scenario.seed(message: "Hello, server", reply: "Message received"))
    }
}
