import TraceCore
import TraceModel
import TraceRender

/// A small deterministic random generator (SplitMix64), so a failing interleaving can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Array where Element == TraceEvent {
    /// The same events with `seq` renumbered in this order.
    func renumbered() -> [TraceEvent] {
        enumerated().map { i, e in
            var e = e
            e.seq = UInt64(i + 1)
            return e
        }
    }

    /// A random interleaving of the two actors' events that keeps each actor's own order and what
    /// the network forces across them: the client starts once the server listens, `accept` returns
    /// after `connect` started, a `recv` returns after the peer's send (or close) started.
    func interleaved(using generator: inout SeededGenerator) -> [TraceEvent] {
        var queues: [TraceEvent.Actor: ArraySlice<TraceEvent>] = [.client: filter { $0.actor == .client }[...],
                                                                   .server: filter { $0.actor == .server }[...]]
        var out: [TraceEvent] = []
        func happened(_ actor: TraceEvent.Actor, _ op: TraceEvent.Operation, _ phase: TraceEvent.Phase, step: Int? = nil) -> Bool {
            out.contains { $0.actor == actor && $0.operation == op && $0.phase == phase && (step == nil || $0.step == step) }
        }
        func mayGo(_ e: TraceEvent) -> Bool {
            switch (e.actor, e.operation, e.phase, e.step) {
            case (.client, _, _, _) where !happened(.server, .listen, .done): return false
            case (.server, .accept, .done, _): return happened(.client, .connect, .start)
            case (.server, .recv, .done, 4): return happened(.client, .sendall, .start, step: 3)
            case (.client, .recv, .done, 6): return happened(.server, .sendall, .start, step: 5)
            case (.server, .recv, .done, 9): return happened(.client, .close, .start, step: 8)
            default: return true
            }
        }
        while let choices = Optional(queues.keys.filter { queues[$0]!.first.map(mayGo) ?? false }.sorted { $0.rawValue < $1.rawValue }),
              !choices.isEmpty {
            let actor = choices[Int.random(in: 0..<choices.count, using: &generator)]
            out.append(queues[actor]!.removeFirst())
        }
        return out.renumbered()
    }
}

/// The step number a diagram line starts with, if any.
func stepNumber(of line: String) -> Int? {
    Int(String(line.prefix(3)).trimmed(" "))
}

extension String {
    func trimmed(_ set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
