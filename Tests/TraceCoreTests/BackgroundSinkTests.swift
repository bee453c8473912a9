import Foundation
import Testing
import TraceText
import TraceCore

@Suite("BackgroundSink and BufferedOutput: events passed on in order, off the emitting threads")
struct BackgroundSinkTests {
    func event(_ seq: UInt64) -> TraceEvent { TraceEvent(seq: seq, time: seq, phase: .instant, actor: .server, operation: .note) }

    @Test("every event arrives, in the order received, and drain waits for the last one and its flush")
    func orderAndDrain() {
        let memory = MemorySink()
        let flushes = Flushes()
        let sink = BackgroundSink(memory, capacity: 64) { flushes.count += 1 }
        for seq in 1...10_000 { sink.receive(event(UInt64(seq))) }
        sink.drain()
        #expect(memory.events.map(\.seq) == (1...10_000).map { UInt64($0) })
        #expect(flushes.count >= 1)
        sink.close()
        sink.receive(event(10_001))
        #expect(memory.count == 10_000)
    }

    @Test("buffered text reaches the output only at flush, in one piece")
    func buffered() {
        let target = CountingOutput()
        let buffered = BufferedOutput(target)
        buffered.write("a\n")
        buffered.write("b\n")
        #expect(target.writes.isEmpty)
        buffered.flush()
        buffered.flush()
        #expect(target.writes == ["a\nb\n"])
    }
}

final class Flushes: @unchecked Sendable {
    var count = 0
}

final class CountingOutput: TextOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func write(_ text: String) { lock.lock(); stored.append(text); lock.unlock() }
    var writes: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}
