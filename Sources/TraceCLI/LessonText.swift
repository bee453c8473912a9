import TraceEvents
import TraceRender
import TraceTeaching

/// A lesson as the learner reads it in a terminal: its Markdown with paragraphs wrapped to the width,
/// headings underlined, each step's glossary terms named; the questions at the end.
enum LessonText {
    static func list(_ lessons: [Lesson], _ l: Language, width: Int) -> String {
        var out = l.pick(es: "Lecciones (trace lesson N; --no-run solo las lee)\n\n", en: "Lessons (trace lesson N; --no-run just reads them)\n\n")
        let idWidth = lessons.map { DisplayWidth.of($0.id) }.max() ?? 0
        for lesson in lessons {
            let number = lesson.number.map { String($0) } ?? "-"
            let left = String(repeating: " ", count: max(0, 3 - number.count)) + number + "  " + lesson.id
                + String(repeating: " ", count: idWidth - DisplayWidth.of(lesson.id) + 2)
            out += left + DisplayWidth.truncate(lesson.title, to: max(10, width - DisplayWidth.of(left)), ellipsis: "…") + "\n"
            if let summary = lesson.summary {
                let indent = String(repeating: " ", count: DisplayWidth.of(left))
                out += Wrap.lines(summary, width: max(20, width), first: indent, rest: indent)
                    .joined(separator: "\n") + "\n"
            }
        }
        return out
    }

    /// The title and every section but the questions.
    static func body(_ lesson: Lesson, glossary: Glossary, width: Int) -> String {
        let l = lesson.language
        let title = (lesson.number.map { l.pick(es: "Lección \($0) · ", en: "Lesson \($0) · ") } ?? "") + lesson.title
        var lines = [title, String(repeating: "=", count: min(width, DisplayWidth.of(title))), ""]
        for section in lesson.sections {
            switch section.kind {
            case .questions: continue
            case .text where section.body.isEmpty: continue
            case .introduction: break
            case .text: lines += heading(section.title ?? "", width: width)
            case .step(let n):
                lines += heading(l.pick(es: "Paso \(n)", en: "Step \(n)") + (section.title.map { " · \($0)" } ?? ""), width: width)
                let terms = section.terms.map { glossary.exact($0)?.name[l] ?? $0 }
                if !terms.isEmpty {
                    lines += Wrap.lines(l.pick(es: "Términos: ", en: "Terms: ") + terms.joined(separator: ", "), width: width,
                                           first: "", rest: "  ")
                }
            }
            lines += markdown(section.body, width: width) + [""]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The questions, with their answers or a line saying how to see them.
    static func questions(_ lesson: Lesson, answers: Bool, reference: String, width: Int) -> String {
        guard !lesson.questions.isEmpty else { return "" }
        let l = lesson.language
        var lines = heading(l.pick(es: "Preguntas", en: "Questions"), width: width)
        for (i, q) in lesson.questions.enumerated() {
            let number = "\(i + 1). "
            lines += Wrap.lines(q.question, width: width, first: number, rest: "   ")
            if answers {
                for paragraph in q.answer.split(separator: "\n") {
                    lines += Wrap.lines(String(paragraph), width: width, first: "   > ", rest: "     ")
                }
            }
        }
        if !answers {
            lines += ["", l.pick(es: "(Las respuestas: trace lesson \(reference) --answers)",
                                 en: "(The answers: trace lesson \(reference) --answers)")]
        }
        return lines.joined(separator: "\n") + "\n"
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
            if !paragraph.isEmpty {
                out += Wrap.lines(paragraph.joined(separator: " "), width: width, first: "", rest: "")
            }
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

    private static func heading(_ text: String, width: Int) -> [String] {
        [text, String(repeating: "-", count: min(width, DisplayWidth.of(text)))]
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
