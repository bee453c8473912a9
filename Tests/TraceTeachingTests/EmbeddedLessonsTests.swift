import Foundation
import Testing
import TracePrograms
import TraceModel
import TraceText
@testable import TraceTeaching

@Suite("The lessons built into trace are an exact copy of Lessons/")
struct EmbeddedLessonsTests {
    static var generatedFile: URL {
        LessonFiles.directory.deletingLastPathComponent()
            .appendingPathComponent("Sources/TraceTeaching/EmbeddedLessons.swift")
    }

    /// What is embedded: every file of `Lessons/` but its README (the format's documentation).
    static func lessonFiles() throws -> [SourceFile] {
        try LessonFiles.all().filter { $0.name != "README.md" }
    }

    @Test("EmbeddedLessons.swift is what Lessons/ generates, and the compiled copy has the same files")
    func upToDate() throws {
        let files = try EmbeddedLessonsTests.lessonFiles()
        let expected = EmbeddedLessonsGenerator.source(for: files.map { ($0.name, $0.text) })
        if ProcessInfo.processInfo.environment["TRACE_UPDATE_EMBEDDED"] == "1" {
            try Data(expected.utf8).write(to: EmbeddedLessonsTests.generatedFile)
            return
        }
        let current = (try? String(contentsOf: EmbeddedLessonsTests.generatedFile, encoding: .utf8)) ?? ""
        let sourceMatches = current == expected
        #expect(sourceMatches, "Sources/TraceTeaching/EmbeddedLessons.swift differs from Lessons/: run \(EmbeddedLessonsGenerator.command)")
        let compiledMatches = EmbeddedLessons.files == files
        #expect(compiledMatches, "the compiled copy differs from Lessons/: run \(EmbeddedLessonsGenerator.command), then build")
    }

    @Test("the generator's literals round-trip any text, quotes, backslashes and tabs included")
    func literals() {
        for text in ["plain", "a \"quoted\" \\ back\\slash", "tab\there", "\\(not interpolated)", "#\"raw\"#", "ñandú €", ""] {
            let literal = EmbeddedLessonsGenerator.literal(text)
            #expect(literal.hasPrefix("\"") && literal.hasSuffix("\""))
            #expect(!literal.dropFirst().dropLast().contains("\n"))
            #expect(Self.unescape(literal) == text)
        }
    }

    @Test("the built-in library loads without errors and is the same as Lessons/")
    func builtInLoads() throws {
        if ProcessInfo.processInfo.environment["TRACE_UPDATE_EMBEDDED"] == "1" { return }
        let (library, errors) = LessonLibrary.builtIn
        #expect(errors.isEmpty, "\(errors)")
        let disk = try LessonFiles.library()
        let sameLessons = library?.lessons == disk.lessons
        let sameGlossary = library?.glossary.entries == disk.glossary.entries
        #expect(sameLessons && sameGlossary, "run \(EmbeddedLessonsGenerator.command), then build")
    }

    /// Reads back the escapes the generator writes.
    static func unescape(_ literal: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = Array(literal.unicodeScalars.dropFirst().dropLast())[...]
        while let s = scalars.popFirst() {
            guard s == "\\", let e = scalars.popFirst() else { out.append(s); continue }
            switch e {
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "n": out.append("\n")
            default: out.append(e)
            }
        }
        return String(out)
    }
}
