import Testing
@testable import TraceSockets
import TraceCore
import SocketTracing

@Suite("sendall")
struct SendAllTests {
    @Test("the loop goes on after partial sends and counts every send() call")
    func partialSends() {
        var offered: [Range<Int>] = []
        let progress = SendAllProgress.run(count: 10) { range in
            offered.append(range)
            return .success(min(3, range.count))
        }
        #expect(progress.sent == 10)
        #expect(progress.calls == 4)
        #expect(offered == [0..<10, 3..<10, 6..<10, 9..<10])
        #expect(progress.error == nil)
    }

    @Test("a failure stops the loop and keeps what was sent")
    func failureMidway() {
        var calls = 0
        let progress = SendAllProgress.run(count: 10) { _ in
            calls += 1
            return calls == 1 ? .success(4) : .failure(.brokenPipe)
        }
        #expect(progress.sent == 4)
        #expect(progress.calls == 2)
        #expect(progress.error == .brokenPipe)
    }

    @Test("a send that takes nothing ends the loop instead of spinning")
    func zeroProgress() {
        let progress = SendAllProgress.run(count: 5) { _ in .success(0) }
        #expect(progress.calls == 1)
        #expect(progress.error != nil)
    }

    @Test("8 MiB arrive complete and in order, and the event counts bytes and send() calls")
    func bigTransfer() throws {
        let (tracer, sink) = makeTracer()
        let (client, server, listener) = try makePair(observer: tracer.lane(.client))
        let size = 8 << 20
        let payload = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        let reader = Background { () -> [UInt8] in
            var all: [UInt8] = []
            for _ in 0..<100_000 {
                let chunk = try server.withDeadline(.seconds(10)) { () throws(SocketError) in try server.receive(upTo: 1 << 16) }
                if chunk.isEmpty { break }
                all += chunk
            }
            return all
        }
        let calls = try client.sendAll(payload)
        try client.shutdown(.write)
        let received = try reader.value()
        #expect(received.count == size)
        #expect(received == payload)
        let done = try #require(sink.events.last { $0.operation == .sendall && $0.phase == .done })
        #expect(done.bytes == size)
        #expect(done.requestedBytes == size)
        #expect(done.sendCalls == calls)
        #expect(calls >= 1)
        for s in [client, server, listener] { try s.close() }
    }
}
