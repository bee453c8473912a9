/// A lesson's own terms for each step, read from its file's step headings and `terms:` lines alone:
/// what `LessonParser` gives each step's section, for a legend that needs nothing else. It checks
/// nothing, so it reads the built-in lessons, which the tests check with the parser.
enum LessonStepTerms {
    static func read(_ lines: [String]) -> [Int: [String]] {
        guard lines.first?.trimmed == "---", let end = lines.dropFirst().firstIndex(where: { $0.trimmed == "---" }) else { return [:] }
        var terms: [Int: [String]] = [:]
        var step: Int?
        var inFence = false
        for text in lines[(end + 1)...] {
            // Most lines can be none of a fence, a heading and a `terms:` line: they change nothing here.
            guard text.utf8.first == UInt8(ascii: "#")
                    || text.utf8.contains(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "`") }) else { continue }
            let trimmed = text.trimmed
            if inFence {
                inFence = !BodyReader.closesFence(trimmed)
            } else if BodyReader.opensFence(trimmed) {
                inFence = true
            } else if let heading = BodyReader.heading(text) {
                if case .step(let number) = SectionHeading(heading) { step = number } else { step = nil }
            } else if let step, let named = BodyReader.termsLine(trimmed) {
                terms[step, default: []] += named
            }
        }
        return terms
    }
}
