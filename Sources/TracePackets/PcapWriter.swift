import Synchronization

/// Writes TCP segments to a classic pcap file (nanosecond timestamps, v2.4) that Wireshark and `tshark -r`
/// open: one record per segment, as the capture kept it.
///
/// Records are buffered and written in blocks. The first write error is kept: every later `write`, `flush`
/// and `close` throws it, so an error seen nowhere else (in a capture handler, say) still surfaces at `close`.
public final class PcapWriter: Sendable {
    public let path: String
    public let linkType: PcapLinkType
    public let snapLength: Int
    private let state: Mutex<State>

    private struct State {
        var file: PcapFile?
        var buffer: [UInt8] = []
        var failure: PcapError?
        var records = 0
    }

    private static let blockSize = 1 << 16

    /// Creates (or truncates) `path` and writes the file header.
    ///
    /// The corresponding C functions are `open` and `write`.
    public init(path: String, linkType: PcapLinkType = .ethernet, snapLength: Int = 262_144) throws(PcapError) {
        let file = try PcapFile.create(path)
        self.path = path
        self.linkType = linkType
        self.snapLength = snapLength
        var state = State(file: file)
        state.buffer = PcapFormat.fileHeader(linkType: linkType, snapLength: UInt32(clamping: snapLength))
        self.state = Mutex(state)
    }

    /// Records written (or buffered) so far.
    public var recordsWritten: Int { state.withLock { $0.records } }

    /// Appends one record. Thread-safe; records keep the order of the calls.
    public func write(_ segment: TCPSegment) throws(PcapError) {
        try state.withLock { state throws(PcapError) in
            if let failure = state.failure { throw failure }
            PcapFormat.appendRecord(segment, linkType: linkType, snapLength: snapLength, to: &state.buffer)
            state.records += 1
            if state.buffer.count >= Self.blockSize { try Self.flush(&state) }
        }
    }

    /// Writes what is buffered.
    ///
    /// The corresponding C function is `write`.
    public func flush() throws(PcapError) {
        try state.withLock { state throws(PcapError) in try Self.flush(&state) }
    }

    /// Writes what is buffered and closes the file; throws the first error of the file's life. Closing
    /// twice does nothing the second time.
    ///
    /// The corresponding C functions are `write` and `close`.
    public func close() throws(PcapError) {
        try state.withLock { state throws(PcapError) in
            guard let file = state.file else { return }
            do throws(PcapError) {
                try Self.flush(&state)
                state.file = nil
                try file.close()
            } catch {
                if state.file != nil { file.discard() }
                state.file = nil
                state.failure = state.failure ?? error
                throw state.failure!
            }
        }
    }

    deinit {
        state.withLock { state in
            if let file = state.file {
                if state.failure == nil, (try? file.writeAll(state.buffer)) != nil, (try? file.close()) != nil { return }
                file.discard()
            }
        }
    }

    private static func flush(_ state: inout State) throws(PcapError) {
        if let failure = state.failure { throw failure }
        guard let file = state.file else { return }
        do throws(PcapError) {
            try file.writeAll(state.buffer)
            state.buffer.removeAll(keepingCapacity: true)
        } catch {
            state.failure = error
            throw error
        }
    }
}
