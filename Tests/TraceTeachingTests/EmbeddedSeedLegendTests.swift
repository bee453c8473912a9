import Foundation
import Testing
import TracePrograms
import TraceText
@testable import TraceTeaching

@Suite("The seed's legend built into trace is the one Lessons/ and the seed's calls give")
struct EmbeddedSeedLegendTests {
    static var generatedFile: URL {
        LessonFiles.directory.deletingLastPathComponent().appendingPathComponent("Sources/TraceTeaching/EmbeddedSeedLegend.swift")
    }

    /// The legend as `legend(for:)` makes it from the glossary and lesson 1 in `Lessons/`.
    static func legends() throws -> [(language: Language, legend: [(step: Int, names: [String])])] {
        let library = try LessonFiles.library()
        let seed = try #require(library.lesson("1", language: .en))
        let own = Dictionary(seed.steps.compactMap { s in s.stepNumber.map { ($0, s.terms) } }, uniquingKeysWith: +)
        let terms = StepTerms(glossary: library.glossary, lessonTerms: own)
        return Language.allCases.map { ($0, terms.legend(for: .seed(message: "", reply: ""), language: $0)) }
    }

    @Test("EmbeddedSeedLegend.swift is what they generate, and the compiled copy says the same")
    func upToDate() throws {
        let legends = try EmbeddedSeedLegendTests.legends()
        let expected = EmbeddedSeedLegendGenerator.source(for: legends)
        if ProcessInfo.processInfo.environment["TRACE_UPDATE_EMBEDDED"] == "1" {
            try Data(expected.utf8).write(to: EmbeddedSeedLegendTests.generatedFile)
            return
        }
        let current = (try? String(contentsOf: EmbeddedSeedLegendTests.generatedFile, encoding: .utf8)) ?? ""
        #expect(current == expected, "Sources/TraceTeaching/EmbeddedSeedLegend.swift is stale: run \(EmbeddedLessonsGenerator.command)")
        for (language, legend) in legends {
            let compiled = StepTerms.seedLegend(language)
            #expect(compiled.map(\.step) == legend.map(\.step) && compiled.map(\.names) == legend.map(\.names),
                    "the compiled copy is stale: run \(EmbeddedLessonsGenerator.command), then build")
        }
    }
}
