import TraceSockets

/// Why a packet capture could not start, or stopped: the cause in the system's terms, and what to do.
public struct PacketCaptureError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// EPERM (or EACCES): the process lacks CAP_NET_RAW, which `socket(AF_PACKET)` needs.
        case notPermitted(Errno)
        /// The system has no interface of that name.
        case noSuchInterface(String)
        /// The interface exists but is down, so nothing would cross it (a new namespace's `lo` before it is brought up).
        case interfaceDown(String)
        /// Any other failure of a call.
        case system(Errno)
        /// Packet capture is built for Linux only.
        case linuxOnly
    }

    /// A call the capture makes.
    public enum Operation: String, Hashable, Sendable {
        case socket, bind, setsockopt, getsockopt, recvmsg, poll, ioctl, pipe
        case ifNameToIndex = "if_nametoindex"
        case pthreadCreate = "pthread_create"
    }

    public let reason: Reason
    public let operation: Operation

    public init(_ reason: Reason, operation: Operation) {
        self.reason = reason
        self.operation = operation
    }

    /// The one-time fix an administrator can apply so that `trace` may capture without root.
    public static let setcapRemedy = #"sudo setcap cap_net_raw+ep "$(command -v trace)""#

    public var description: String {
        switch reason {
        case .notPermitted(let e):
            return "capturing packets needs the CAP_NET_RAW capability: \(operation.rawValue)(AF_PACKET) failed with \(e.name) (\(e.message)). "
                + "Allow it once with `\(Self.setcapRemedy)`, or run inside a private network namespace."
        case .noSuchInterface(let name):
            return "there is no network interface named \(name) to capture on"
        case .interfaceDown(let name):
            return "the interface \(name) is down: nothing crosses it"
        case .system(let e):
            return "\(operation.rawValue)(): \(e.name): \(e.message)"
        case .linuxOnly:
            return "packet capture is available on Linux only"
        }
    }

    /// Maps a failed call's errno: EPERM and EACCES mean a missing capability.
    static func failed(_ operation: Operation, _ errno: Errno) -> PacketCaptureError {
        if errno == .notPermitted || errno == .permissionDenied {
            return PacketCaptureError(.notPermitted(errno), operation: operation)
        }
        return PacketCaptureError(.system(errno), operation: operation)
    }
}
