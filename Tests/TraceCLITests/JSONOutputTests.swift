import Foundation
import Testing
import TraceText
import TraceCore

@Suite("trace --json, end to end")
struct JSONOutputTests {
    @Test("prints the seed's events as JSON Lines that read back, steps 1 to 9, exit 0")
    func jsonLines() throws {
        let result = try Executable.run(["--json"])
        #expect(result.status == 0)
        #expect(result.errors.isEmpty)
        let events = try JSONLinesReader.events(from: result.outputBytes, source: "stdout")
        #expect(Set(events.compactMap(\.step)) == Set(1...9))
        #expect(events.filter { $0.phase == .done && $0.operation == .close }.count == 3)
        #expect(!result.outputBytes.contains(0x1B))
    }

    @Test("bad options: usage on stderr, exit 64, nothing on stdout", arguments: [
        ["--bogus"], ["--port", "70000"], ["--lang", "xx"], ["nonsense"], ["--port"],
    ])
    func badOptions(arguments: [String]) throws {
        let result = try Executable.run(arguments)
        #expect(result.status == 64)
        #expect(result.output.isEmpty)
        #expect(result.errors.hasPrefix("trace"))
        #expect(!result.errors.contains("Fatal error"))
    }
}
