import TraceCore
import TraceText
import TracePrograms
/// Reads a lesson file: the header, then Markdown whose `##` headings make sections. `## Step N` (or
/// `## Paso N`) explains step N of the scenario and may name its glossary terms on a `terms:` line;
/// `## Questions` (or `## Preguntas`) holds numbered questions with `>` answers; one fenced block
/// marked `scenario` holds the scenario. The format is documented in `Lessons/README.md`.
public enum LessonParser {
    /// Every mistake found, each with its line; the lesson is nil when there is any.
    public static func parse(_ bytes: [UInt8], file: String) -> (lesson: Lesson?, errors: [LessonFormatError]) {
        let (lines, encoding) = SourceLines.split(bytes, file: file)
        if !encoding.isEmpty { return (nil, encoding) }
        let (header, headerErrors) = LessonHeader.parse(lines, file: file)
        if !headerErrors.isEmpty { return (nil, headerErrors) }
        var body = BodyReader(file: file)
        for line in lines[header.bodyStart...] { body.read(line) }
        body.finish(lastLine: lines.last?.number ?? 1)
        var errors = body.errors
        guard let id = header.id, let language = header.language, let title = header.title else { return (nil, errors) }
        guard let (start, scenarioLines) = body.scenario else {
            errors.append(LessonFormatError(file: file, line: lines[0].number, es: "no hay bloque ```scenario: toda lección ejecuta un escenario",
                                            en: "no ```scenario block: every lesson runs a scenario"))
            return (nil, errors)
        }
        var programs: LessonPrograms?
        var parsed: Scenario?
        if LessonPrograms.isPrograms(scenarioLines) {
            let (found, programErrors) = LessonPrograms.parse(scenarioLines, file: file, blockLine: start)
            errors += programErrors
            programs = found
            if found != nil { parsed = Scenario(id: id, actors: [], actions: []) }
        } else {
            let (scenario, scenarioErrors) = ScenarioParser.parse(scenarioLines, id: id, file: file, blockLine: start)
            errors += scenarioErrors
            parsed = scenario
        }
        if let parsed { errors += stepProblems(programs?.steps ?? parsed.steps, body.sections, scenarioLine: start, file: file) }
        guard errors.isEmpty, let scenario = parsed else { return (nil, errors) }
        let lesson = Lesson(id: id, number: header.number, language: language, title: title, summary: header.summary,
                            terms: header.terms, termsLine: header.termsLine, sections: body.sections, questions: body.questions.items,
                            scenario: scenario, programs: programs, source: file)
        return (lesson, [])
    }

    public static func parse(_ text: String, file: String) -> (lesson: Lesson?, errors: [LessonFormatError]) {
        parse(Array(text.utf8), file: file)
    }

    /// Every numbered step of the scenario has its section, and every step section its step.
    private static func stepProblems(_ steps: [Int], _ sections: [Lesson.Section], scenarioLine: Int,
                                     file: String) -> [LessonFormatError] {
        var errors: [LessonFormatError] = []
        let explained = sections.compactMap(\.stepNumber)
        for step in steps where !explained.contains(step) {
            errors.append(LessonFormatError(file: file, line: scenarioLine,
                                            es: "el paso \(step) está en el escenario pero ninguna sección '## Paso \(step)' lo explica",
                                            en: "step \(step) is in the scenario but no '## Step \(step)' section explains it"))
        }
        for section in sections {
            if let n = section.stepNumber, !steps.contains(n) {
                errors.append(LessonFormatError(file: file, line: section.line, es: "ninguna acción del escenario es el paso \(n)",
                                                en: "no action of the scenario is step \(n)"))
            }
        }
        return errors
    }
}

/// Reads the lines after the header, one at a time.
private struct BodyReader {
    let file: String
    var sections: [Lesson.Section] = []
    var questions: QuestionReader
    var errors: [LessonFormatError] = []
    /// The scenario block's opening line and its lines.
    var scenario: (Int, [NumberedLine])?
    private var fence: (line: Int, isScenario: Bool)?
    private var scenarioLines: [NumberedLine] = []

    init(file: String) {
        self.file = file
        self.questions = QuestionReader(file: file)
    }

    mutating func read(_ line: NumberedLine) {
        if sections.isEmpty { sections.append(Lesson.Section(kind: .introduction, title: nil, line: line.number)) }
        let trimmed = line.text.trimmed
        if let open = fence {
            if trimmed.hasPrefix("```") && trimmed.allSatisfy({ $0 == "`" }) {
                fence = nil
                if open.isScenario { scenario = (open.line, scenarioLines) } else { append(line.text) }
            } else if open.isScenario {
                scenarioLines.append(line)
            } else {
                append(line.text)
            }
            return
        }
        if trimmed.hasPrefix("```") {
            let info = TermKey.normalize(String(trimmed.dropFirst(3)))
            let isScenario = info == "scenario" || info == "escenario"
            if isScenario, let (first, _) = scenario {
                error(line.number, "un segundo bloque de escenario (el primero está en la línea \(first))",
                      "a second scenario block (the first is at line \(first))")
            }
            fence = (line.number, isScenario)
            if !isScenario { append(line.text) }
            return
        }
        if line.text.hasPrefix("## ") {
            startSection(String(line.text.dropFirst(3)).trimmed, line: line.number)
            return
        }
        switch sections[sections.count - 1].kind {
        case .questions:
            if let problem = questions.read(line) { error(problem.line, problem.text.es, problem.text.en) }
        case .step:
            if let terms = BodyReader.termsLine(trimmed) {
                sections[sections.count - 1].terms += terms
                sections[sections.count - 1].termsLine = line.number
            } else {
                append(line.text)
            }
        default:
            append(line.text)
        }
    }

    mutating func finish(lastLine: Int) {
        if let open = fence {
            error(open.line, "este bloque ``` no se cierra nunca", "this ``` block is never closed")
        }
        if let problem = questions.finish() { error(problem.line, problem.text.es, problem.text.en) }
        for index in sections.indices {
            while sections[index].body.last?.trimmed.isEmpty == true { sections[index].body.removeLast() }
            while sections[index].body.first?.trimmed.isEmpty == true { sections[index].body.removeFirst() }
        }
    }

    private mutating func startSection(_ heading: String, line: Int) {
        let words = heading.split(whereSeparator: { $0 == " " || $0 == "\t" })
        let first = words.first.map { TermKey.normalize(String($0)) } ?? ""
        if first == "step" || first == "paso" {
            let numberText = words.count > 1 ? String(words[1]).trimmingSuffix(":.") : ""
            guard numberText.count <= 3, let number = Int(numberText), number >= 1 else {
                error(line, "el título de un paso es '## Paso N' (o '## Step N') con un número",
                      "a step heading is '## Step N' (or '## Paso N') with a number")
                sections.append(Lesson.Section(kind: .text, title: heading, line: line))
                return
            }
            if let earlier = sections.first(where: { $0.stepNumber == number }) {
                error(line, "el paso \(number) ya se explica en la línea \(earlier.line)", "step \(number) is already explained at line \(earlier.line)")
            }
            let rest = words.dropFirst(2).joined(separator: " ").trimmingPrefix("·:.-—–").trimmed
            sections.append(Lesson.Section(kind: .step(number), title: rest.isEmpty ? nil : rest, line: line))
        } else if first.hasPrefix("question") || first.hasPrefix("pregunta") {
            if let earlier = sections.first(where: { $0.kind == .questions }) {
                error(line, "una segunda sección de preguntas (la primera está en la línea \(earlier.line))",
                      "a second questions section (the first is at line \(earlier.line))")
            }
            sections.append(Lesson.Section(kind: .questions, title: heading, line: line))
        } else {
            sections.append(Lesson.Section(kind: .text, title: heading, line: line))
        }
    }

    /// `terms: a, b` (or `términos: a, b`) names a step's glossary terms.
    static func termsLine(_ trimmed: String) -> [String]? {
        guard let colon = trimmed.prefix(10).firstIndex(of: ":") else { return nil }
        let key = TermKey.normalize(String(trimmed[..<colon]))
        guard key == "terms" || key == "terminos" else { return nil }
        return LessonHeader.list(String(trimmed[trimmed.index(after: colon)...]))
    }

    private mutating func append(_ text: String) { sections[sections.count - 1].body.append(text) }

    private mutating func error(_ line: Int, _ es: String, _ en: String) {
        errors.append(LessonFormatError(file: file, line: line, es: es, en: en))
    }
}

extension String {
    func trimmingSuffix(_ characters: String) -> String {
        var s = Substring(self)
        while let last = s.last, characters.contains(last) { s = s.dropLast() }
        return String(s)
    }

    func trimmingPrefix(_ characters: String) -> String {
        var s = Substring(self.trimmed)
        while let first = s.first, characters.contains(first) || first == " " { s = s.dropFirst() }
        return String(s)
    }
}
