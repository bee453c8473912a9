import TraceCore
import TraceSockets
import TraceText

/// One socket call's start or done as a plain value: what a lane fills in on the traced program's own
/// thread. No string, no reference: the event's text (addresses, the payload's escaped preview, the error's
/// name and message) is made from it later, off that thread.
///
/// Small (at most a ring slot, 128 bytes): numbers with a sentinel for "none" instead of optionals. What
/// only some calls have (addresses, the kernel's view, the payload's first bytes) goes beside it, into the
/// slot's tail (`Tail`), and only when there is one.
struct SocketRecord: EventRecord {
    enum LaneActor: UInt8, BitwiseCopyable {
        case client, server

        init?(_ actor: TraceEvent.Actor) {
            switch actor {
            case .client: self = .client
            case .server: self = .server
            default: return nil
            }
        }

        var actor: TraceEvent.Actor { self == .client ? .client : .server }
    }

    /// Which parts of the tail were written.
    struct Parts: OptionSet, BitwiseCopyable {
        let rawValue: UInt8
        static let address = Parts(rawValue: 1)
        static let local = Parts(rawValue: 2)
        static let remote = Parts(rawValue: 4)
        static let tcp = Parts(rawValue: 8)
        static let payload = Parts(rawValue: 16)
        static let byTool = Parts(rawValue: 32)
        static let wokenByTool = Parts(rawValue: 64)
    }

    /// Where each part goes in a slot's tail.
    enum Tail {
        static let address = 0
        static let local = address + MemoryLayout<PackedAddress>.stride
        static let remote = local + MemoryLayout<PackedAddress>.stride
        static let tcp = remote + MemoryLayout<PackedAddress>.stride
        static let payload = tcp + MemoryLayout<TCPInfo>.stride
        static let size = payload + PayloadPrefix.stored
    }

    static let none32 = Int32.min
    static let none64 = Int64.min

    var time: UInt64
    var duration: UInt64 = .max
    var callID: UInt64 = 0
    var requestedBytes: Int64 = none64
    var bytes: Int64 = none64
    /// Bytes the payload had (its first ones are in the tail).
    var payloadCount: Int64 = 0
    var connection: Int32 = none32
    var step: Int32 = none32
    var fd: Int32 = none32
    var newFD: Int32 = none32
    var sendCalls: Int32 = none32
    var optionValue: Int32 = none32
    var backlog: Int32 = none32
    var timeout: Int32 = none32
    var errno: Int32 = 0
    var payloadKept: UInt8 = 0
    var payloadLimit: UInt8 = 0
    var phase: TraceEvent.Phase
    var actor: LaneActor
    var operation: SocketOperation
    var failedCall: SocketOperation
    var family: SocketAddress.Family?
    var option: SocketOption?
    var how: ShutdownHow?
    var ready: Bool?
    var parts: Parts = []

    init(time: UInt64, phase: TraceEvent.Phase, actor: LaneActor, operation: SocketOperation) {
        self.time = time
        self.phase = phase
        self.actor = actor
        self.operation = operation
        failedCall = operation
    }

    static func int32(_ value: Int?) -> Int32 { value.map { Int32(truncatingIfNeeded: $0) } ?? none32 }
    static func int32(_ value: Int32?) -> Int32 { value ?? none32 }
    static func int64(_ value: Int?) -> Int64 { value.map { Int64($0) } ?? none64 }
    static func optional(_ value: Int32) -> Int32? { value == none32 ? nil : value }
    static func optional(_ value: Int32) -> Int? { value == none32 ? nil : Int(value) }
    static func optional(_ value: Int64) -> Int? { value == none64 ? nil : Int(value) }

    /// Writes what the call has beside the record into `tail`, and notes which parts it wrote.
    mutating func fill(_ tail: UnsafeMutableRawPointer, address: PackedAddress?, local: PackedAddress?, remote: PackedAddress?,
                       tcp: TCPInfo?, payload: UnsafeRawBufferPointer?, previewLimit: Int) {
        if let address { (tail + Tail.address).storeBytes(of: address, as: PackedAddress.self); parts.insert(.address) }
        if let local { (tail + Tail.local).storeBytes(of: local, as: PackedAddress.self); parts.insert(.local) }
        if let remote { (tail + Tail.remote).storeBytes(of: remote, as: PackedAddress.self); parts.insert(.remote) }
        if let tcp { (tail + Tail.tcp).storeBytes(of: tcp, as: TCPInfo.self); parts.insert(.tcp) }
        if let payload, payload.count > 0 {
            payloadCount = Int64(payload.count)
            payloadLimit = UInt8(min(max(previewLimit, 0), PayloadPrefix.capacity))
            payloadKept = UInt8(PayloadPrefix.copy(payload, to: tail + Tail.payload))
            parts.insert(.payload)
        }
    }

    func event(seq: UInt64, tail: UnsafeRawPointer) -> TraceEvent {
        func address(_ part: Parts, _ offset: Int) -> String? {
            parts.contains(part) ? tail.loadUnaligned(fromByteOffset: offset, as: PackedAddress.self).description : nil
        }
        let tcp = parts.contains(.tcp) ? tail.loadUnaligned(fromByteOffset: Tail.tcp, as: TCPInfo.self) : nil
        let preview = parts.contains(.payload)
            ? PayloadPrefix.preview(kept: UnsafeRawBufferPointer(start: tail + Tail.payload, count: Int(payloadKept)),
                                    total: Int(payloadCount), limit: Int(payloadLimit))
            : nil
        let error = errno == 0 ? nil : Errno(rawValue: errno)
        return TraceEvent(seq: seq, time: time, phase: phase, actor: actor.actor, connection: Self.optional(connection),
                          operation: TraceEvent.Operation(operation), step: Self.optional(step), fd: Self.optional(fd),
                          duration: duration == .max ? nil : duration, newFD: Self.optional(newFD),
                          requestedBytes: Self.optional(requestedBytes), bytes: Self.optional(bytes),
                          sendCalls: Self.optional(sendCalls), preview: preview,
                          address: address(.address, Tail.address), family: family?.rawValue, option: option?.rawValue,
                          optionValue: Self.optional(optionValue), backlog: Self.optional(backlog), how: how?.rawValue,
                          local: address(.local, Tail.local), remote: address(.remote, Tail.remote),
                          error: error.map { TraceEvent.Failure(name: $0.name, code: $0.rawValue, message: $0.message, call: failedCall.rawValue) },
                          tcp: tcp.map(TraceEvent.KernelView.init), callID: callID == 0 ? nil : callID,
                          origin: parts.contains(.byTool) ? .tool : nil,
                          timeout: Self.optional(timeout), returnValue: ready.map { $0 ? 1 : 0 },
                          wokenBy: parts.contains(.wokenByTool) ? .tool : nil)
    }
}

/// The sizes of what a record holds, for tests that keep it within a ring slot.
public enum SocketTracingSizes {
    public static var record: Int { MemoryLayout<SocketRecord>.size }
    public static var tail: Int { SocketRecord.Tail.size }
    public static var tcp: Int { MemoryLayout<TCPInfo?>.size }
    public static var address: Int { MemoryLayout<PackedAddress?>.size }
}
