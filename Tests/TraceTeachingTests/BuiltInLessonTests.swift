import Testing
import TracePrograms
import TraceModel
import TraceText
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

extension BuiltInLessonTests {
    static let ids = ["seed", "setup", "byte-stream", "closing", "errors", "backlog", "states", "many-clients", "packets", "own-programs"]

    @Test("lessons 1 to 10 exist in both languages, in the issues' order, each with 2 or 3 questions and terms for every step")
    func theLessons() throws {
        let library = try LessonFiles.library()
        for language in Language.allCases {
            let lessons = library.lessons(in: language)
            #expect(lessons.map(\.id) == BuiltInLessonTests.ids)
            #expect(lessons.map(\.number) == Array(1...10))
            for lesson in lessons {
                #expect((2...3).contains(lesson.questions.count), "\(lesson.source)")
                #expect(lesson.questions.allSatisfy { !$0.answer.isEmpty })
                #expect(!lesson.steps.isEmpty && lesson.steps.allSatisfy { !$0.terms.isEmpty }, "\(lesson.source)")
                #expect(lesson.summary != nil)
            }
        }
    }

    @Test("Spanish and English have the same lessons, steps, terms, questions and scenarios")
    func parity() throws {
        let library = try LessonFiles.library()
        #expect(library.parityProblems() == [])
    }

    @Test("the parity check notices a missing question, a different step term and a different scenario")
    func parityCanFail() throws {
        let library = try LessonFiles.library()
        var lessons = library.lessons
        let index = try #require(lessons.firstIndex { $0.id == "closing" && $0.language == .en })
        lessons[index].questions.removeLast()
        lessons[index].sections[lessons[index].sections.firstIndex { $0.stepNumber == 2 }!].terms = ["socket"]
        lessons[index].scenario.actions[7].step = nil
        let problems = LessonLibrary(glossary: library.glossary, lessons: lessons).parityProblems()
        #expect(problems.count == 3, "\(problems)")
        #expect(problems.allSatisfy { $0.hasPrefix("closing") })
        let without = LessonLibrary(glossary: library.glossary, lessons: library.lessons.filter { $0.id != "errors" || $0.language != .es })
        #expect(without.parityProblems() == ["errors: no lesson in es"])
    }

    @Test("the glossary: at least 30 terms, the seed's 16 among them, both languages for each")
    func glossary() throws {
        let glossary = try LessonFiles.library().glossary
        #expect(glossary.entries.count >= 30)
        let seed = glossary.entries.filter(\.isSeedTerm).map(\.id)
        #expect(seed == ["tcp", "socket", "port", "ip-address", "client", "server", "bind", "listen", "accept", "connect",
                         "sendall", "recv", "close", "packet", "channel", "localhost"])
        for entry in glossary.entries {
            #expect(!entry.name.es.isEmpty && !entry.name.en.isEmpty && entry.definition.es.count > 40 && entry.definition.en.count > 40)
        }
    }

    @Test("every term the issue names can be looked up", arguments: [
        "backlog", "three-way handshake", "SYN", "ACK", "FIN", "RST", "segment", "ESTABLISHED", "CLOSE_WAIT",
        "TIME_WAIT", "ephemeral port", "EOF", "byte stream", "half-close", "shutdown", "file descriptor", "errno",
        "ECONNREFUSED", "EADDRINUSE", "ECONNRESET", "EPIPE", "SIGPIPE", "loopback", "0.0.0.0", "IPv6", "getaddrinfo",
        "DNS", "buffer", "RTT", "paquete", "packet", "puerto", "port",
    ])
    func issueTerms(term: String) throws {
        let glossary = try LessonFiles.library().glossary
        #expect(glossary.exact(term) != nil)
    }

    /// One call of each kind, for the walkthrough's cards.
    static let everyCall: [Scenario.Call] = [
        .socket, .setOption(.reuseAddress, 1), .setOption(.noDelay, 1), .setOption(.linger, 0), .setOption(.receiveBuffer, 9),
        .bind(port: .runPort), .bind(port: .anyAddress), .bind(port: .sameAs("server")), .listen(backlog: 5), .accept,
        .connect(to: .actor("server")), .connect(to: .closedPort), .send(.text("a")), .sendAll(.text("a")),
        .recv(maxBytes: 1), .recv(maxBytes: 1, until: .closed), .recv(maxBytes: 1, until: .bytes(2)),
        .recv(maxBytes: 1, until: .delimiter([10])), .print, .shutdown(.write), .shutdown(.read), .close(), .closeListener,
        .tcpInfo(), .tcpInfo(until: .state(.finWait2)), .tcpInfo(until: .acceptQueue(1)), .tcpInfo(until: .everythingSent),
    ]

    @Test("every term a walkthrough card names is in the glossary, in both languages")
    func cardTerms() throws {
        let glossary = try LessonFiles.library().glossary
        let facts = CallExplanation.Facts(serverAddress: "127.0.0.1:5000", host: "127.0.0.1", port: 0)
        for language in Language.allCases {
            for call in BuiltInLessonTests.everyCall {
                let card = CallExplanation.of(call, language, facts: facts)
                for term in card.terms {
                    #expect(glossary.exact(term) != nil, "\(card.call): '\(term)' is not in the glossary")
                    #expect(glossary.definition(of: term, in: language) != nil)
                }
            }
        }
    }

    @Test("every glossary term appears in a lesson or on a walkthrough card, and lesson 1's steps link to their terms")
    func appearances() throws {
        let library = try LessonFiles.library()
        let facts = CallExplanation.Facts(serverAddress: nil, host: "127.0.0.1", port: 0)
        let onCards = Set(BuiltInLessonTests.everyCall.flatMap { CallExplanation.of($0, .en, facts: facts).terms }
            .compactMap { library.glossary.exact($0)?.id })
        for language in Language.allCases {
            for entry in library.glossary.entries where !onCards.contains(entry.id) {
                #expect(!library.appearances(of: entry, language: language).isEmpty, "\(entry.id) appears in no \(language) lesson")
            }
        }
        let seed = try #require(library.lesson("seed", language: .es))
        #expect(library.glossary.terms(forStep: 1, lesson: seed).map(\.id) == ["connect", "ip-address", "port", "three-way-handshake", "syn", "ack"])
        #expect(library.glossary.terms(forStep: 9, lesson: seed).map(\.id) == ["recv", "eof", "close-wait"])
        let port = try #require(library.glossary.entry(id: "port"))
        #expect(library.appearances(of: port, language: .en).contains(TermAppearance(lessonID: "seed", lessonNumber: 1, step: 1)))
    }
}
