import TraceCore
import TraceProcess
import TraceText

/// A lesson whose scenario runs the learner's own programs (`trace run`) instead of trace's built-in
/// ones: its block holds `run server: COMMAND LINE` and `run client: COMMAND LINE` (either alone for one
/// side), split as a shell splits words. Their steps are the seed's, numbered as the calls come.
public struct LessonPrograms: Sendable, Hashable {
    public var server: [String]?
    public var client: [String]?

    public init(server: [String]?, client: [String]?) {
        self.server = server
        self.client = client
    }

    /// What `trace run` traces.
    public var programs: ProgramTrace.Programs {
        switch (server, client) {
        case (let server?, let client?): return .pair(server: server, client: client)
        case (let server?, nil): return .single(server, side: .server)
        case (nil, let client): return .single(client ?? [], side: .client)
        }
    }

    /// The seed's steps the traced sides take.
    public var steps: [Int] {
        var sides: Set<TraceEvent.Actor> = []
        if server != nil { sides.insert(.server) }
        if client != nil { sides.insert(.client) }
        return ProgramTrace.seedPlan(tracing: sides).steps.map(\.number)
    }

    /// Whether a scenario block is made of `run` lines (its first line that says anything is one).
    static func isPrograms(_ lines: [NumberedLine]) -> Bool {
        lines.first { !content($0).isEmpty }.map { content($0).hasPrefix("run ") || content($0).hasPrefix("run:") } ?? false
    }

    /// Reads the `run` lines; every other line is a mistake.
    static func parse(_ lines: [NumberedLine], file: String, blockLine: Int) -> (LessonPrograms?, [LessonFormatError]) {
        var programs = LessonPrograms(server: nil, client: nil)
        var errors: [LessonFormatError] = []
        for line in lines {
            let text = content(line)
            if text.isEmpty { continue }
            guard text.hasPrefix("run "), let colon = text.firstIndex(of: ":") else {
                errors.append(LessonFormatError(file: file, line: line.number,
                    es: "un escenario con programas propios solo tiene líneas 'run server: ORDEN' y 'run client: ORDEN'",
                    en: "a scenario of one's own programs has only 'run server: COMMAND' and 'run client: COMMAND' lines"))
                continue
            }
            let side = text[text.index(text.startIndex, offsetBy: 4)..<colon].trimmingCharacters(in: " \t")
            let words: [String]
            do { words = try ShellWords.split(String(text[text.index(after: colon)...])) } catch {
                errors.append(LessonFormatError(file: file, line: line.number, es: "la orden: \(error.message(.es))",
                                                en: "the command line: \(error.message(.en))"))
                continue
            }
            guard !words.isEmpty else {
                errors.append(LessonFormatError(file: file, line: line.number, es: "falta la orden tras 'run \(side):'",
                                                en: "missing the command line after 'run \(side):'"))
                continue
            }
            switch side {
            case "server" where programs.server == nil: programs.server = words
            case "client" where programs.client == nil: programs.client = words
            case "server", "client":
                errors.append(LessonFormatError(file: file, line: line.number, es: "un segundo 'run \(side):'", en: "a second 'run \(side):'"))
            default:
                errors.append(LessonFormatError(file: file, line: line.number, es: "'run \(side):': se espera run server: o run client:",
                                                en: "'run \(side):': expected run server: or run client:"))
            }
        }
        if errors.isEmpty, programs.server == nil, programs.client == nil {
            errors.append(LessonFormatError(file: file, line: blockLine, es: "el escenario no ejecuta nada", en: "the scenario runs nothing"))
        }
        return errors.isEmpty ? (programs, []) : (nil, errors)
    }

    /// A line without its comment and surrounding blanks.
    private static func content(_ line: NumberedLine) -> String {
        let text = line.text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return text.trimmingCharacters(in: " \t")
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let first = s.first, set.contains(first) { s = s.dropFirst() }
        while let last = s.last, set.contains(last) { s = s.dropLast() }
        return String(s)
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}
