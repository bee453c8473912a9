import Testing
import TraceCore
@testable import TraceTeaching

/// Lessons whose scenario runs one's own programs: `run server:` and `run client:` lines.
@Suite("The lesson format: a scenario of one's own programs")
struct ProgramLessonFormatTests {
    static func lesson(_ scenario: String, steps: [Int]) -> String {
        """
        ---
        id: mine
        lang: en
        title: Mine
        ---

        Intro.

        \(steps.map { "## Step \($0)\n\nText.\n" }.joined(separator: "\n"))
        ## Scenario

        ```scenario
        \(scenario)
        ```
        """
    }

    @Test("a pair: the commands split as a shell would, the seed's nine steps")
    func pair() throws {
        let text = Self.lesson("run server: python3 'my server.py' 0   # the server\nrun client: ./client {port}", steps: Array(1...9))
        let (lesson, errors) = LessonParser.parse(text, file: "mine.md")
        #expect(errors.isEmpty, "\(errors)")
        let programs = try #require(lesson?.programs)
        #expect(programs.server == ["python3", "my server.py", "0"] && programs.client == ["./client", "{port}"])
        #expect(lesson?.stepNumbers == Array(1...9) && lesson?.scenario.actions.isEmpty == true)
    }

    @Test("one side alone: that side's steps")
    func oneSide() {
        let (lesson, errors) = LessonParser.parse(Self.lesson("run server: ./server", steps: [2, 4, 5, 9]), file: "mine.md")
        #expect(errors.isEmpty, "\(errors)")
        #expect(lesson?.programs?.programs == .single(["./server"], side: .server))
    }

    @Test("mistakes, each with its line", arguments: [
        ("run server: ./s\nclient socket", 2, "only 'run server: COMMAND' and 'run client: COMMAND' lines"),
        ("run server: ./s\nrun server: ./t", 2, "a second 'run server:'"),
        ("run both: ./s", 1, "expected run server: or run client:"),
        ("run client: 'unterminated", 1, "unterminated"),
        ("run client:", 1, "missing the command line"),
    ])
    func mistakes(scenario: String, lineInBlock: Int, message: String) {
        let text = Self.lesson(scenario, steps: Array(1...9))
        let block = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "```scenario" }! + 1
        let line = block + lineInBlock
        let (lesson, errors) = LessonParser.parse(text, file: "mine.md")
        #expect(lesson == nil)
        #expect(errors.contains { $0.line == line && $0.message.contains(message) }, "\(errors)")
    }

    @Test("a step section the programs do not take is an error")
    func stepsMustMatch() {
        let (_, errors) = LessonParser.parse(Self.lesson("run client: ./c", steps: [1, 2, 3]), file: "mine.md")
        #expect(errors.contains { $0.message.contains("no action of the scenario is step 2") })
        #expect(errors.contains { $0.message.contains("step 6 is in the scenario") })
    }
}
