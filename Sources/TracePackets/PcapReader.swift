/// Reads a classic pcap file: its link type and its records, and the TCP segments in them. Reads files in
/// either byte order, with microsecond or nanosecond stamps, of link type Ethernet or Linux SLL2.
public struct PcapReader: Sendable {
    /// One record: when, and the bytes as the file holds them.
    public struct Record: Hashable, Sendable {
        /// CLOCK_REALTIME nanoseconds since 1970.
        public var wallTime: UInt64
        /// The frame's length on the link (more than `bytes.count` when the capture truncated it).
        public var originalLength: Int
        public var bytes: [UInt8]
    }

    public let linkType: PcapLinkType
    /// Whether the file's stamps have nanoseconds (magic 0xa1b23c4d) rather than microseconds.
    public let hasNanosecondStamps: Bool
    public let snapLength: Int
    public let versionMajor: UInt16
    public let versionMinor: UInt16
    public let records: [Record]

    /// Reads the whole file.
    ///
    /// The corresponding C functions are `open`, `read` and `close`.
    public init(path: String) throws(PcapError) {
        let file = try PcapFile.openForReading(path)
        let bytes: [UInt8]
        do throws(PcapError) {
            bytes = try file.readAll()
        } catch {
            file.discard()
            throw error
        }
        file.discard()
        try self.init(bytes: bytes, path: path)
    }

    /// Reads a pcap held in memory; `path` names it in errors.
    public init(bytes: [UInt8], path: String = "pcap") throws(PcapError) {
        func malformed(_ why: String) -> PcapError { PcapError(.malformed(why), path: path) }
        let parsed: Result<PcapReader, PcapError> = bytes.withUnsafeBytes { raw in
            guard raw.count >= PcapFormat.fileHeaderLength else { return .failure(malformed("shorter than a pcap header")) }
            let magic = raw.littleEndianUInt32(at: 0)
            let swapped = magic.byteSwapped
            let littleEndian = magic == PcapFormat.nanosecondMagic || magic == PcapFormat.microsecondMagic
            guard littleEndian || swapped == PcapFormat.nanosecondMagic || swapped == PcapFormat.microsecondMagic else {
                return .failure(malformed("unknown magic number 0x\(String(magic, radix: 16))"))
            }
            let word = { (offset: Int) -> UInt32 in
                let value = raw.littleEndianUInt32(at: offset)
                return littleEndian ? value : value.byteSwapped
            }
            let nanoseconds = (littleEndian ? magic : swapped) == PcapFormat.nanosecondMagic
            let versionWord = word(4)
            let (major, minor) = littleEndian
                ? (UInt16(versionWord & 0xFFFF), UInt16(versionWord >> 16))
                : (UInt16(versionWord >> 16), UInt16(versionWord & 0xFFFF))
            guard let link = PcapLinkType(rawValue: word(20) & 0x0FFF_FFFF) else {
                return .failure(malformed("link type \(word(20)) is neither Ethernet (1) nor Linux SLL2 (276)"))
            }
            var records: [Record] = []
            var offset = PcapFormat.fileHeaderLength
            while offset < raw.count {
                guard raw.count - offset >= PcapFormat.recordHeaderLength else {
                    return .failure(malformed("a record header is cut short at byte \(offset)"))
                }
                let seconds = UInt64(word(offset)), fraction = UInt64(word(offset + 4))
                let included = Int(word(offset + 8)), original = Int(word(offset + 12))
                let start = offset + PcapFormat.recordHeaderLength
                guard raw.count - start >= included else {
                    return .failure(malformed("record \(records.count + 1) is cut short"))
                }
                records.append(Record(wallTime: seconds * 1_000_000_000 + (nanoseconds ? fraction : fraction * 1000),
                                      originalLength: original, bytes: Array(bytes[start..<(start + included)])))
                offset = start + included
            }
            return .success(PcapReader(linkType: link, hasNanosecondStamps: nanoseconds, snapLength: Int(word(16)),
                                       versionMajor: major, versionMinor: minor, records: records))
        }
        self = try parsed.get()
    }

    private init(linkType: PcapLinkType, hasNanosecondStamps: Bool, snapLength: Int, versionMajor: UInt16,
                 versionMinor: UInt16, records: [Record]) {
        self.linkType = linkType
        self.hasNanosecondStamps = hasNanosecondStamps
        self.snapLength = snapLength
        self.versionMajor = versionMajor
        self.versionMinor = versionMinor
        self.records = records
    }

    /// The TCP segments of the file, in its order, their times converted with `clockOffset` (REALTIME −
    /// MONOTONIC of the run that wrote it; zero leaves `time` on the wall clock). Records that hold no TCP
    /// segment are left out. SLL2 records come back as Ethernet frames, as `lo` gives them (destination
    /// address zeros), with their direction, interface and hardware type; an Ethernet file keeps none of
    /// those, so its frames say `.host`, interface 0 and hardware type 1 (ARPHRD_ETHER).
    public func segments(clockOffset: ClockOffset = ClockOffset(nanoseconds: 0)) -> [TCPSegment] {
        var windows = WindowScaling()
        return records.compactMap { record in
            let frame: CapturedFrame?
            switch linkType {
            case .ethernet:
                frame = CapturedFrame(bytes: record.bytes, length: record.originalLength, packetType: .host,
                                      interfaceIndex: 0, hardwareType: 1)
            case .linuxSLL2:
                frame = PcapFormat.frame(fromSLL2: record.bytes, originalLength: record.originalLength)
            }
            guard let frame, var segment = TCPSegment(frame: frame, wallTime: record.wallTime, clockOffset: clockOffset)
            else { return nil }
            windows.apply(to: &segment)
            return segment
        }
    }
}
