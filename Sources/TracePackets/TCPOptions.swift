/// The TCP options this decoder reads; the others are skipped.
public struct TCPOptions: Hashable, Sendable {
    /// Maximum segment size (kind 2), sent on SYNs.
    public var maximumSegmentSize: UInt16?
    /// Window scale shift (kind 3), sent on SYNs: the sender's later windows are to be multiplied by 2^shift.
    public var windowScale: UInt8?
    /// SACK permitted (kind 4), sent on SYNs.
    public var sackPermitted: Bool
    /// Timestamps (kind 8): the sender's clock and the echo of the peer's.
    public var timestamps: TCPTimestamps?

    public init(maximumSegmentSize: UInt16? = nil, windowScale: UInt8? = nil, sackPermitted: Bool = false,
                timestamps: TCPTimestamps? = nil) {
        self.maximumSegmentSize = maximumSegmentSize
        self.windowScale = windowScale
        self.sackPermitted = sackPermitted
        self.timestamps = timestamps
    }

    /// Reads the options area of a TCP header (what follows its 20 fixed bytes). A malformed option ends
    /// the reading; what was read before it is kept.
    init(_ bytes: UnsafeRawBufferPointer) {
        self.init()
        var index = 0
        while index < bytes.count {
            let kind = bytes[index]
            if kind == 0 { return }
            if kind == 1 { index += 1; continue }
            guard index + 1 < bytes.count else { return }
            let length = Int(bytes[index + 1])
            guard length >= 2, index + length <= bytes.count else { return }
            let body = UnsafeRawBufferPointer(rebasing: bytes[(index + 2)..<(index + length)])
            switch (kind, length) {
            case (2, 4): maximumSegmentSize = body.bigEndianUInt16(at: 0)
            case (3, 3): windowScale = body[0]
            case (4, 2): sackPermitted = true
            case (8, 10): timestamps = TCPTimestamps(value: body.bigEndianUInt32(at: 0), echoReply: body.bigEndianUInt32(at: 4))
            default: break
            }
            index += length
        }
    }
}

/// The timestamps option (RFC 7323): the sender's timestamp clock and the last one it received.
public struct TCPTimestamps: Hashable, Sendable {
    public var value: UInt32
    public var echoReply: UInt32

    public init(value: UInt32, echoReply: UInt32) {
        self.value = value
        self.echoReply = echoReply
    }
}
