import TraceSockets

/// Fills in `TCPSegment.scaledWindow` for segments read in order: each direction's window-scale shift
/// comes from its SYN (or SYN-ACK), and applies, as RFC 7323 says, only when both SYNs offered it.
struct WindowScaling {
    private struct Direction: Hashable {
        let from: SocketAddress
        let to: SocketAddress
    }

    /// What each direction's SYN offered: its shift, or nil for a SYN without the option.
    private var offered: [Direction: UInt8?] = [:]

    mutating func apply(to segment: inout TCPSegment) {
        let direction = Direction(from: segment.source, to: segment.destination)
        if segment.flags.contains(.syn) {
            if !segment.flags.contains(.ack) {
                // A new connection on this pair of ends: forget the other direction's old offer.
                offered[Direction(from: segment.destination, to: segment.source)] = nil
            }
            offered[direction] = .some(segment.options.windowScale)
            segment.scaledWindow = UInt32(segment.window)
            return
        }
        guard let mine = offered[direction], let theirs = offered[Direction(from: segment.destination, to: segment.source)] else {
            segment.scaledWindow = nil
            return
        }
        let shift = (mine != nil && theirs != nil) ? min(mine!, 14) : 0
        segment.scaledWindow = UInt32(segment.window) << UInt32(shift)
    }
}
