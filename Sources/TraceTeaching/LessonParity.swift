import TraceCore
import TracePrograms
import TraceText

extension LessonLibrary {
    /// How the languages differ, one line each; empty when every lesson exists in every language with
    /// the same number, steps, glossary terms, number of questions and scenario (but for the words it
    /// sends, which are in the lesson's language).
    public func parityProblems() -> [String] {
        var problems: [String] = []
        let ids = Set(lessons.map(\.id))
        for id in ids.sorted() {
            let versions = Language.allCases.map { language in (language, lessons.first { $0.id == id && $0.language == language }) }
            let missing = versions.filter { $0.1 == nil }.map(\.0.rawValue)
            if !missing.isEmpty {
                problems.append("\(id): no lesson in \(missing.joined(separator: ", "))")
                continue
            }
            let found = versions.compactMap(\.1)
            guard let first = found.first else { continue }
            for other in found.dropFirst() {
                problems += differences(first, other).map { "\(id) (\(first.source) / \(other.source)): \($0)" }
            }
        }
        return problems
    }

    private func differences(_ a: Lesson, _ b: Lesson) -> [String] {
        var found: [String] = []
        if a.number != b.number { found.append("numbers differ") }
        if a.steps.map(\.stepNumber) != b.steps.map(\.stepNumber) { found.append("steps differ") }
        if glossary.terms(of: a).map(\.id) != glossary.terms(of: b).map(\.id) { found.append("lesson terms differ") }
        for section in a.steps {
            guard let step = section.stepNumber else { continue }
            let left = glossary.terms(forStep: step, lesson: a).map(\.id)
            let right = glossary.terms(forStep: step, lesson: b).map(\.id)
            if left != right { found.append("step \(step) terms differ: \(left) / \(right)") }
        }
        if a.questions.count != b.questions.count { found.append("\(a.questions.count) / \(b.questions.count) questions") }
        if a.scenario.withoutWords != b.scenario.withoutWords { found.append("scenarios differ (beyond the words sent)") }
        if a.programs != b.programs { found.append("the programs run differ") }
        return found
    }
}

extension Scenario {
    /// The same scenario with every text it sends emptied: what must match across languages.
    var withoutWords: Scenario {
        var copy = self
        copy.actions = actions.map { action in
            var a = action
            switch action.call {
            case .send(.text, let n): a.call = .send(.text(""), connection: n)
            case .sendAll(.text, let n): a.call = .sendAll(.text(""), connection: n)
            case .send(.repeated(_, let count), let n): a.call = .send(.repeated("", count: count), connection: n)
            case .sendAll(.repeated(_, let count), let n): a.call = .sendAll(.repeated("", count: count), connection: n)
            default: break
            }
            return a
        }
        return copy
    }
}
