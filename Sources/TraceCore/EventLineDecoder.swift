/// Reads the common line of a recording straight from its bytes: the event's own members into their
/// fields, with no JSON tree for them. It reads only what it is sure of; anything else (an escape in a
/// member's name, a `null`, a number that is not a plain integer, a wrong type, a duplicate, a missing
/// member) makes it give up, and the strict reader (`JSONParser`, then `TraceEvent(json:)`) reads the
/// line again and says why. Members it does not know, and nested objects other than `tcp`, go through
/// `JSONParser`, so what is accepted is what the strict reader accepts.
struct EventLineDecoder {
    private let line: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(_ line: UnsafeBufferPointer<UInt8>) { self.line = line }

    /// The event on `line`, or nil when the strict reader must judge it.
    static func event(_ line: UnsafeBufferPointer<UInt8>) -> TraceEvent? {
        var decoder = EventLineDecoder(line)
        return decoder.event()
    }

    // MARK: - The event

    /// The members of an event, in the order of `EventMember.names`.
    private enum EventMember: Int {
        case v, seq, tNs, phase, actor, conn, pid, tid, op, syscall, id, by, step, fd, durNs, newFD, asked, bytes,
             calls, preview, addr, family, option, value, backlog, how, timeoutMs, ret, wokenBy, status, signal,
             local, remote, error, tcp, segment, text, header

        static let names = MemberNames([
            "v", "seq", "t_ns", "phase", "actor", "conn", "pid", "tid", "op", "syscall", "id", "by", "step", "fd",
            "dur_ns", "new_fd", "asked", "bytes", "calls", "preview", "addr", "family", "option", "value", "backlog",
            "how", "timeout_ms", "ret", "woken_by", "status", "signal", "local", "remote", "error", "tcp", "segment",
            "text", "header",
        ])
    }

    private mutating func event() -> TraceEvent? {
        var version: Int?, seq: UInt64?, time: UInt64?, phase: TraceEvent.Phase?, actor: TraceEvent.Actor?
        var operation: TraceEvent.Operation?
        var f = TraceEvent.Fields(seq: 0, time: 0, phase: .instant, actor: .tool, operation: .note)
        var unknown: [Range<Int>] = []
        let done = members(EventMember.names) { (d: inout EventLineDecoder, member: Int?, name: Range<Int>) -> Bool in
            guard let member = member.flatMap(EventMember.init(rawValue:)) else { return d.skipUnknown(name, &unknown) }
            switch member {
            case .v: version = d.integer(); return version != nil
            case .seq: seq = d.integer(); return seq != nil
            case .tNs: time = d.integer(); return time != nil
            case .phase: phase = d.string().flatMap(TraceEvent.Phase.init(rawValue:)); return phase != nil
            case .actor: actor = d.string().map(TraceEvent.Actor.init(rawValue:)); return actor != nil
            case .op: operation = d.string().map(TraceEvent.Operation.init(rawValue:)); return operation != nil
            case .conn: f.connection = d.integer(); return f.connection != nil
            case .pid: f.pid = d.integer(); return f.pid != nil
            case .tid: f.tid = d.integer(); return f.tid != nil
            case .syscall: f.systemCall = d.string(); return f.systemCall != nil
            case .id: f.callID = d.integer(); return f.callID != nil
            case .by: f.origin = d.string().flatMap(TraceEvent.Origin.init(rawValue:)); return f.origin != nil
            case .step: f.step = d.integer(); return f.step != nil
            case .fd: f.fd = d.integer(); return f.fd != nil
            case .durNs: f.duration = d.integer(); return f.duration != nil
            case .newFD: f.newFD = d.integer(); return f.newFD != nil
            case .asked: f.requestedBytes = d.integer(); return f.requestedBytes != nil
            case .bytes: f.bytes = d.integer(); return f.bytes != nil
            case .calls: f.sendCalls = d.integer(); return f.sendCalls != nil
            case .preview: f.preview = d.string(); return f.preview != nil
            case .addr: f.address = d.string(); return f.address != nil
            case .family: f.family = d.string(); return f.family != nil
            case .option: f.option = d.string(); return f.option != nil
            case .value: f.optionValue = d.integer(); return f.optionValue != nil
            case .backlog: f.backlog = d.integer(); return f.backlog != nil
            case .how: f.how = d.string(); return f.how != nil
            case .timeoutMs: f.timeout = d.integer(); return f.timeout != nil
            case .ret: f.returnValue = d.integer(); return f.returnValue != nil
            case .wokenBy: f.wokenBy = d.string().flatMap(TraceEvent.Origin.init(rawValue:)); return f.wokenBy != nil
            case .status: f.exitStatus = d.integer(); return f.exitStatus != nil
            case .signal: f.signal = d.string(); return f.signal != nil
            case .local: f.local = d.string(); return f.local != nil
            case .remote: f.remote = d.string(); return f.remote != nil
            case .text: f.text = d.string(); return f.text != nil
            case .tcp: f.tcp = d.kernelView(); return f.tcp != nil
            case .error: f.error = d.nested(TraceEvent.Failure.init(json:)); return f.error != nil
            case .segment: f.segment = d.nested(TraceEvent.Segment.init(json:)); return f.segment != nil
            case .header: f.header = d.nested(TraceHeader.init(json:)); return f.header != nil
            }
        }
        guard done, atEnd, version == TraceEvent.formatVersion, let seq, let time, let phase, let actor, let operation
        else { return nil }
        if operation == .header && f.header == nil || operation == .segment && f.segment == nil { return nil }
        f.seq = seq
        f.time = time
        f.phase = phase
        f.actor = actor
        f.operation = operation
        return TraceEvent(fields: f)
    }

    /// A member this reader does not know: its value judged by `JSONParser` and left out, its name
    /// never given twice.
    private mutating func skipUnknown(_ name: Range<Int>, _ seen: inout [Range<Int>]) -> Bool {
        if seen.contains(where: { line[$0].elementsEqual(line[name]) }) { return false }
        seen.append(name)
        return nested { value throws(EventDecodingError) in value } != nil
    }

    // MARK: - tcp

    private enum KernelMember: Int {
        case state, rtt, rttVariance, unacked, retransmits, totalRetransmits, bytesAcked, bytesReceived, queue, backlog

        static let names = MemberNames([
            "state", "rtt_us", "rttvar_us", "unacked", "retrans", "total_retrans", "bytes_acked", "bytes_received",
            "queue", "backlog",
        ])
    }

    private mutating func kernelView() -> TraceEvent.KernelView? {
        guard current == UInt8(ascii: "{") else { return nil }
        var view = TraceEvent.KernelView()
        let done = members(KernelMember.names) { (d: inout EventLineDecoder, member: Int?, _: Range<Int>) -> Bool in
            switch member.flatMap(KernelMember.init(rawValue:)) {
            case nil: return false
            case .state?: view.state = d.string().flatMap(TCPState.init(name:)); return view.state != nil
            case .rtt?: view.rttMicroseconds = d.integer(); return view.rttMicroseconds != nil
            case .rttVariance?: view.rttVarianceMicroseconds = d.integer(); return view.rttVarianceMicroseconds != nil
            case .unacked?: view.unacked = d.integer(); return view.unacked != nil
            case .retransmits?: view.retransmits = d.integer(); return view.retransmits != nil
            case .totalRetransmits?: view.totalRetransmits = d.integer(); return view.totalRetransmits != nil
            case .bytesAcked?: view.bytesAcked = d.integer(); return view.bytesAcked != nil
            case .bytesReceived?: view.bytesReceived = d.integer(); return view.bytesReceived != nil
            case .queue?: view.acceptQueue = d.integer(); return view.acceptQueue != nil
            case .backlog?: view.backlog = d.integer(); return view.backlog != nil
            }
        }
        return done ? view : nil
    }

    // MARK: - Objects

    /// Reads an object whose members are named in `names`, handing each value to `read` (with the
    /// member's place in `names`, nil for another name, and where the name is): false when `read`
    /// gives up, the object is malformed or a member comes twice.
    @inline(__always)
    private mutating func members(_ names: MemberNames,
                                  _ read: (inout EventLineDecoder, Int?, Range<Int>) -> Bool) -> Bool {
        skipWhitespace()
        guard current == UInt8(ascii: "{") else { return false }
        index += 1
        var seen: UInt64 = 0
        skipWhitespace()
        guard current != UInt8(ascii: "}") else { index += 1; return true }
        while true {
            skipWhitespace()
            guard let name = memberName() else { return false }
            let member = names.place(of: name, in: line)
            if let member {
                guard seen & (1 << member) == 0 else { return false }
                seen |= 1 << member
            }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { return false }
            index += 1
            skipWhitespace()
            guard read(&self, member, name) else { return false }
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return true
            default: return false
            }
        }
    }

    /// Names of members, found by their length and first bytes in one comparison each.
    struct MemberNames {
        private let names: [[UInt8]]
        private let words: [UInt64]

        init(_ names: [String]) {
            self.names = names.map { Array($0.utf8) }
            words = self.names.map { Self.word($0[...]) }
        }

        /// The length and the first seven bytes, in one word.
        private static func word<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64 {
            var word = UInt64(bytes.count) << 56
            var shift: UInt64 = 0
            for byte in bytes.prefix(7) {
                word |= UInt64(byte) << shift
                shift += 8
            }
            return word
        }

        /// The place of `line[name]` among the names, nil for another name.
        func place(of name: Range<Int>, in line: UnsafeBufferPointer<UInt8>) -> Int? {
            let word = Self.word(line[name])
            for (i, known) in words.enumerated() where known == word {
                if name.count <= 7 || names[i][7...].elementsEqual(line[(name.lowerBound + 7)..<name.upperBound]) { return i }
            }
            return nil
        }
    }

    /// A member's name in quotes, plain ASCII without escapes: where its bytes are.
    private mutating func memberName() -> Range<Int>? {
        guard current == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var i = start
        while i < line.count {
            let b = line[i]
            if b == UInt8(ascii: "\"") {
                index = i + 1
                return start..<i
            }
            if b < 0x20 || b >= 0x80 || b == UInt8(ascii: "\\") { return nil }
            i += 1
        }
        return nil
    }

    // MARK: - Values

    /// A string value; its escapes are read by `JSONParser`.
    private mutating func string() -> String? {
        guard current == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var i = start
        var ascii = true
        while i < line.count {
            let b = line[i]
            if b == UInt8(ascii: "\"") {
                index = i + 1
                let bytes = UnsafeBufferPointer(rebasing: line[start..<i])
                return ascii ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") {
                guard case .string(let text)? = nested({ value throws(EventDecodingError) in value }) else { return nil }
                return text
            }
            if b < 0x20 { return nil }
            if b >= 0x80 { ascii = false }
            i += 1
        }
        return nil
    }

    /// A plain integer in `T`'s range, as `T(text, radix: 10)` reads a JSON number's text: no fraction,
    /// no exponent.
    private mutating func integer<T: FixedWidthInteger>() -> T? {
        var i = index
        let negative = i < line.count && line[i] == UInt8(ascii: "-")
        if negative {
            guard T.isSigned else { return nil }
            i += 1
        }
        let first = i
        var value: T = 0
        while i < line.count, line[i] &- UInt8(ascii: "0") < 10 {
            let digit = T(line[i] &- UInt8(ascii: "0"))
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            guard !o1, !o2 else { return nil }
            value = next
            i += 1
        }
        // JSON's own rules: digits, no leading zero; then no fraction or exponent.
        guard i > first, line[first] != UInt8(ascii: "0") || i == first + 1 else { return nil }
        if i < line.count, line[i] == UInt8(ascii: ".") || line[i] == UInt8(ascii: "e") || line[i] == UInt8(ascii: "E") {
            return nil
        }
        index = i
        return value
    }

    /// A value read by `JSONParser`, then by `convert`.
    private mutating func nested<T>(_ convert: (JSONValue) throws(EventDecodingError) -> T) -> T? {
        var parser = JSONParser(Array(line), at: index)
        guard let value = try? parser.parseValue(depth: 1) else { return nil }
        index = parser.index
        return try? convert(value)
    }

    // MARK: - Bytes

    private var current: UInt8? { index < line.count ? line[index] : nil }

    private var atEnd: Bool {
        mutating get {
            skipWhitespace()
            return index == line.count
        }
    }

    private mutating func skipWhitespace() {
        while index < line.count {
            let b = line[index]
            guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { return }
            index += 1
        }
    }
}
