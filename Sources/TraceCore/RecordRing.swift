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
final class RecordRing: @unchecked Sendable {
    /// Bytes a record may take: two cache lines.
    public static let slotBytes = 128
    /// Bytes a record's source may write beside it (addresses, a payload's first bytes), in a storage of
    /// their own: a record that has none touches none of them.
    public static let tailBytes = 384

    let capacity: Int
    private let mask: UInt64
    private let storage: UnsafeMutableRawPointer
    private let tails: UnsafeMutableRawPointer
    /// Per slot: which decoder reads it (0: an event kept whole in `boxed`).
    private let kinds: UnsafeMutablePointer<Int>
    private let boxed: UnsafeMutablePointer<TraceEvent?>
    /// Per slot: the `seq` published there (0: none yet).
    private let published: UnsafeMutablePointer<Atomic<UInt64>>
    private let lastSeq = Atomic<UInt64>(0)
    /// Every record up to this `seq` has been taken by the reader.
    private let consumed = Atomic<UInt64>(0)

    init(capacity: Int) {
        var size = 2
        while size < capacity { size <<= 1 }
        self.capacity = size
        mask = UInt64(size - 1)
        storage = .allocate(byteCount: size * RecordRing.slotBytes, alignment: 64)
        tails = .allocate(byteCount: size * RecordRing.tailBytes, alignment: 64)
        kinds = .allocate(capacity: size)
        kinds.initialize(repeating: 0, count: size)
        boxed = .allocate(capacity: size)
        boxed.initialize(repeating: nil, count: size)
        published = .allocate(capacity: size)
        for i in 0..<size { (published + i).initialize(to: Atomic(0)) }
    }

    deinit {
        storage.deallocate()
        tails.deallocate()
        kinds.deallocate()
        boxed.deinitialize(count: capacity)
        boxed.deallocate()
        published.deinitialize(count: capacity)
        published.deallocate()
    }

    /// Every record up to this `seq` has been taken.
    var consumedThrough: UInt64 { consumed.load(ordering: .acquiring) }

    /// The highest `seq` given out so far.
    var issued: UInt64 { lastSeq.load(ordering: .acquiring) }

    /// Numbers a record, waits for room if the reader is a whole ring behind, lets `fill` complete it and
    /// write its tail in place, and publishes it.
    @inline(__always)
    func append<R: EventRecord>(_ record: R, kind: Int, fill: (inout R, UnsafeMutableRawPointer) -> Void) -> UInt64 {
        let (seq, index) = reserve()
        let slot = (storage + index * RecordRing.slotBytes).bindMemory(to: R.self, capacity: 1)
        slot.initialize(to: record)
        fill(&slot.pointee, tails + index * RecordRing.tailBytes)
        kinds[index] = kind
        published[index].store(seq, ordering: .releasing)
        return seq
    }

    /// An event made whole by its source, kept as it is.
    func append(_ event: TraceEvent) -> UInt64 {
        let (seq, index) = reserve()
        var event = event
        event.seq = seq
        boxed[index] = event
        kinds[index] = 0
        published[index].store(seq, ordering: .releasing)
        return seq
    }

    @inline(__always)
    private func reserve() -> (UInt64, Int) {
        let seq = lastSeq.wrappingAdd(1, ordering: .relaxed).newValue
        var spins = 0
        while seq &- consumed.load(ordering: .acquiring) > UInt64(capacity) {
            spins += 1
            if spins > 64 { _ = sched_yield() }
        }
        return (seq, Int(seq & mask))
    }

    /// Takes the records published in order after the last one taken, up to the first gap (a writer that
    /// has its `seq` but has not published yet), as events. Only one thread reads at a time.
    func drain(_ decoders: [any RecordDecoding], _ body: (TraceEvent) -> Void) -> Int {
        var next = consumed.load(ordering: .relaxed) &+ 1
        var taken = 0
        while true {
            let index = Int(next & mask)
            guard published[index].load(ordering: .acquiring) == next else { break }
            let kind = kinds[index]
            // The slot is not given back (in `consumed`) before its record has been read.
            let event: TraceEvent
            if kind == 0 {
                event = boxed[index]!
                boxed[index] = nil
            } else {
                event = decoders[kind - 1].event(from: UnsafeRawPointer(storage + index * RecordRing.slotBytes),
                                                 tail: UnsafeRawPointer(tails + index * RecordRing.tailBytes), seq: next)
            }
            body(event)
            next &+= 1
            taken += 1
            // Writers read `consumed` on every append: publish progress now and then, not per record,
            // so that its cache line does not travel between the processors at every event.
            if taken & 63 == 0 { consumed.store(next &- 1, ordering: .releasing) }
        }
        if taken > 0 { consumed.store(next &- 1, ordering: .releasing) }
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
