// The one mapping between `TraceEvent` and its public JSON form (format version 1).
// The JSON Lines writer and reader and the `Codable` conformance all go through it.

extension TraceEvent {
    /// The event as a JSON object, members in a fixed order, absent fields left out.
    public var json: JSONValue {
        var m: [(String, JSONValue)] = [
            ("v", .integer(TraceEvent.formatVersion)), ("seq", .integer(seq)), ("t_ns", .integer(time)),
            ("phase", .string(phase.rawValue)), ("actor", .string(actor.rawValue)),
        ]
        func add<T: BinaryInteger>(_ key: String, _ value: T?) { if let value { m.append((key, .integer(value))) } }
        func add(_ key: String, _ value: String?) { if let value { m.append((key, .string(value))) } }
        add("conn", connection)
        add("pid", pid)
        add("tid", tid)
        m.append(("op", .string(operation.rawValue)))
        add("syscall", systemCall)
        add("id", callID)
        add("by", origin?.rawValue)
        add("step", step)
        add("fd", fd)
        add("dur_ns", duration)
        add("new_fd", newFD)
        add("asked", requestedBytes)
        add("bytes", bytes)
        add("calls", sendCalls)
        add("preview", preview)
        add("addr", address)
        add("family", family)
        add("option", option)
        add("value", optionValue)
        add("backlog", backlog)
        add("how", how)
        add("timeout_ms", timeout)
        add("ret", returnValue)
        add("woken_by", wokenBy?.rawValue)
        add("status", exitStatus)
        add("signal", signal)
        add("local", local)
        add("remote", remote)
        if let error {
            m.append(("error", .object([("name", .string(error.name)), ("code", .integer(error.code)),
                                        ("message", .string(error.message)), ("call", .string(error.call))])))
        }
        if let tcp { m.append(("tcp", tcp.json)) }
        if let segment { m.append(("segment", segment.json)) }
        add("text", text)
        if let header { m.append(("header", header.json)) }
        return .object(m)
    }

    /// Reads an event from its JSON object; the error says which field is wrong and why.
    public init(json: JSONValue) throws(EventDecodingError) {
        let r = try FieldReader(json, context: "")
        let version: Int = try r.required("v")
        guard version == TraceEvent.formatVersion else {
            throw EventDecodingError("unsupported format version \(version) (this trace reads version \(TraceEvent.formatVersion))",
                                     es: "versión de formato \(version) no admitida (este trace lee la versión \(TraceEvent.formatVersion))")
        }
        let phaseName: String = try r.required("phase")
        guard let phase = Phase(rawValue: phaseName) else {
            throw EventDecodingError("field \"phase\": expected start, done or instant, got \"\(phaseName)\"",
                                     es: "campo \"phase\": se esperaba start, done o instant, no \"\(phaseName)\"")
        }
        self.init(seq: try r.required("seq"), time: try r.required("t_ns"), phase: phase,
                  actor: Actor(rawValue: try r.required("actor")), connection: try r.optional("conn"),
                  operation: Operation(rawValue: try r.required("op")), step: try r.optional("step"),
                  fd: try r.optional("fd"))
        pid = try r.optional("pid")
        tid = try r.optional("tid")
        callID = try r.optional("id")
        systemCall = try r.optional("syscall")
        if let by: String = try r.optional("by") {
            guard let origin = Origin(rawValue: by) else {
                throw EventDecodingError("field \"by\": expected \"trace\", got \"\(by)\"", es: "campo \"by\": se esperaba \"trace\", no \"\(by)\"")
            }
            self.origin = origin
        }
        duration = try r.optional("dur_ns")
        newFD = try r.optional("new_fd")
        requestedBytes = try r.optional("asked")
        bytes = try r.optional("bytes")
        sendCalls = try r.optional("calls")
        preview = try r.optional("preview")
        address = try r.optional("addr")
        family = try r.optional("family")
        option = try r.optional("option")
        optionValue = try r.optional("value")
        backlog = try r.optional("backlog")
        how = try r.optional("how")
        timeout = try r.optional("timeout_ms")
        returnValue = try r.optional("ret")
        if let woken: String = try r.optional("woken_by") {
            guard let origin = Origin(rawValue: woken) else {
                throw EventDecodingError("field \"woken_by\": expected \"trace\", got \"\(woken)\"", es: "campo \"woken_by\": se esperaba \"trace\", no \"\(woken)\"")
            }
            wokenBy = origin
        }
        exitStatus = try r.optional("status")
        signal = try r.optional("signal")
        local = try r.optional("local")
        remote = try r.optional("remote")
        if let object = r.member("error") { error = try Failure(json: object) }
        if let object = r.member("tcp") { tcp = try KernelView(json: object) }
        if let object = r.member("segment") { segment = try Segment(json: object) }
        text = try r.optional("text")
        if let object = r.member("header") { header = try TraceHeader(json: object) }
        if operation == .header && header == nil { throw EventDecodingError("a header event needs its \"header\" member", es: "un evento header necesita su miembro \"header\"") }
        if operation == .segment && segment == nil { throw EventDecodingError("a segment event needs its \"segment\" member", es: "un evento segment necesita su miembro \"segment\"") }
    }
}

extension TraceEvent.Failure {
    init(json: JSONValue) throws(EventDecodingError) {
        let e = try FieldReader(json, context: "error.")
        self.init(name: try e.required("name"), code: try e.required("code"),
                  message: try e.required("message"), call: try e.required("call"))
    }
}

extension TraceEvent.KernelView {
    public var json: JSONValue {
        var m: [(String, JSONValue)] = []
        func add<T: BinaryInteger>(_ key: String, _ value: T?) { if let value { m.append((key, .integer(value))) } }
        if let state { m.append(("state", .string(state.name))) }
        add("rtt_us", rttMicroseconds)
        add("rttvar_us", rttVarianceMicroseconds)
        add("unacked", unacked)
        add("retrans", retransmits)
        add("total_retrans", totalRetransmits)
        add("bytes_acked", bytesAcked)
        add("bytes_received", bytesReceived)
        add("queue", acceptQueue)
        add("backlog", backlog)
        return .object(m)
    }

    public init(json: JSONValue) throws(EventDecodingError) {
        let r = try FieldReader(json, context: "tcp.")
        var state: TCPState?
        if let name: String = try r.optional("state") {
            guard let known = TCPState(name: name) else { throw EventDecodingError("field \"tcp.state\": unknown TCP state \"\(name)\"", es: "campo \"tcp.state\": estado TCP desconocido \"\(name)\"") }
            state = known
        }
        self.init(state: state, rttMicroseconds: try r.optional("rtt_us"),
                  rttVarianceMicroseconds: try r.optional("rttvar_us"), unacked: try r.optional("unacked"),
                  retransmits: try r.optional("retrans"), totalRetransmits: try r.optional("total_retrans"),
                  bytesAcked: try r.optional("bytes_acked"), bytesReceived: try r.optional("bytes_received"),
                  acceptQueue: try r.optional("queue"), backlog: try r.optional("backlog"))
    }
}

/// Why a JSON object is not a valid event.
public struct EventDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public let reason: String
    /// The reason in Spanish, where there is one.
    public let spanish: String?
    public init(_ reason: String, es spanish: String? = nil) {
        self.reason = reason
        self.spanish = spanish
    }
    public var description: String { reason }
}

/// Typed access to an object's members, with errors that name the field.
struct FieldReader {
    let members: [(String, JSONValue)]
    let context: String

    init(_ value: JSONValue, context: String) throws(EventDecodingError) {
        guard case .object(let members) = value else {
            throw EventDecodingError(context.isEmpty ? "expected a JSON object" : "field \"\(context.dropLast())\": expected an object", es: context.isEmpty ? "se esperaba un objeto JSON" : "campo \"\(context.dropLast())\": se esperaba un objeto")
        }
        self.members = members
        self.context = context
    }

    func member(_ key: String) -> JSONValue? { members.first { $0.0 == key }?.1 }

    func required<T: ReadableField>(_ key: String) throws(EventDecodingError) -> T {
        guard let value = try optional(key) as T? else { throw EventDecodingError("missing field \"\(context)\(key)\"", es: "falta el campo \"\(context)\(key)\"") }
        return value
    }

    func optional<T: ReadableField>(_ key: String) throws(EventDecodingError) -> T? {
        guard let value = member(key), value != .null else { return nil }
        guard let result = T(field: value) else {
            throw EventDecodingError("field \"\(context)\(key)\": expected \(T.expectation)",
                                     es: "campo \"\(context)\(key)\": se esperaba \(T.spanishExpectation)")
        }
        return result
    }
}

protocol ReadableField {
    init?(field: JSONValue)
    static var expectation: String { get }
    static var spanishExpectation: String { get }
}

extension String: ReadableField {
    init?(field: JSONValue) {
        guard case .string(let s) = field else { return nil }
        self = s
    }
    static var expectation: String { "a string" }
    static var spanishExpectation: String { "un texto" }
}

protocol ReadableInteger: ReadableField, FixedWidthInteger {}

extension ReadableInteger {
    init?(field: JSONValue) {
        guard case .number(let text) = field, let value = Self(text, radix: 10) else { return nil }
        self = value
    }
    static var expectation: String {
        Self.isSigned ? "an integer" : "a non-negative integer (at most \(Self.max))"
    }
    static var spanishExpectation: String {
        Self.isSigned ? "un entero" : "un entero no negativo (como mucho \(Self.max))"
    }
}

extension Int: ReadableInteger {}
extension Int32: ReadableInteger {}
extension UInt8: ReadableInteger {}
extension UInt16: ReadableInteger {}
extension Int64: ReadableInteger {}
extension UInt32: ReadableInteger {}
extension UInt64: ReadableInteger {}
