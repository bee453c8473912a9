import TraceText

/// Writes `Sources/TraceTeaching/EmbeddedSeedLegend.swift`: the seed's legend in each language, as
/// Swift literals, one step per line.
enum EmbeddedSeedLegendGenerator {
    static func source(for legends: [(language: Language, legend: [(step: Int, names: [String])])]) -> String {
        var out = """
            // Generated from Lessons/ (the glossary and lesson 1) and the seed's calls by
            // `\(EmbeddedLessonsGenerator.command)`: do not edit. A test fails when this copy differs.
            enum EmbeddedSeedLegend {

            """
        for (language, legend) in legends {
            out += "    static let \(language.rawValue): [(step: Int, names: [String])] = [\n"
            for (step, names) in legend {
                out += "        (\(step), [\(names.map(EmbeddedLessonsGenerator.literal).joined(separator: ", "))]),\n"
            }
            out += "    ]\n"
        }
        return out + "}\n"
    }
}
