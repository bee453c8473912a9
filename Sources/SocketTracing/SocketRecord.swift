import TraceCore
import TraceSockets
import TraceText

/// One socket call's start or done as a plain value: what a lane fills in on the traced program's own
/// thread. No string, no reference: the event's text (addresses, the payload's escaped preview, the error's
/// name and message) is made from it later, off that thread.
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

    var time: UInt64
    var phase: TraceEvent.Phase
    var actor: LaneActor
    var connection: Int?
    var operation: SocketOperation
    var step: Int?
    var fd: Int32?
    var duration: UInt64?
    var newFD: Int32?
    var requestedBytes: Int?
    var bytes: Int?
    var sendCalls: Int?
    var payload: PayloadPrefix
    var address: PackedAddress?
    var family: SocketAddress.Family?
    var option: SocketOption?
    var optionValue: Int32?
    var backlog: Int32?
    var how: ShutdownHow?
    var local: PackedAddress?
    var remote: PackedAddress?
    var errno: Errno?
    var failedCall: SocketOperation
    var tcp: TCPInfo?
    var callID: UInt64?
    var byTool: Bool
    var wokenByTool: Bool
    var timeout: Int32?
    var ready: Bool?

    func event(seq: UInt64) -> TraceEvent {
        TraceEvent(seq: seq, time: time, phase: phase, actor: actor.actor, connection: connection,
                   operation: TraceEvent.Operation(operation), step: step, fd: fd, duration: duration, newFD: newFD,
                   requestedBytes: requestedBytes, bytes: bytes, sendCalls: sendCalls, preview: payload.preview,
                   address: address?.description, family: family?.rawValue, option: option?.rawValue,
                   optionValue: optionValue, backlog: backlog, how: how?.rawValue, local: local?.description,
                   remote: remote?.description,
                   error: errno.map { TraceEvent.Failure(name: $0.name, code: $0.rawValue, message: $0.message, call: failedCall.rawValue) },
                   tcp: tcp.map(TraceEvent.KernelView.init), callID: callID, origin: byTool ? .tool : nil,
                   timeout: timeout, returnValue: ready.map { $0 ? 1 : 0 }, wokenBy: wokenByTool ? .tool : nil)
    }
}

/// The sizes of what a record holds, for tests that keep it within a ring slot.
public enum SocketTracingSizes {
    public static var record: Int { MemoryLayout<SocketRecord>.size }
    public static var tcp: Int { MemoryLayout<TCPInfo?>.size }
    public static var address: Int { MemoryLayout<PackedAddress?>.size }
}
