#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import Synchronization

/// Records waiting to become events, in `seq` order: a ring of fixed-size slots that any number of threads
/// write, each into the slot its `seq` names, and one reader drains in order. A writer takes no lock and
/// allocates nothing: one atomic add for its `seq`, a copy of its record's bytes, one atomic store to
/// publish it. It waits only when the ring is full (the reader is `capacity` events behind).
///
/// What the reader and the writers share is laid out so that they seldom touch the same cache line: a
/// slot's record, its decoder's number and its publication are in the slot's own two lines, and the next
/// `seq` to give out and the reader's progress are on lines of their own.
final class RecordRing: @unchecked Sendable {
    /// Bytes a slot takes: two cache lines, the record first, then its decoder's number and its `seq`.
    static let slotBytes = 128
    /// Bytes a record may take.
    public static let recordBytes = slotBytes - 16
    /// Bytes a record's source may write beside it (addresses, a payload's first bytes), in a storage of
    /// their own: a record that has none touches none of them.
    public static let tailBytes = 384
    private static let kindOffset = recordBytes
    private static let publishedOffset = recordBytes + 8
    private static let lineBytes = 128

    let capacity: Int
    private let mask: UInt64
    private let storage: UnsafeMutableRawPointer
    private let tails: UnsafeMutableRawPointer
    /// Per slot: an event kept whole (decoder number 0).
    private let boxed: UnsafeMutablePointer<TraceEvent?>
    /// The highest `seq` given out, and (a line further) every record up to this `seq` has been taken by
    /// the reader.
    private let counters: UnsafeMutableRawPointer

    init(capacity: Int) {
        var size = 2
        while size < capacity { size <<= 1 }
        self.capacity = size
        mask = UInt64(size - 1)
        storage = .allocate(byteCount: size * RecordRing.slotBytes, alignment: RecordRing.lineBytes)
        tails = .allocate(byteCount: size * RecordRing.tailBytes, alignment: 64)
        boxed = .allocate(capacity: size)
        boxed.initialize(repeating: nil, count: size)
        counters = .allocate(byteCount: 2 * RecordRing.lineBytes, alignment: RecordRing.lineBytes)
        lastSeq.initialize(to: Atomic(0))
        consumed.initialize(to: Atomic(0))
        for index in 0..<size {
            (storage + index * RecordRing.slotBytes + RecordRing.kindOffset).initializeMemory(as: Int.self, repeating: 0, count: 1)
            published(index).initialize(to: Atomic(0))
        }
    }

    deinit {
        for index in 0..<capacity { published(index).deinitialize(count: 1) }
        storage.deallocate()
        tails.deallocate()
        boxed.deinitialize(count: capacity)
        boxed.deallocate()
        lastSeq.deinitialize(count: 1)
        consumed.deinitialize(count: 1)
        counters.deallocate()
    }

    private var lastSeq: UnsafeMutablePointer<Atomic<UInt64>> {
        counters.assumingMemoryBound(to: Atomic<UInt64>.self)
    }

    private var consumed: UnsafeMutablePointer<Atomic<UInt64>> {
        (counters + RecordRing.lineBytes).assumingMemoryBound(to: Atomic<UInt64>.self)
    }

    @inline(__always)
    private func slot(_ index: Int) -> UnsafeMutableRawPointer { storage + index * RecordRing.slotBytes }

    @inline(__always)
    private func kind(_ index: Int) -> UnsafeMutablePointer<Int> {
        (slot(index) + RecordRing.kindOffset).assumingMemoryBound(to: Int.self)
    }

    @inline(__always)
    private func published(_ index: Int) -> UnsafeMutablePointer<Atomic<UInt64>> {
        (slot(index) + RecordRing.publishedOffset).assumingMemoryBound(to: Atomic<UInt64>.self)
    }

    /// Every record up to this `seq` has been taken.
    var consumedThrough: UInt64 { consumed.pointee.load(ordering: .acquiring) }

    /// The highest `seq` given out so far.
    var issued: UInt64 { lastSeq.pointee.load(ordering: .acquiring) }

    /// Numbers a record, waits for room if the reader is a whole ring behind, lets `fill` complete it and
    /// write its tail in place, and publishes it.
    @inline(__always)
    func append<R: EventRecord>(_ record: R, kind: Int, fill: (inout R, UnsafeMutableRawPointer) -> Void) -> UInt64 {
        let (seq, index) = reserve()
        let slot = slot(index).bindMemory(to: R.self, capacity: 1)
        slot.initialize(to: record)
        fill(&slot.pointee, tails + index * RecordRing.tailBytes)
        self.kind(index).pointee = kind
        published(index).pointee.store(seq, ordering: .releasing)
        return seq
    }

    /// An event made whole by its source, kept as it is.
    func append(_ event: TraceEvent) -> UInt64 {
        let (seq, index) = reserve()
        var event = event
        event.seq = seq
        boxed[index] = event
        kind(index).pointee = 0
        published(index).pointee.store(seq, ordering: .releasing)
        return seq
    }

    @inline(__always)
    private func reserve() -> (UInt64, Int) {
        let seq = lastSeq.pointee.wrappingAdd(1, ordering: .relaxed).newValue
        var spins = 0
        while seq &- consumed.pointee.load(ordering: .acquiring) > UInt64(capacity) {
            spins += 1
            if spins > 64 { _ = sched_yield() }
        }
        return (seq, Int(seq & mask))
    }

    /// Takes the records published in order after the last one taken, up to the first gap (a writer that
    /// has its `seq` but has not published yet), as events. Only one thread reads at a time.
    func drain(_ decoders: [any RecordDecoding], _ body: (TraceEvent) -> Void) -> Int {
        var next = consumed.pointee.load(ordering: .relaxed) &+ 1
        var taken = 0
        while true {
            let index = Int(next & mask)
            guard published(index).pointee.load(ordering: .acquiring) == next else { break }
            let kind = kind(index).pointee
            // The slot is not given back (in `consumed`) before its record has been read.
            let event: TraceEvent
            if kind == 0 {
                event = boxed[index]!
                boxed[index] = nil
            } else {
                event = decoders[kind - 1].event(from: UnsafeRawPointer(slot(index)),
                                                 tail: UnsafeRawPointer(tails + index * RecordRing.tailBytes), seq: next)
            }
            body(event)
            next &+= 1
            taken += 1
            // Writers read `consumed` on every append: publish progress now and then, not per record,
            // so that its cache line does not travel between the processors at every event.
            if taken & 63 == 0 { consumed.pointee.store(next &- 1, ordering: .releasing) }
        }
        if taken > 0 { consumed.pointee.store(next &- 1, ordering: .releasing) }
        return taken
    }
}

/// Reads one type of record out of a slot's bytes.
protocol RecordDecoding: Sendable {
    func event(from bytes: UnsafeRawPointer, tail: UnsafeRawPointer, seq: UInt64) -> TraceEvent
}

struct RecordDecoder<R: EventRecord>: RecordDecoding {
    func event(from bytes: UnsafeRawPointer, tail: UnsafeRawPointer, seq: UInt64) -> TraceEvent {
        bytes.load(as: R.self).event(seq: seq, tail: tail)
    }
}
