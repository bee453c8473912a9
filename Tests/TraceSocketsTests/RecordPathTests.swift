import Foundation
import Synchronization
import Testing
import TraceCore
import TraceSockets
import TraceText
import SocketTracing

@Suite("Records on the hot path, events off it: the same events, in order, none lost")
struct RecordPathTests {
    @Test("a payload's preview from its raw first bytes is what escaping the whole payload gives")
    func previewOfPrefix() {
        let payloads: [[UInt8]] = [
            [], Array("Hola, servidor".utf8), Array(repeating: 0x61, count: 96), Array(repeating: 0x61, count: 97),
            Array(repeating: 0x61, count: 95) + Array("ñ".utf8), Array(repeating: 0x61, count: 95) + Array("日本".utf8),
            Array("\u{1B}[31m".utf8) + [0, 0xFF, 0xC3] + Array("\u{202E}ñandú 😀 \"q\"".utf8),
            Array(String(repeating: "La respuesta larga ", count: 16).utf8.prefix(300)), [0xE6, 0x97],
        ]
        for payload in payloads {
            for limit in [0, 3, 16, 95, 96] {
                let fromPrefix = payload.withUnsafeBytes { PayloadPrefix($0, limit: limit).preview }
                let whole = payload.isEmpty ? nil : SafeText.escape(payload, limit: limit)
                #expect(fromPrefix == whole, "\(payload.count) bytes, limit \(limit)")
            }
        }
    }

    @Test("the same calls through a deferred tracer and an immediate one give the same events")
    func deferredEqualsImmediate() throws {
        func trace(_ delivery: Tracer.Delivery) throws -> [TraceEvent] {
            let sink = MemorySink()
            let tracer = Tracer(sink: sink, header: TraceHeader(source: .builtIn, command: "test", traced: [.client, .server]),
                                delivery: delivery)
            let (client, server, listener) = try makePair(observer: tracer.lane(.client))
            try client.sendAll("hola, \u{1B}[2J servidor")
            _ = try server.withDeadline(.seconds(5)) { () throws(SocketError) in try server.receive(upTo: 64) }
            try client.close()
            _ = try server.withDeadline(.seconds(5)) { () throws(SocketError) in try server.receive(upTo: 64) }
            #expect(throws: SocketError.self) { try client.setOption(.noDelay) }
            for s in [server, listener] { try s.close() }
            tracer.flush()
            return sink.events
        }
        func comparable(_ events: [TraceEvent]) -> [TraceEvent] {
            events.map { e in
                var e = e
                e.time = 0
                e.duration = e.duration.map { _ in 0 }
                if e.header != nil { e.header!.clock = nil }
                e.tcp = e.tcp.map { TraceEvent.KernelView(state: $0.state, acceptQueue: $0.acceptQueue, backlog: $0.backlog) }
                return e
            }
        }
        let now = try trace(.immediate), later = try trace(.deferred)
        #expect(now.count == later.count && now.count > 20)
        // Ports differ from run to run, and so do descriptor numbers (the tests beside this one open theirs
        // in the same process): compare what does not depend on them, each descriptor by its first appearance.
        func shapes(_ events: [TraceEvent]) -> [String] {
            var order: [Int32: Int] = [:]
            return events.map { e in
                let fd = e.fd.map { fd in order[fd] ?? { order[fd] = order.count; return order.count - 1 }() } ?? -1
                return "\(e.seq) \(e.phase) \(e.actor) \(e.operation) \(fd) \(e.bytes ?? -1) \(e.preview ?? "") \(e.error?.name ?? "") \(e.callID ?? 0)"
            }
        }
        #expect(shapes(comparable(now)) == shapes(comparable(later)))
        #expect(later.contains { $0.preview == "hola, \\x1b[2J servidor" })
    }

    @Test("four threads emitting 20,000 records each through a small ring: every one delivered, in seq order, each thread's in its own order")
    func manyThreads() throws {
        let sink = MemorySink(reservingCapacity: 80_001)
        let tracer = Tracer(sink: sink, header: TraceHeader(source: .builtIn, command: "test", traced: [.client, .server]),
                            delivery: .deferred(capacity: 256))
        let threads = (0..<4).map { t in
            BlockingThread<Void> {
                let lane = tracer.lane(t % 2 == 0 ? .client : .server, connection: t, kernelView: .never)
                var start = SocketCallStart(operation: .recv, fd: Int32(t))
                start.requestedBytes = 10
                for i in 0..<20_000 {
                    var done = SocketCallDone(start: start)
                    done.time = UInt64(i)
                    done.transferredBytes = i
                    lane.callFinished(done)
                }
            }
        }
        for thread in threads { try thread.join(timeout: .seconds(60)) }
        tracer.flush()
        let events = sink.events
        #expect(events.count == 1 + 80_000)
        #expect(events.map(\.seq) == (1...UInt64(events.count)).map { $0 })
        for t in 0..<4 {
            let mine = events.filter { $0.connection == t }.map { $0.bytes ?? -1 }
            #expect(mine == Array(0..<20_000), "thread \(t)")
        }
    }
}

extension RecordPathTests {
    @Test("a socket record fits a ring slot of 128 bytes, what goes beside it the slot's tail")
    func recordSize() {
        #expect(SocketTracingSizes.record <= 112, "\(SocketTracingSizes.record) bytes: a ring slot holds 112 beside its decoder and its seq")
        #expect(SocketTracingSizes.tail <= Tracer.recordTailBytes, "\(SocketTracingSizes.tail) bytes beside it")
        print("SocketRecord: \(SocketTracingSizes.record) bytes, TCPInfo: \(SocketTracingSizes.tcp), PackedAddress: \(SocketTracingSizes.address)")
    }
}
