import Testing
import TracePrograms
import TraceModel
import TraceText
@testable import TraceTeaching

/// Garbage and damaged files never crash the parsers: they give a value, or errors that point at a
/// line of the file.
@Suite("Lesson and glossary parsers under garbage")
struct FormatFuzzTests {
    /// A small deterministic generator (SplitMix64), so a failure can be replayed.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    /// Pieces that mean something to the parsers, so that garbage reaches deep into them.
    static let pieces: [String] = [
        "---\n", "id: x\n", "lang: es\n", "title: t\n", "## Step 1\n", "## Paso 2 ·\n", "## Preguntas\n", "1. q?\n", "> a\n",
        "```scenario\n", "```\n", "server  socket\n", "server  listen 5\n", "client  connect server  step 1\n",
        "client  sendall \"a\\x\" * 9\n", "terms: a, b\n", "## port\n", "name: a | b\n", "es: x\n", "en: y\n", "  more\n",
        " after ", " as l", " step 99999999999999999999", "\"", "\\", "#", "\u{1B}", "\u{0}", "ñ", "\r\n", "\n", ":", "|", "*",
    ]

    func check(_ errors: [LessonFormatError], of text: [UInt8], _ hasValue: Bool) {
        let lines = text.split(separator: 0x0A, omittingEmptySubsequences: false).count
        #expect(hasValue || !errors.isEmpty)
        #expect(!hasValue || errors.isEmpty)
        for error in errors {
            #expect(error.line >= 1 && error.line <= max(lines, 1), "\(error) in a file of \(lines) lines")
            #expect(!error.text.es.isEmpty && !error.text.en.isEmpty)
        }
    }

    func parseAll(_ bytes: [UInt8]) {
        let lesson = LessonParser.parse(bytes, file: "f.md")
        check(lesson.errors, of: bytes, lesson.lesson != nil)
        let glossary = GlossaryParser.parse(bytes, file: "f.md")
        check(glossary.errors, of: bytes, glossary.glossary != nil)
        if let text = String(validating: bytes, as: UTF8.self) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .map { NumberedLine($0.offset + 1, String($0.element)) }
            let scenario = ScenarioParser.parse(lines, id: "f", file: "f.md")
            check(scenario.errors, of: bytes, scenario.scenario != nil)
        }
    }

    @Test("random bytes and random meaningful pieces")
    func garbage() {
        var random = Random(state: 20_251_125)
        for round in 0..<1500 {
            var bytes: [UInt8] = []
            let count = random.below(300)
            if round % 2 == 0 {
                for _ in 0..<count { bytes.append(UInt8(truncatingIfNeeded: random.next())) }
            } else {
                for _ in 0..<(count / 8) { bytes += Array(FormatFuzzTests.pieces[random.below(FormatFuzzTests.pieces.count)].utf8) }
            }
            parseAll(bytes)
        }
    }

    @Test("the real lessons and glossary, damaged: lines dropped, doubled, swapped, cut, or garbled")
    func damagedFiles() throws {
        var random = Random(state: 7)
        let files = try LessonFiles.all().filter { $0.name != "README.md" }
        for file in files {
            for _ in 0..<40 {
                var lines = file.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                for _ in 0...random.below(3) {
                    let i = random.below(lines.count)
                    switch random.below(5) {
                    case 0: lines.remove(at: i)
                    case 1: lines.insert(lines[i], at: i)
                    case 2: lines.swapAt(i, random.below(lines.count))
                    case 3: lines[i] = String(lines[i].prefix(random.below(lines[i].count + 1)))
                    default: lines[i] += FormatFuzzTests.pieces[random.below(FormatFuzzTests.pieces.count)]
                    }
                    if lines.isEmpty { lines = [""] }
                }
                parseAll(Array(lines.joined(separator: "\n").utf8))
            }
        }
    }
}
