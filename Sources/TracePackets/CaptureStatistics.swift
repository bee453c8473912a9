import Synchronization

/// What a capture did with the frames the kernel gave it.
public struct CaptureStatistics: Hashable, Sendable {
    /// Frames the reader took from the kernel.
    public var framesRead = 0
    /// Segments handed to the handler.
    public var segmentsDelivered = 0
    /// PACKET_OUTGOING copies left out (on `lo` each segment comes twice); 0 when the kernel filter drops them.
    public var outgoingCopiesSkipped = 0
    /// TCP segments of ports nobody asked to watch.
    public var otherPortsSkipped = 0
    /// Frames that were not TCP over IPv4 or IPv6.
    public var notTCPSkipped = 0
    /// Frames the kernel dropped because its queue for the capture was full: segments that are missing.
    public var kernelDrops = 0
    /// Why the reader ended before `stop()`, if it did.
    public var failure: PacketCaptureError?

    public init() {}
}

/// The statistics the reader thread publishes and the caller reads.
final class SharedStatistics: Sendable {
    private let state = Mutex(CaptureStatistics())

    var current: CaptureStatistics { state.withLock { $0 } }

    func update(_ change: (inout CaptureStatistics) -> Void) {
        state.withLock { change(&$0) }
    }
}
