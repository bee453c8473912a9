extension TraceEvent {
    /// What a `segment` event says of one captured TCP segment: its flags and the numbers of its header,
    /// the sequence and acknowledgement numbers counted from each side's initial sequence number (a SYN is
    /// 0, the first data byte 1), as Wireshark shows them.
    public struct Segment: Hashable, Sendable {
        public var flags: TCPFlags
        /// The sender's sequence number, relative.
        public var sequence: UInt32
        /// The acknowledgement number, relative; nil without ACK (or before the peer's first segment was seen).
        public var acknowledgement: UInt32?
        /// Bytes of data the segment carries.
        public var payloadLength: Int
        /// The window field as sent.
        public var window: UInt16
        /// The window in bytes, once the connection's SYNs said how to scale it.
        public var windowBytes: UInt32?
        /// The SYNs' maximum segment size and window-scale shift options.
        public var maximumSegmentSize: UInt16?
        public var windowScale: UInt8?

        public init(flags: TCPFlags, sequence: UInt32, acknowledgement: UInt32?, payloadLength: Int, window: UInt16,
                    windowBytes: UInt32? = nil, maximumSegmentSize: UInt16? = nil, windowScale: UInt8? = nil) {
            self.flags = flags
            self.sequence = sequence
            self.acknowledgement = acknowledgement
            self.payloadLength = payloadLength
            self.window = window
            self.windowBytes = windowBytes
            self.maximumSegmentSize = maximumSegmentSize
            self.windowScale = windowScale
        }

        /// The window as the diagram shows it: in bytes when known, else the field as sent.
        public var shownWindow: UInt32 { windowBytes ?? UInt32(window) }
    }

    /// A segment event: `source` and `destination` become `local` and `remote`.
    public init(segment: Segment, time: UInt64, source: String, destination: String) {
        self.init(time: time, phase: .instant, actor: .network, operation: .segment, local: source, remote: destination)
        self.segment = segment
    }
}

extension TraceEvent.Segment {
    /// `{"flags":"PSH-ACK","seq":1,"ack":1,"len":14,"win":512,"win_bytes":65536}`
    public var json: JSONValue {
        var m: [(String, JSONValue)] = [("flags", .string(flags.name)), ("seq", .integer(sequence))]
        if let acknowledgement { m.append(("ack", .integer(acknowledgement))) }
        m += [("len", .integer(payloadLength)), ("win", .integer(window))]
        if let windowBytes { m.append(("win_bytes", .integer(windowBytes))) }
        if let maximumSegmentSize { m.append(("mss", .integer(maximumSegmentSize))) }
        if let windowScale { m.append(("wscale", .integer(windowScale))) }
        return .object(m)
    }

    public init(json: JSONValue) throws(EventDecodingError) {
        let r = try FieldReader(json, context: "segment.")
        let name: String = try r.required("flags")
        guard let flags = TCPFlags(name: name) else {
            throw EventDecodingError("field \"segment.flags\": expected flags such as SYN, PSH-ACK or RST-ACK, got \"\(name)\"", es: "campo \"segment.flags\": se esperaban indicadores como SYN, PSH-ACK o RST-ACK, no \"\(name)\"")
        }
        self.init(flags: flags, sequence: try r.required("seq"), acknowledgement: try r.optional("ack"),
                  payloadLength: try r.required("len"), window: try r.required("win"), windowBytes: try r.optional("win_bytes"),
                  maximumSegmentSize: try r.optional("mss"), windowScale: try r.optional("wscale"))
        guard payloadLength >= 0 else { throw EventDecodingError("field \"segment.len\": expected a length ≥ 0", es: "campo \"segment.len\": se esperaba una longitud ≥ 0") }
    }
}
