import TraceCore
import TraceText

/// One TCP segment seen on the wire during a walkthrough stop, as its card names it.
public struct ObservedSegment: Sendable, Hashable {
    /// Monotonic nanoseconds (the clock of `MonotonicClock`) when the kernel saw it.
    public var time: UInt64
    public var flags: TCPFlags
    public var payloadLength: Int
    /// The side whose socket sent it, when the trace says.
    public var sender: TraceEvent.Actor?
    /// Whether it travelled while one of the stop's calls ran (the diagram draws it under that call).
    public var duringCall: Bool

    public init(time: UInt64, flags: TCPFlags, payloadLength: Int, sender: TraceEvent.Actor?, duringCall: Bool) {
        self.time = time
        self.flags = flags
        self.payloadLength = payloadLength
        self.sender = sender
        self.duringCall = duringCall
    }
}

/// Where a walkthrough learns which segments crossed the wire: the packets captured (`--packets`).
public protocol SegmentWitness: Sendable {
    /// The segments seen between two monotonic instants (both included), in time order, every one the
    /// capture has by now.
    func segments(between start: UInt64, and end: UInt64) -> [ObservedSegment]
}

extension SegmentWitness {
    /// The note on what crossed the wire from `start` until now, for a stop of `actor`'s `calls`.
    func note(step: Int?, actor: TraceEvent.Actor, calls: [String], since start: UInt64, language: Language) -> StepSegments? {
        StepSegments.make(step: step, actor: actor, calls: calls, segments: segments(between: start, and: MonotonicClock.now()),
                          language: language)
    }
}

/// What the segments of one stop were, for the line after its calls: "Before connect() returned, the
/// kernel sent SYN, received SYN-ACK and sent ACK: 3 segments in 38 µs." Data and words; the screen
/// decides how it looks.
public struct StepSegments: Sendable, Hashable {
    public var step: Int?
    /// The stop's last call that can make segments travel (`connect()`, `recv()`).
    public var call: String
    /// The segments, in time order.
    public var segments: [ObservedSegment]
    /// The sentence, in the walkthrough's language.
    public var text: String

    /// The segments of a stop whose side is `actor` and whose calls are `calls` (`connect()`...); nil for a
    /// stop of calls that put nothing on the wire (`socket()`, `bind()`, a `print`).
    static func make(step: Int?, actor: TraceEvent.Actor, calls: [String], segments: [ObservedSegment],
                     language l: Language) -> StepSegments? {
        let wire = ["connect()", "accept()", "send()", "sendall()", "recv()", "shutdown()", "close()"]
        guard let call = calls.last(where: { name in wire.contains { name.hasPrefix($0.dropLast()) } }) else { return nil }
        guard let first = segments.first, let last = segments.last else {
            return StepSegments(step: step, call: call, segments: [],
                                text: l.pick(es: "Mientras \(call) se ejecutaba, no pasó ningún segmento por la conexión.",
                                             en: "No segment crossed the connection while \(call) ran."))
        }
        let count = segments.count == 1 ? l.pick(es: "1 segmento", en: "1 segment")
            : l.pick(es: "\(segments.count) segmentos", en: "\(segments.count) segments")
        let span = segments.count > 1 ? l.pick(es: " en ", en: " in ") + TimeText.duration(last.time &- first.time) : ""
        let what = Self.list(segments.map { phrase($0, seenFrom: actor, l) }, l)
        let when = segments.allSatisfy(\.duringCall)
            ? l.pick(es: "Antes de que \(call) volviera", en: "Before \(call) returned")
            : l.pick(es: "Durante este paso", en: "During this step")
        return StepSegments(step: step, call: call, segments: segments,
                            text: l.pick(es: "\(when), el núcleo \(what): \(count)\(span).", en: "\(when), the kernel \(what): \(count)\(span)."))
    }

    /// `sent PSH-ACK (14 bytes)`, `received SYN-ACK`: seen from the stop's side.
    private static func phrase(_ s: ObservedSegment, seenFrom actor: TraceEvent.Actor, _ l: Language) -> String {
        let verb: String
        switch s.sender {
        case actor?: verb = l.pick(es: "envió", en: "sent")
        case nil: verb = l.pick(es: "vio", en: "saw")
        default: verb = l.pick(es: "recibió", en: "received")
        }
        let bytes = s.payloadLength > 0 ? " (\(s.payloadLength) bytes)" : ""
        return "\(verb) \(s.flags.name)\(bytes)"
    }

    /// `a, b and c` / `a, b y c`.
    private static func list(_ items: [String], _ l: Language) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + l.pick(es: " y ", en: " and ") + items.last!
    }
}
