import Testing
import TraceSockets
import TraceTeaching
import TraceText
@testable import TraceProcess

/// The cards `trace run --step` shows for a traced program's calls.
@Suite("The walkthrough's cards for a traced program's calls")
struct ProgramCardTests {
    /// One entry for every system call the tracer reports, with typical arguments.
    static var entries: [SyscallEntry] {
        SystemCall.allCases.map { call in
            var a = CallArguments(registers: [3, 0, 0, 0, 0, 0])
            a.fd = 3
            a.address = SocketAddress(numericHost: "127.0.0.1", port: 5000)
            a.byteCount = 1024
            a.backlog = 5
            a.shutdown = .write
            a.option = call == .getsockopt ? .error : .reuseAddress
            a.optionValue = .integer(1)
            a.timeout = .nanoseconds(500_000_000)
            a.fcntlCommand = .setStatusFlags
            a.epollOperation = .add
            return SyscallEntry(sequence: 0, pid: 1, tid: 1, time: 0, call: call, arguments: a,
                                socket: SocketKind(family: .inet, type: .stream, protocolNumber: 0))
        }
    }

    @Test("every call has a card in both languages, the real call beside the lesson's name, its terms in the glossary, its Spanish spelled the project's way")
    func everyCall() throws {
        let glossary = try LessonFiles.library().glossary
        for entry in Self.entries {
            for language in Language.allCases {
                let card = CallExplanation.of(entry, language)
                #expect(!card.program.isEmpty && !card.kernel.isEmpty && !card.terms.isEmpty)
                #expect(card.call.hasPrefix(entry.lessonName.name), "\(entry.call): \(card.call)")
                #expect(card.call.contains("[\(entry.call.name)]") == (entry.call.name != entry.lessonName.name), "\(card.call)")
                for term in card.terms { #expect(glossary.exact(term) != nil, "\(card.call): '\(term)' is not in the glossary") }
                if language == .es {
                    let text = [card.call, card.program, card.kernel].joined(separator: " ")
                    #expect(SpanishSpelling.problems(in: text).isEmpty, "\(text)")
                }
            }
        }
    }

    @Test("the lesson's calls get the lesson's own cards")
    func lessonCards() {
        let accept = Self.entries.first { $0.call == .accept4 }!
        #expect(CallExplanation.of(accept, .en).program == CallExplanation.of(.accept, .en, facts: .init(serverAddress: nil, host: "", port: 0)).program)
        let close = Self.entries.first { $0.call == .close }!
        #expect(CallExplanation.of(close, .en, closesListener: true).program.contains("listening socket"))
    }
}
