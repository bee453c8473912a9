import TraceCore
import TracePrograms
import TraceText

/// What is wrong with a lesson or glossary file, and where: `file:line: what`, in both languages.
public struct LessonFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// From 1.
    public var line: Int
    public var text: Bilingual

    public init(file: String, line: Int, _ text: Bilingual) {
        self.file = file
        self.line = line
        self.text = text
    }

    public init(file: String, line: Int, es: String, en: String) {
        self.init(file: file, line: line, Bilingual(es: es, en: en))
    }

    /// What is wrong, in English.
    public var message: String { text.en }

    public var description: String { description(.en) }

    public func description(_ language: Language) -> String { "\(file):\(line): \(text[language])" }
}

/// One line of a text file with its number, from 1.
public struct NumberedLine: Sendable, Hashable {
    public var number: Int
    public var text: String

    public init(_ number: Int, _ text: String) {
        self.number = number
        self.text = text
    }
}

/// Splits a file into numbered lines, refusing what a terminal or a reader should never get:
/// invalid UTF-8 and control characters (a tab is fine). `\r\n` ends a line like `\n`.
enum SourceLines {
    static func split(_ bytes: [UInt8], file: String) -> (lines: [NumberedLine], errors: [LessonFormatError]) {
        var lines: [NumberedLine] = []
        var errors: [LessonFormatError] = []
        var number = 0
        for raw in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            var slice = raw[...]
            if slice.last == 0x0D { slice = slice.dropLast() }
            guard let text = String(validating: slice, as: UTF8.self) else {
                errors.append(LessonFormatError(file: file, line: number, es: "no es UTF-8 válido", en: "not valid UTF-8"))
                lines.append(NumberedLine(number, ""))
                continue
            }
            if let bad = text.unicodeScalars.first(where: isForbidden) {
                let code = String(bad.value, radix: 16, uppercase: true)
                let shown = "U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code)"
                errors.append(LessonFormatError(file: file, line: number, es: "carácter de control \(shown)", en: "control character \(shown)"))
                lines.append(NumberedLine(number, ""))
                continue
            }
            lines.append(NumberedLine(number, text))
        }
        if bytes.last == 0x0A { lines.removeLast() }
        return (lines, errors)
    }

    static func split(_ text: String, file: String) -> (lines: [NumberedLine], errors: [LessonFormatError]) {
        split(Array(text.utf8), file: file)
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x00..<0x20, 0x7F..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
