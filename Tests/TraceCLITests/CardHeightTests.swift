import Testing
import TraceRender
import TraceTeaching
import TraceText
@testable import TraceCLI

/// The README says 80×24 shows every card of every built-in lesson whole: each stop's card, in the
/// form the screen picks, leaves the diagram its header and four lines (the first stop, before any
/// diagram, may take the whole screen but the prompt).
@Suite("Every lesson's cards fit an 80×24 screen whole")
struct CardHeightTests {
    /// The longest note a card can carry (the kernel's view before a call), as the walkthrough words it.
    static func longestNote(_ l: Language) -> String {
        l.pick(es: "Ahora: Ya lo hizo el núcleo: la conexión del cliente está completa y espera en la cola de listen (en cola: 1). accept() solo tiene que recogerla: no esperará.",
               en: "Now: The kernel already did it: the client's connection is complete and waits in the listen queue (queued: 1). accept() only has to pick it up: it will not wait.")
    }

    @Test("in both languages, with the longest kernel note", arguments: Language.allCases)
    func fits(language: Language) throws {
        let library = try BuiltInLessons.library()
        let style = DiagramStyle(language: language, width: 80)
        for lesson in library.lessons(in: language) {
            let scenario = lesson.scenario
            let terms = StepTerms(glossary: library.glossary, lessonTerms: lesson.stepTerms)
            let facts = CallExplanation.Facts(serverAddress: "127.0.0.1:50007", host: "127.0.0.1", port: 0)
            for (index, stop) in WalkthroughStop.stops(of: scenario).enumerated() {
                let calls = stop.actions.map { CallExplanation.of(scenario.actions[$0].call, language, facts: facts) }
                let keys = terms.legend(for: scenario, language: language).first { $0.step == stop.step }?.names ?? []
                // Only a stop that begins with accept(), recv() or connect() has a note about the kernel.
                let noted: Bool
                switch scenario.actions[stop.actions[0]].call {
                case .accept, .recv, .connect: noted = true
                default: noted = false
                }
                let card = WalkthroughCard(title: "Step · Server · " + calls.map(\.call).joined(separator: ", "), step: stop.step,
                                           calls: calls, kernelNote: noted ? Self.longestNote(language) : nil, terms: keys, termNames: keys)
                let compact = CardLines.lines(of: card, style: style, width: 80, form: .compact)
                let room = index == 0 ? 23 : 23 - 2 - ScreenFrame.shortestDiagram
                #expect(compact.count <= room, "lesson \(lesson.id), stop \(index + 1): \(compact.count) lines for \(room): \(calls.map(\.call))")
            }
        }
    }
}
