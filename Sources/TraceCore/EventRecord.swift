import TraceText

/// An event as a plain value that a source can fill in on its hot path without touching the heap: only
/// numbers and inline bytes (`BitwiseCopyable`). It becomes a `TraceEvent` later, off that path.
public protocol EventRecord: BitwiseCopyable, Sendable {
    /// The event this record stands for, numbered `seq`.
    func event(seq: UInt64) -> TraceEvent
}

/// The first bytes of a payload, inline: room for a preview's worth, and how many bytes there were in all.
public struct PayloadPrefix: BitwiseCopyable, Sendable {
    /// The most a preview shows.
    public static let capacity = 96

    /// A preview's worth and one more character's (up to 4 bytes, so that a character cut at the limit is
    /// told from an invalid byte), in 13 words.
    private var bytes: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
        = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    private static let stored = 104
    private var kept: Int32 = 0
    private var limit: Int32 = 0
    /// Bytes the payload had.
    public private(set) var count: Int = 0

    public init() {}

    /// Keeps the first bytes of `payload`, for a preview of at most `limit` bytes.
    public init(_ payload: UnsafeRawBufferPointer?, limit: Int) {
        guard let payload, payload.count > 0 else { return }
        count = payload.count
        self.limit = Int32(min(max(limit, 0), PayloadPrefix.capacity))
        let kept = min(payload.count, PayloadPrefix.stored)
        self.kept = Int32(kept)
        withUnsafeMutableBytes(of: &bytes) {
            UnsafeMutableRawBufferPointer(rebasing: $0[..<kept]).copyMemory(from: UnsafeRawBufferPointer(rebasing: payload[..<kept]))
        }
    }

    /// The preview, escaped as `SafeText` escapes a payload (nil for no payload).
    public var preview: String? {
        guard count > 0 else { return nil }
        var copy = bytes
        let kept = Int(self.kept), total = count, limit = Int(self.limit)
        return withUnsafeBytes(of: &copy) { raw in
            let text = SafeText.escape(UnsafeRawBufferPointer(rebasing: raw[..<kept]), limit: limit)
            // More bytes than were kept: the preview was cut even where what was kept fits.
            return total > min(kept, limit) && !text.hasSuffix("…") ? text + "…" : text
        }
    }
}
