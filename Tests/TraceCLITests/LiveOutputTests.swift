import Foundation
import Testing
import TraceText
import TraceCLI
import TraceCore

/// Keeps every write with the moment it happened.
final class TimedOutput: TextOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var writes: [(at: Date, text: String)] = []

    func write(_ text: String) {
        lock.lock()
        writes.append((Date(), text))
        lock.unlock()
    }

    /// When the line starting with step `n` was written.
    func moment(ofStep n: Int) -> Date? {
        lock.lock()
        defer { lock.unlock() }
        return writes.first { write in
            write.text.split(separator: "\n").contains { Int($0.prefix(3).filter { $0 != " " }) == n }
        }?.at
    }
}

@Suite("The diagram is drawn live")
struct LiveOutputTests {
    @Test("with --delay, each step is written when it happens, not at the end")
    func live() throws {
        let output = TimedOutput(), errors = StringOutput()
        let status = TraceCommand.run(["--delay", "40", "--lang", "en"],
                                      context: CommandContext(output: output, errors: errors))
        #expect(status == 0, "\(errors.text)")
        let first = try #require(output.moment(ofStep: 1))
        let last = try #require(output.moment(ofStep: 9))
        #expect(last.timeIntervalSince(first) >= 0.2, "steps 1 and 9 written \(last.timeIntervalSince(first)) s apart")
    }
}
