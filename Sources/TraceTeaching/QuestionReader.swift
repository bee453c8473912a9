import TraceCore
import TraceText
import TracePrograms
/// Reads a lesson's questions section: `1. question` (continued on the next lines if long), then its
/// answer on lines that start with `>`. Answers are shown only on request.
struct QuestionReader {
    let file: String
    private(set) var items: [Lesson.Question] = []
    private var current: (line: Int, question: [String], answer: [String])?

    init(file: String) { self.file = file }

    /// Reads one line of the section; returns what is wrong, and where.
    mutating func read(_ line: NumberedLine) -> (line: Int, text: Bilingual)? {
        let text = line.text.trimmed
        if text.isEmpty { return nil }
        if let question = QuestionReader.numbered(text) {
            let problem = flush()
            current = (line.number, [question], [])
            return problem
        }
        if text.hasPrefix(">") {
            guard current != nil else {
                return (line.number, Bilingual(es: "una respuesta ('>') sin pregunta numerada antes", en: "an answer ('>') with no numbered question before it"))
            }
            current?.answer.append(String(text.dropFirst()).trimmed)
            return nil
        }
        guard current?.answer.isEmpty == true else {
            return (line.number, Bilingual(es: "se espera una pregunta numerada (1. ...) o su respuesta en líneas que empiezan por '>'",
                                           en: "expected a numbered question (1. ...) or its answer on lines starting with '>'"))
        }
        current?.question.append(text)
        return nil
    }

    /// Ends the section; reports a last question with no answer.
    mutating func finish() -> (line: Int, text: Bilingual)? { flush() }

    private mutating func flush() -> (line: Int, text: Bilingual)? {
        guard let open = current else { return nil }
        current = nil
        guard open.answer.contains(where: { !$0.isEmpty }) else {
            return (open.line, Bilingual(es: "esta pregunta no tiene respuesta: añade debajo líneas que empiecen por '>'",
                                         en: "this question has no answer: add lines starting with '>' below it"))
        }
        let answer = open.answer.split(separator: "", omittingEmptySubsequences: true)
            .map { $0.joined(separator: " ") }.joined(separator: "\n")
        items.append(Lesson.Question(question: open.question.joined(separator: " "), answer: answer, line: open.line))
        return nil
    }

    /// The question's text when `text` is `N. text` or `N) text`.
    static func numbered(_ text: String) -> String? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard (1...3).contains(digits.count) else { return nil }
        let rest = text.dropFirst(digits.count)
        guard let mark = rest.first, mark == "." || mark == ")" else { return nil }
        let question = String(rest.dropFirst()).trimmed
        return question.isEmpty ? nil : question
    }
}
