import Synchronization
import TraceCore
import TraceSockets

/// Captured TCP segments as trace events: opened before the trace begins (its clock is the trace's), it
/// watches the ports the traced calls use (a `bind`, a `connect`'s address), and hands the tracer its
/// segments so that each is numbered before the first call event that follows it in time (see
/// `InterleavedSource`). A segment is converted once, on arrival, in capture order: its relative numbers
/// (`ConnectionSequence`), its pcap record.
///
/// Ordering: before numbering each event the tracer asks for the segments up to that event's time, and
/// this source first reads, on the emitting thread, everything the kernel has queued (`collect()`): a
/// segment sent inside a call is queued before the call returns, so it always comes before the call's
/// `done`. A segment that happened after the last event waits for the next one, or for `finish`.
public final class PacketTrace: InterleavedSource {
    public struct Options: Sendable {
        /// Where to write a pcap of the segments too, and in which link type.
        public var pcapPath: String?
        public var pcapLinkType: PcapLinkType
        public var interface: String

        public init(pcapPath: String? = nil, pcapLinkType: PcapLinkType = .ethernet, interface: String = "lo") {
            self.pcapPath = pcapPath
            self.pcapLinkType = pcapLinkType
            self.interface = interface
        }
    }

    /// The clock the trace must use (put it in the header): the one the segments' times are converted on.
    public let clock: TraceHeader.Clock
    /// What the header says about the capture.
    public let capture: TraceHeader.Capture
    private let loopback: LoopbackCapture
    private let pcap: PcapWriter?
    private let store: SegmentStore

    /// Why a packet trace could not start or end well.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case capture(PacketCaptureError)
        case pcap(PcapError)

        public var description: String {
            switch self {
            case .capture(let e): return e.description
            case .pcap(let e): return e.description
            }
        }
    }

    /// Measures the trace's clock, creates the pcap file (if asked) and opens the capture (CAP_NET_RAW:
    /// root, `setcap`, or a `PrivateNetwork`).
    ///
    /// The corresponding C functions are those of `LoopbackCapture.init` and `PcapWriter.init`.
    public init(options: Options = Options()) throws(Failure) {
        let offset = ClockOffset.measure(within: 2_000)
        let origin = MonotonicClock.now()
        let clock = TraceHeader.Clock(monotonicOrigin: origin, wallAtOrigin: Int64(bitPattern: offset.wallTime(fromMonotonic: origin)))
        let store = SegmentStore(origin: clock.monotonicOrigin)
        var writer: PcapWriter?
        if let path = options.pcapPath {
            do throws(PcapError) { writer = try PcapWriter(path: path, linkType: options.pcapLinkType) } catch { throw .pcap(error) }
        }
        do throws(PacketCaptureError) {
            loopback = try LoopbackCapture(options: .init(interface: options.interface, clockOffset: offset)) { [writer] segment in
                try? writer?.write(segment)
                store.take(segment)
            }
        } catch {
            try? writer?.close()
            throw .capture(error)
        }
        self.clock = clock
        self.capture = TraceHeader.Capture(interface: options.interface)
        self.pcap = writer
        self.store = store
    }

    /// The header with this capture's clock and what it captures.
    public func describe(_ header: TraceHeader) -> TraceHeader {
        var header = header
        header.clock = clock
        header.packets = capture
        return header
    }

    public func events(before event: TraceEvent) -> [TraceEvent] {
        watchPorts(of: event)
        return events(through: event.time)
    }

    public func events(through time: UInt64) -> [TraceEvent] {
        loopback.collect()
        return store.take(through: time)
    }

    /// Stops the capture, numbers every segment still held (after every event so far), says so when the
    /// kernel dropped some, and closes the pcap file; throws the pcap's first write error.
    @discardableResult
    public func finish(_ tracer: Tracer) throws(Failure) -> CaptureStatistics {
        let statistics = loopback.stop()
        tracer.emitInterleaved(through: .max)
        if statistics.kernelDrops > 0 {
            var note = TraceEvent(time: tracer.now(), phase: .instant, actor: .tool, operation: .note,
                                  text: "the capture missed \(statistics.kernelDrops) frames: the kernel's queue for it was full",
                                  origin: .tool)
            tracer.emit(&note)
        }
        do throws(PcapError) { try pcap?.close() } catch { throw .pcap(error) }
        return statistics
    }

    /// The ports of a socket's own address and of the one it connects to: every segment of a traced
    /// connection has one of them.
    private func watchPorts(of event: TraceEvent) {
        switch event.operation {
        case .bind, .listen, .connect, .accept: break
        default: return
        }
        let ports = [event.local, event.address].compactMap { $0.flatMap(Endpoint.init)?.port }
            .filter { $0 > 0 }.map { UInt16($0) }
        let new = store.firstSeen(ports)
        if !new.isEmpty { loopback.watch(ports: new) }
    }
}

/// The segments converted and not yet handed out, in time order, and what converting them needs.
private final class SegmentStore: Sendable {
    private let origin: UInt64
    private let state = Mutex<State>(State())

    private struct State {
        var pending: [TraceEvent] = []
        var sequences: [TCPConnection: ConnectionSequence] = [:]
        var watched: Set<UInt16> = []
    }

    init(origin: UInt64) { self.origin = origin }

    /// Converts a segment as it arrives (in capture order) and keeps it in time order.
    func take(_ segment: TCPSegment) {
        let time = segment.time >= origin ? segment.time - origin : 0
        state.withLock { state in
            let numbers = state.sequences[segment.connection, default: ConnectionSequence()].relative(segment)
            let event = TraceEvent(segment: segment.summary(numbers), time: time, source: segment.source.description,
                                   destination: segment.destination.description)
            let index = state.pending.lastIndex { $0.time <= time }.map { $0 + 1 } ?? 0
            state.pending.insert(event, at: index)
        }
    }

    /// Hands out the segments up to `time`.
    func take(through time: UInt64) -> [TraceEvent] {
        state.withLock { state in
            let due = state.pending.prefix { $0.time <= time }.count
            guard due > 0 else { return [] }
            defer { state.pending.removeFirst(due) }
            return Array(state.pending[..<due])
        }
    }

    /// The ports among these not seen before.
    func firstSeen(_ ports: [UInt16]) -> [UInt16] {
        state.withLock { state in ports.filter { state.watched.insert($0).inserted } }
    }
}

extension TCPSegment {
    /// What a trace event says of the segment.
    func summary(_ numbers: RelativeNumbers) -> TraceEvent.Segment {
        TraceEvent.Segment(flags: flags, sequence: numbers.sequence, acknowledgement: numbers.acknowledgement,
                           payloadLength: payloadLength, window: window, windowBytes: scaledWindow,
                           maximumSegmentSize: flags.contains(.syn) ? options.maximumSegmentSize : nil,
                           windowScale: flags.contains(.syn) ? options.windowScale : nil)
    }
}
