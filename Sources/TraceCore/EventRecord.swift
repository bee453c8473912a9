import TraceText

/// An event as a plain value that a source can fill in on its hot path without touching the heap: only
/// numbers and inline bytes (`BitwiseCopyable`), at most `RecordRing.recordBytes`. It becomes a `TraceEvent`
/// later, off that path. What only some events have can go beside it, in its slot's tail
/// (`Tracer.recordTailBytes`), written by the source as it emits the record.
public protocol EventRecord: BitwiseCopyable, Sendable {
    /// The event this record stands for, numbered `seq`; `tail` holds what its source wrote beside it.
    func event(seq: UInt64, tail: UnsafeRawPointer) -> TraceEvent
}

/// The first bytes of a payload, inline: room for a preview's worth, and how many bytes there were in all.
public struct PayloadPrefix: BitwiseCopyable, Sendable {
    /// The most a preview shows.
    public static let capacity = 96

    /// A preview's worth and one more character's (up to 4 bytes, so that a character cut at the limit is
    /// told from an invalid byte), in 13 words.
    private var bytes: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
        = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    /// The bytes kept: a preview's worth and one more character's.
    public static let stored = 104
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
            PayloadPrefix.preview(kept: UnsafeRawBufferPointer(rebasing: raw[..<kept]), total: total, limit: limit)
        }
    }

    /// Copies the first `stored` bytes of `payload` (or all of them) to `destination`; returns how many.
    @inline(__always)
    public static func copy(_ payload: UnsafeRawBufferPointer, to destination: UnsafeMutableRawPointer) -> Int {
        let kept = min(payload.count, stored)
        if kept > 0 { destination.copyMemory(from: payload.baseAddress!, byteCount: kept) }
        return kept
    }

    /// The preview of a payload of `total` bytes whose first ones are `kept`, escaped as `SafeText`
    /// escapes a payload, at most `limit` bytes (nil for no payload).
    public static func preview(kept: UnsafeRawBufferPointer, total: Int, limit: Int) -> String? {
        guard total > 0 else { return nil }
        let text = SafeText.escape(kept, limit: limit)
        // More bytes than were kept: the preview was cut even where what was kept fits.
        return total > min(kept.count, limit) && !text.hasSuffix("…") ? text + "…" : text
    }
}
