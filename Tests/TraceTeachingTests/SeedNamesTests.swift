import Testing
import TracePrograms
import TraceText
@testable import TraceTeaching

@Suite("The demo's legend, read from names and terms lines alone, is the one the parsers give")
struct SeedNamesTests {
    static let library = LessonLibrary.builtIn.library

    @Test("every built-in lesson's terms by step are those of its parsed steps")
    func stepTerms() throws {
        let library = try #require(SeedNamesTests.library)
        for file in EmbeddedLessons.files where file.name != "glossary.md" {
            let lesson = try #require(library.lessons.first { $0.source == file.name })
            let parsed = Dictionary(lesson.steps.compactMap { s in s.stepNumber.map { ($0, s.terms) } }, uniquingKeysWith: +)
            #expect(LessonStepTerms.read(file.lines) == parsed, "\(file.name)")
        }
    }

    @Test("the names alone name every term, by any of its keys, as the whole glossary does")
    func names() throws {
        let glossary = try #require(SeedNamesTests.library?.glossary)
        let file = try #require(EmbeddedLessons.files.first { $0.name == "glossary.md" })
        let names = GlossaryNames(lines: file.lines)
        for entry in glossary.entries {
            for term in entry.keys + [entry.id, entry.name.es, entry.name.en] + entry.aliases {
                for language in Language.allCases {
                    #expect(names.name(of: term, in: language) == glossary.name(of: term, in: language), "\(term)")
                }
            }
        }
        #expect(names.name(of: "no such term", in: .es) == "no such term")
    }

    @Test("the seed's legend, in each language, is the one from the parsed glossary and lesson 1", arguments: Language.allCases)
    func seedLegend(language: Language) throws {
        let library = try #require(SeedNamesTests.library)
        let lesson = try #require(library.lesson("1", language: .en))
        let parsed = Dictionary(lesson.steps.compactMap { s in s.stepNumber.map { ($0, s.terms) } }, uniquingKeysWith: +)
        let seed = Scenario.seed(message: "", reply: "")
        let expected = StepTerms(glossary: library.glossary, lessonTerms: parsed).legend(for: seed, language: language)
        let fast = StepTerms.seedNames.legend(for: seed, language: language)
        #expect(fast.map(\.step) == expected.map(\.step))
        #expect(fast.map(\.names) == expected.map(\.names))
    }

    @Test("keys: ASCII byte by byte and accented letters by their switch, as the Unicode rules give them")
    func keys() {
        let accented: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"),
            ("ŕŗř", "r"), ("śŝşšș", "s"), ("ţťŧț", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ]
        for (letters, plain) in accented {
            for letter in letters {
                #expect(TermKey.normalize(String(letter)) == plain, "\(letter)")
                let upper = String(letter).uppercased()  // ŉ's is two letters, ʼN
                if upper.unicodeScalars.count == 1 { #expect(TermKey.normalize(upper) == plain, "\(upper)") }
            }
        }
        #expect(TermKey.normalize(" (Three)-way__Handshake / SYN\t") == "three way handshake syn")
        #expect(TermKey.normalize("") == "")
        #expect(TermKey.normalize("-/ _") == "")
    }

    @Test("trimming and blank lines: the byte path agrees with Character's whitespace")
    func trimming() {
        for text in ["  a b  ", "\t\r\n x", "x", "", "   ", " \u{301}x ", "x \u{A0}", "\u{A0}", "\u{2003}y\u{2003}", "\r\n", "é "] {
            var s = Substring(text)
            while let f = s.first, f.isWhitespace { s = s.dropFirst() }
            while let l = s.last, l.isWhitespace { s = s.dropLast() }
            #expect(text.trimmed == String(s), "\(Array(text.unicodeScalars))")
            #expect(text.isBlank == text.allSatisfy(\.isWhitespace), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("splitting on an ASCII separator: the byte path agrees with Character's split")
    func splitting() {
        for text in ["a, b,c", ",,a,,", "", ",", "número de puerto, port number", "a,\u{301}b", "\u{600},x", "é,ñ , ü", "x|y", "a,\r\n,b"] {
            #expect(text.splitting(on: ",") == text.split(separator: ","), "\(Array(text.unicodeScalars))")
            #expect(text.splitting(on: "|") == text.split(separator: "|"), "\(Array(text.unicodeScalars))")
        }
    }
}
