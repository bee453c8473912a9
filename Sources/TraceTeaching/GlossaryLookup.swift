import TraceCore
import TraceText
import TracePrograms
/// What a glossary lookup found.
public enum GlossaryLookup: Sendable, Hashable {
    case found(GlossaryEntry)
    /// Several entries start with what was asked: the learner should say more.
    case ambiguous([GlossaryEntry])
    /// Nothing matches; up to three entries with similar names.
    case unknown(suggestions: [GlossaryEntry])
}

extension Glossary {
    /// Finds a term by any of its names or aliases, in either language, ignoring case, accents and
    /// `()`; then by a unique prefix of a name, then of a word in a name (`handshake`). When nothing
    /// matches, suggests up to three entries whose names are a few edits away.
    public func lookup(_ query: String) -> GlossaryLookup {
        let key = TermKey.normalize(String(query.prefix(200)))
        guard !key.isEmpty else { return .unknown(suggestions: []) }
        if let entry = exact(key) { return .found(entry) }
        for matches in [entries.filter { $0.keys.contains { $0.hasPrefix(key) } },
                        entries.filter { $0.keys.contains { Glossary.words(of: $0).contains { $0.hasPrefix(key) } } }] {
            if matches.count == 1 { return .found(matches[0]) }
            if matches.count > 1 { return .ambiguous(matches) }
        }
        return .unknown(suggestions: suggestions(for: key))
    }

    /// Up to three entries whose closest name is two edits away (three for long queries).
    func suggestions(for key: String) -> [GlossaryEntry] {
        let limit = min(3, max(2, key.count / 3))
        let scored = entries.map { entry in
            (entry, entry.keys.map { TermKey.distance(key, $0) }.min() ?? Int.max)
        }
        return scored.filter { $0.1 <= limit }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0.id < $1.0.id }
            .prefix(3).map(\.0)
    }

    private static func words(of key: String) -> [Substring] {
        Array(key.split(separator: " ").dropFirst())
    }
}
