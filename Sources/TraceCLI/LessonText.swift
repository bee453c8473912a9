import TracePrograms
import TraceText
import TraceCore
import TraceRender
import TraceTeaching

/// A lesson as the learner reads it in a terminal: its Markdown with paragraphs wrapped to the width,
/// headings in bold (when coloured) and underlined, each step's glossary terms named, the questions at
/// the end; folded to ASCII when asked.
enum LessonText {
    static func list(_ lessons: [Lesson], style: DiagramStyle) -> String {
        var lines = [StyledLine(style.language.pick(es: "Lecciones (trace lesson N; --no-run solo las lee)",
                                                    en: "Lessons (trace lesson N; --no-run just reads them)"), .heading), StyledLine()]
        let idWidth = lessons.map { DisplayWidth.of($0.id) }.max() ?? 0
        for lesson in lessons {
            let number = lesson.number.map { String($0) } ?? "-"
            let left = String(repeating: " ", count: max(0, 3 - number.count)) + number + "  " + lesson.id
                + String(repeating: " ", count: idWidth - DisplayWidth.of(lesson.id) + 2)
            lines.append(StyledLine(left + DisplayWidth.truncate(lesson.title, to: max(10, style.width - DisplayWidth.of(left)), ellipsis: "…")))
            if let summary = lesson.summary {
                let indent = String(repeating: " ", count: DisplayWidth.of(left))
                lines += plain(Wrap.lines(summary, width: style.width, first: indent, rest: indent))
            }
        }
        return render(lines, style)
    }

    /// The title and every section but the questions.
    static func body(_ lesson: Lesson, glossary: Glossary, style: DiagramStyle) -> String {
        let l = lesson.language
        let title = (lesson.number.map { l.pick(es: "Lección \($0) · ", en: "Lesson \($0) · ") } ?? "") + lesson.title
        var lines = heading(title, "=", style) + [StyledLine()]
        for section in lesson.sections {
            switch section.kind {
            case .questions: continue
            case .text where section.body.isEmpty: continue
            case .introduction: break
            case .text: lines += heading(section.title ?? "", "-", style)
            case .step(let n):
                lines += heading(l.pick(es: "Paso \(n)", en: "Step \(n)") + (section.title.map { " · \($0)" } ?? ""), "-", style)
                let terms = section.terms.map { glossary.exact($0)?.name[l] ?? $0 }
                if !terms.isEmpty {
                    lines += plain(Wrap.lines(l.pick(es: "Términos: ", en: "Terms: ") + terms.joined(separator: ", "),
                                              width: style.width, first: "", rest: "  "))
                }
            }
            lines += plain(markdown(section.body, width: style.width) + [""])
        }
        return render(lines, style)
    }

    /// The questions, with their answers or a line saying how to see them.
    static func questions(_ lesson: Lesson, answers: Bool, reference: String, style: DiagramStyle) -> String {
        guard !lesson.questions.isEmpty else { return "" }
        let l = lesson.language
        var lines = heading(l.pick(es: "Preguntas", en: "Questions"), "-", style)
        for (i, q) in lesson.questions.enumerated() {
            let number = "\(i + 1). "
            lines += plain(Wrap.lines(q.question, width: style.width, first: number, rest: "   "))
            if answers {
                for paragraph in q.answer.split(separator: "\n") {
                    lines += plain(Wrap.lines(String(paragraph), width: style.width, first: "   > ", rest: "     "))
                }
            }
        }
        if !answers {
            lines += plain(["", l.pick(es: "(Las respuestas: trace lesson \(reference) --answers)",
                                       en: "(The answers: trace lesson \(reference) --answers)")])
        }
        return render(lines, style)
    }

    static func json(_ lesson: Lesson, glossary: Glossary) -> JSONValue {
        var members: [(String, JSONValue)] = [("id", .string(lesson.id))]
        if let n = lesson.number { members.append(("number", .integer(n))) }
        members += [("lang", .string(lesson.language.rawValue)), ("title", .string(lesson.title))]
        if let s = lesson.summary { members.append(("summary", .string(s))) }
        members.append(("terms", .array(glossary.terms(of: lesson).map { .string($0.id) })))
        members.append(("steps", .array(lesson.steps.compactMap { section in
            section.stepNumber.map { n in
                .object([("step", .integer(n)), ("title", .string(section.title ?? "")),
                         ("text", .string(section.body.joined(separator: "\n"))),
                         ("terms", .array(glossary.terms(forStep: n, lesson: lesson).map { .string($0.id) }))])
            }
        })))
        members.append(("questions", .array(lesson.questions.map {
            .object([("question", .string($0.question)), ("answer", .string($0.answer))])
        })))
        return .object(members)
    }

    /// Markdown for a terminal: paragraphs joined and wrapped; lists, quotes, tables and code kept
    /// line by line (code indented); `###` headings without their marks.
    static func markdown(_ body: [String], width: Int) -> [String] {
        var out: [String] = []
        var paragraph: [String] = []
        var inCode = false
        func flush() {
            if !paragraph.isEmpty { out += Wrap.lines(paragraph.joined(separator: " "), width: width, first: "", rest: "") }
            paragraph = []
        }
        for line in body {
            let trimmed = line.trimmingSpaces()
            if trimmed.hasPrefix("```") {
                flush()
                inCode.toggle()
            } else if inCode {
                out.append("    " + line)
            } else if trimmed.isEmpty {
                flush()
                if out.last?.isEmpty == false { out.append("") }
            } else if trimmed.hasPrefix("#") {
                flush()
                out.append(String(trimmed.drop { $0 == "#" }).trimmingSpaces())
            } else if isOwnLine(line) {
                flush()
                out.append(line)
            } else {
                paragraph.append(trimmed)
            }
        }
        flush()
        while out.last?.isEmpty == true { out.removeLast() }
        return out
    }

    private static func isOwnLine(_ line: String) -> Bool {
        let trimmed = line.trimmingSpaces()
        if line.hasPrefix("    ") || line.hasPrefix("\t") { return true }
        if ["- ", "* ", "> ", "|"].contains(where: { trimmed.hasPrefix($0) }) { return true }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        return !digits.isEmpty && (trimmed.dropFirst(digits.count).hasPrefix(". ") || trimmed.dropFirst(digits.count).hasPrefix(") "))
    }

    /// A heading in bold (when coloured) over a rule as wide as its text.
    private static func heading(_ text: String, _ rule: String, _ style: DiagramStyle) -> [StyledLine] {
        let lines = Wrap.lines(text, width: style.width, first: "", rest: "")
        let ruleWidth = min(style.width, lines.map { DisplayWidth.of($0) }.max() ?? 0)
        return lines.map { StyledLine($0, .heading) } + [StyledLine(String(repeating: rule, count: ruleWidth))]
    }

    private static func plain(_ lines: [String]) -> [StyledLine] { lines.map { StyledLine($0) } }

    /// The lines in the style: toned when coloured, folded to ASCII when asked.
    private static func render(_ lines: [StyledLine], _ style: DiagramStyle) -> String {
        lines.map(style.text(of:)).joined(separator: "\n") + "\n"
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
