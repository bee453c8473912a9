import TraceText

/// A line of a recording that could not be read, and why.
public struct JSONLinesError: Error, Hashable, Sendable, CustomStringConvertible {
    public let source: String
    /// 1-based; nil when the problem is the file itself.
    public let line: Int?
    public let reason: String
    /// When the line is a valid event that the recording cannot hold (see `RecordingValidation`).
    public var violation: RecordingViolation? = nil
    /// The reason in Spanish, where the reader has it.
    public var spanish: String? = nil

    public var description: String { message(.en) }

    /// `file:line: why`, the why in `language` where the reader has it in both.
    public func message(_ language: Language) -> String {
        let why = violation?.text(language) ?? (language == .es ? spanish ?? reason : reason)
        if let line { return "\(source):\(line): \(why)" }
        return "\(source): \(why)"
    }

    init(source: String, line: Int?, reason: String, violation: RecordingViolation? = nil, spanish: String? = nil) {
        self.source = source
        self.line = line
        self.reason = reason
        self.violation = violation
        self.spanish = spanish
    }

    init(source: String, line: Int, _ violation: RecordingViolation) {
        self.init(source: source, line: line, reason: violation.text(.en), violation: violation)
    }
}

/// Reads a JSON Lines recording back into events, strictly: the first bad line stops the reading with
/// `file:line: why`. Blank lines are allowed; lines are bounded, so garbage cannot exhaust memory.
public struct JSONLinesReader {
    public static let maximumLineLength = 1 << 20

    private let source: String
    private var pending: [UInt8] = []
    private var lineNumber = 0
    private var lastSeq: UInt64 = 0
    private var validation = RecordingValidation()
    public private(set) var events: [TraceEvent] = []

    public init(source: String) { self.source = source }

    /// Reads a whole file.
    public static func events(fromFile path: String) throws(JSONLinesError) -> [TraceEvent] {
        var all: [TraceEvent] = []
        try forEachEvent(inFile: path) { all += $0 }
        return all
    }

    /// Reads a file chunk by chunk, handing over the events of each chunk as soon as they are decoded,
    /// so that a long recording is drawn as it is read and never held whole in memory. The reading and
    /// decoding run on a thread of their own (`DecodingThread`); `body` runs on the caller's.
    public static func forEachEvent(inFile path: String, _ body: ([TraceEvent]) -> Void) throws(JSONLinesError) {
        let file: ReadableFile
        do { file = try ReadableFile(path: path) } catch {
            switch error {
            case .noSuchFile: throw JSONLinesError(source: path, line: nil, reason: "no such file", spanish: "no existe ese archivo")
            case .isDirectory: throw JSONLinesError(source: path, line: nil, reason: "is a directory", spanish: "es un directorio")
            default: throw JSONLinesError(source: path, line: nil, reason: "cannot be opened for reading",
                                          spanish: "no se puede abrir para leerlo")
            }
        }
        let decoding = DecodingThread.start(file, source: path)
        while true {
            switch decoding.take() {
            case .events(let events): body(events)
            case .failure(let error): throw error
            case .end: return
            }
        }
    }

    /// The events decoded so far that no one has taken yet.
    public mutating func takeEvents() -> [TraceEvent] {
        defer { events.removeAll(keepingCapacity: true) }
        return events
    }

    /// Reads recording text held in memory.
    public static func events<C: Collection>(from bytes: C, source: String) throws(JSONLinesError) -> [TraceEvent] where C.Element == UInt8 {
        var reader = JSONLinesReader(source: source)
        try reader.consume(bytes)
        return try reader.finish()
    }

    /// Feeds the next chunk of bytes; complete lines are decoded at once.
    public mutating func consume<C: Collection>(_ chunk: C) throws(JSONLinesError) where C.Element == UInt8 {
        var failure: JSONLinesError?
        let contiguous: Void? = chunk.withContiguousStorageIfAvailable { bytes in
            do throws(JSONLinesError) { try consume(bytes) } catch { failure = error }
        }
        if let failure { throw failure }
        if contiguous == nil { try consume(Array(chunk)) }
    }

    /// A line wholly in the chunk is decoded where it is; only a line cut by the chunk's end is copied.
    private mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>) throws(JSONLinesError) {
        var start = 0
        while let newline = chunk[start...].firstIndex(of: 0x0A) {
            if pending.isEmpty {
                try checkLength(newline - start)
                try decode(UnsafeBufferPointer(rebasing: chunk[start..<newline]))
            } else {
                try append(chunk[start..<newline])
                try decodePending()
            }
            start = newline + 1
        }
        try append(chunk[start...])
    }

    /// Decodes a last line without a newline and returns every event read.
    public mutating func finish() throws(JSONLinesError) -> [TraceEvent] {
        if !pending.isEmpty { try decodePending() }
        if let violation = validation.finish() { throw JSONLinesError(source: source, line: max(lineNumber, 1), violation) }
        return events
    }

    private mutating func append<C: Collection>(_ bytes: C) throws(JSONLinesError) where C.Element == UInt8 {
        try checkLength(pending.count + bytes.count)
        pending.append(contentsOf: bytes)
    }

    private func checkLength(_ length: Int) throws(JSONLinesError) {
        guard length <= JSONLinesReader.maximumLineLength else {
            throw JSONLinesError(source: source, line: lineNumber + 1,
                                 reason: "line longer than \(JSONLinesReader.maximumLineLength) bytes",
                                 spanish: "línea de más de \(JSONLinesReader.maximumLineLength) bytes")
        }
    }

    private mutating func decodePending() throws(JSONLinesError) {
        defer { pending.removeAll(keepingCapacity: true) }
        let line = pending
        var failure: JSONLinesError?
        line.withUnsafeBufferPointer { bytes in
            do throws(JSONLinesError) { try decode(bytes) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    private mutating func decode(_ whole: UnsafeBufferPointer<UInt8>) throws(JSONLinesError) {
        lineNumber += 1
        let line = whole.last == 0x0D ? UnsafeBufferPointer(rebasing: whole.dropLast()) : whole
        guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
        let event: TraceEvent
        do {
            event = try EventLineDecoder.event(line) ?? TraceEvent(json: try JSONParser.parse(line))
        } catch let e as JSONParseError {
            throw JSONLinesError(source: source, line: lineNumber, reason: "not JSON: \(e)", spanish: "no es JSON: \(e.message(.es))")
        } catch let e as EventDecodingError {
            throw JSONLinesError(source: source, line: lineNumber, reason: e.reason, spanish: e.spanish)
        } catch {
            throw JSONLinesError(source: source, line: lineNumber, reason: "\(error)")
        }
        guard event.seq > lastSeq else {
            throw JSONLinesError(source: source, line: lineNumber,
                                 reason: "seq \(event.seq) does not follow seq \(lastSeq): events out of order",
                                 spanish: "seq \(event.seq) no sigue a seq \(lastSeq): eventos fuera de orden")
        }
        if let violation = validation.check(event) { throw JSONLinesError(source: source, line: lineNumber, violation) }
        lastSeq = event.seq
        events.append(event)
    }
}
