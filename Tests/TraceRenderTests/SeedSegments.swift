import TraceCore

/// The seed's ten segments at the times the hand-built run (`SeedEvents`) makes them plausible, each
/// inserted as `PacketTrace` hands them to the tracer: before the first event that follows it in time.
enum SeedSegments {
    static let server = "127.0.0.1:40619", client = "127.0.0.1:52934"

    /// (µs, from the client?, flags, relative seq, ack, payload bytes) for a message of `m` bytes and a
    /// reply of `r`.
    static func table(_ m: Int = 14, _ r: Int = 16) -> [(UInt64, Bool, TCPFlags, UInt32, UInt32?, Int)] {
        let m = UInt32(m), r = UInt32(r)
        return [
            (1020, true, .syn, 0, nil, 0), (1030, false, [.syn, .ack], 0, 1, 0), (1040, true, .ack, 1, 1, 0),
            (1215, true, [.psh, .ack], 1, 1, Int(m)), (1220, false, .ack, 1, m + 1, 0),
            (1330, false, [.psh, .ack], 1, m + 1, Int(r)), (1335, true, .ack, m + 1, r + 1, 0),
            (1460, true, [.fin, .ack], m + 1, r + 1, 0),
            (1550, false, [.fin, .ack], r + 1, m + 2, 0), (1555, true, .ack, m + 2, r + 2, 0),
        ]
    }

    static func events(_ m: Int = 14, _ r: Int = 16) -> [TraceEvent] {
        table(m, r).map { micros, fromClient, flags, seq, ack, length in
            let syn = flags.contains(.syn)
            return TraceEvent(segment: .init(flags: flags, sequence: seq, acknowledgement: ack, payloadLength: length,
                                             window: syn ? 65_495 : 512, windowBytes: syn ? 65_495 : 65_536,
                                             maximumSegmentSize: syn ? 65_495 : nil, windowScale: syn ? 7 : nil),
                              time: micros * 1000, source: fromClient ? client : server, destination: fromClient ? server : client)
        }
    }

    /// `calls` with the segments among them and, first, a header that says packets were captured (or none).
    static func interleaved(into calls: [TraceEvent], header: TraceHeader? = packetsHeader, message: Int = 14,
                            reply: Int = 16) -> [TraceEvent] {
        var out: [TraceEvent] = header.map { [TraceEvent(header: $0)] } ?? []
        var pending = events(message, reply)[...]
        for event in calls {
            while let next = pending.first, next.time <= event.time {
                out.append(next)
                pending = pending.dropFirst()
            }
            out.append(event)
        }
        return (out + pending).renumbered()
    }

    static var packetsHeader: TraceHeader {
        var plan = StepPlan(deriving: SeedEvents.make())
        plan.id = "seed"
        return TraceHeader(source: .builtIn, command: "demo", traced: [.client, .server], plan: plan, packets: .init(interface: "lo"))
    }
}
