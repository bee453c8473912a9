import TraceSockets

/// Relative sequence and acknowledgement numbers for the segments of one connection, as Wireshark shows
/// them: each direction counts from its initial sequence number, so a SYN is 0 and the first data byte 1.
///
/// Feed it the connection's segments in capture order. Each direction's base is the sequence number of its
/// SYN, or, when the SYN was not captured, of the first segment seen from that side.
public struct ConnectionSequence: Sendable {
    private var bases: [SocketAddress: UInt32] = [:]

    public init() {}

    /// The relative numbers of the next segment of the connection.
    public mutating func relative(_ segment: TCPSegment) -> RelativeNumbers {
        if segment.flags.contains(.syn) || bases[segment.source] == nil {
            bases[segment.source] = segment.sequenceNumber
        }
        let sequence = segment.sequenceNumber &- bases[segment.source]!
        var acknowledgement: UInt32?
        if segment.flags.contains(.ack), let peerBase = bases[segment.destination] {
            acknowledgement = segment.acknowledgementNumber &- peerBase
        }
        return RelativeNumbers(sequence: sequence, acknowledgement: acknowledgement)
    }
}

/// A segment's sequence and acknowledgement numbers counted from each side's initial sequence number.
public struct RelativeNumbers: Hashable, Sendable {
    public var sequence: UInt32
    /// Nil when the segment carries no ACK, or when the peer's initial sequence number is not known yet.
    public var acknowledgement: UInt32?

    public init(sequence: UInt32, acknowledgement: UInt32?) {
        self.sequence = sequence
        self.acknowledgement = acknowledgement
    }
}
