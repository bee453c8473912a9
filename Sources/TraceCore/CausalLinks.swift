/// An event in one of several recordings.
struct EventRef: Hashable {
    let recording: Int
    let index: Int
}

/// `from` must have happened before `to`: what crossed the network says so, whatever the clocks say.
struct CausalLink: Hashable {
    let from: EventRef
    let to: EventRef
}

/// The happens-before links between the two ends of one TCP connection:
/// - `connect()` started before the `accept()` that returned it;
/// - a byte was sent (its `send`/`sendall` started) before the `recv` that returned it;
/// - one side closed (or shut down writing) before the other's `recv` returned 0.
enum CausalLinks {
    static func between(connector c: ConnectionSide, acceptor a: ConnectionSide, in recordings: [[TraceEvent]]) -> [CausalLink] {
        let cEvents = recordings[c.recording], aEvents = recordings[a.recording]
        let cStarts = starts(of: c, cEvents), aStarts = starts(of: a, aEvents)
        var links: [CausalLink] = []
        if let connectStart = cStarts[c.opening] {
            links.append(CausalLink(from: EventRef(recording: c.recording, index: connectStart),
                                    to: EventRef(recording: a.recording, index: a.opening)))
        }
        links += stream(from: c, cEvents, cStarts, to: a, aEvents)
        links += stream(from: a, aEvents, aStarts, to: c, cEvents)
        return links
    }

    /// For each done event of a side, the index of its start (same call and descriptor, just before).
    private static func starts(of side: ConnectionSide, _ events: [TraceEvent]) -> [Int: Int] {
        var open: [String: Int] = [:]
        var result: [Int: Int] = [:]
        for i in side.events {
            let e = events[i]
            let key = "\(e.operation.rawValue)/\(e.fd.map(String.init) ?? "-")"
            switch e.phase {
            case .start: open[key] = i
            case .done: result[i] = open.removeValue(forKey: key)
            case .instant: break
            }
        }
        return result
    }

    /// Links the sender's bytes to the receiver's reads of them, and the sender's close to the
    /// receiver's end of stream.
    private static func stream(from sender: ConnectionSide, _ sent: [TraceEvent], _ senderStarts: [Int: Int],
                               to receiver: ConnectionSide, _ received: [TraceEvent]) -> [CausalLink] {
        var sends: [(start: Int, end: Int, call: Int)] = []  // byte offsets [start, end) of each send
        var offset = 0
        for i in sender.events where i > sender.opening {
            let e = sent[i]
            guard e.phase == .done, e.operation == .send || e.operation == .sendall, let n = e.bytes, n > 0,
                  let start = senderStarts[i] else { continue }
            sends.append((offset, offset + n, start))
            offset += n
        }
        let closing = sender.events.first { i in
            let e = sent[i]
            return i > sender.opening && e.phase == .start
                && (e.operation == .close || (e.operation == .shutdown && e.how != "SHUT_RD"))
        }
        var links: [CausalLink] = []
        var readOffset = 0
        var s = 0
        for i in receiver.events where i > receiver.opening {
            let e = received[i]
            guard e.phase == .done, e.operation == .recv, e.error == nil, let n = e.bytes else { continue }
            let to = EventRef(recording: receiver.recording, index: i)
            if n == 0 {
                if let closing { links.append(CausalLink(from: EventRef(recording: sender.recording, index: closing), to: to)) }
                continue
            }
            readOffset += n
            let lastByte = readOffset - 1
            while s < sends.count && sends[s].end <= lastByte { s += 1 }
            if s < sends.count && sends[s].start <= lastByte {
                links.append(CausalLink(from: EventRef(recording: sender.recording, index: sends[s].call), to: to))
            }
        }
        return links
    }
}
