import TraceCore
import TracePrograms
import TraceText

/// The glossary terms each step involves: the lesson's own for that step first, then those of the
/// step's calls; each once, by the name shown. Cards and the legend under a diagram both use it.
public struct StepTerms: Sendable {
    public let glossary: any TermLookup
    /// A lesson's own terms, by step number.
    public let lessonTerms: [Int: [String]]

    public init(glossary: any TermLookup, lessonTerms: [Int: [String]] = [:]) {
        self.glossary = glossary
        self.lessonTerms = lessonTerms
    }

    /// The terms of one stop: its step's lesson terms, then its calls'.
    func terms(of calls: [CallExplanation], step: Int?, language: Language) -> [String] {
        var terms: [String] = []
        var names: Set<String> = []
        let own = step.flatMap { lessonTerms[$0] } ?? []
        for term in own + calls.flatMap(\.terms) where names.insert(glossary.name(of: term, in: language)).inserted {
            terms.append(term)
        }
        return terms
    }

    /// Each numbered step of `scenario`, with its terms' names in `language`.
    public func legend(for scenario: Scenario, language: Language) -> [(step: Int, names: [String])] {
        let facts = CallExplanation.Facts(serverAddress: nil, host: "", port: 0)
        return scenario.steps.map { step in
            let calls = scenario.actions.filter { $0.step == step }.map { CallExplanation.of($0.call, language, facts: facts) }
            return (step, terms(of: calls, step: step, language: language).map { glossary.name(of: $0, in: language) })
        }
    }
}

extension StepTerms {
    /// The seed's legend (lesson 1's terms for each step, then its calls', named by the glossary): what
    /// `legend(for: .seed(…))` gives with the built-in lessons, copied when they are, so that the demo
    /// reads no glossary at all.
    public static func seedLegend(_ language: Language) -> [(step: Int, names: [String])] {
        switch language {
        case .es: EmbeddedSeedLegend.es
        case .en: EmbeddedSeedLegend.en
        }
    }
}
