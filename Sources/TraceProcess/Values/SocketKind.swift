/// A socket's address family, as the Linux kernel numbers it.
public enum AddressFamily: Sendable, Hashable, CustomStringConvertible {
    case unix, inet, inet6, netlink, packet
    case other(Int32)

    public init(linuxValue value: Int32) {
        switch value {
        case 1: self = .unix
        case 2: self = .inet
        case 10: self = .inet6
        case 16: self = .netlink
        case 17: self = .packet
        default: self = .other(value)
        }
    }

    /// `AF_INET`, `AF_INET6`, ...
    public var name: String {
        switch self {
        case .unix: return "AF_UNIX"
        case .inet: return "AF_INET"
        case .inet6: return "AF_INET6"
        case .netlink: return "AF_NETLINK"
        case .packet: return "AF_PACKET"
        case .other(let value): return "AF_\(value)"
        }
    }

    public var description: String { name }
}

/// A socket's type without its flags.
public enum SocketType: Sendable, Hashable, CustomStringConvertible {
    case stream, datagram, raw, sequencedPacket
    case other(Int32)

    /// Decodes the type part of `socket()`'s second argument (its flags are `SocketFlags`).
    public init(linuxValue value: Int32) {
        switch value & 0xf {
        case 1: self = .stream
        case 2: self = .datagram
        case 3: self = .raw
        case 5: self = .sequencedPacket
        default: self = .other(value & 0xf)
        }
    }

    /// `SOCK_STREAM`, `SOCK_DGRAM`, ...
    public var name: String {
        switch self {
        case .stream: return "SOCK_STREAM"
        case .datagram: return "SOCK_DGRAM"
        case .raw: return "SOCK_RAW"
        case .sequencedPacket: return "SOCK_SEQPACKET"
        case .other(let value): return "SOCK_\(value)"
        }
    }

    public var description: String { name }
}

/// What the tracer knows of a socket descriptor.
public struct SocketKind: Sendable, Hashable, CustomStringConvertible {
    public let family: AddressFamily
    public let type: SocketType
    /// The protocol number given to `socket()` or read back with SO_PROTOCOL (6 is TCP); nil when not known.
    public let protocolNumber: Int32?

    public init(family: AddressFamily, type: SocketType, protocolNumber: Int32?) {
        self.family = family
        self.type = type
        self.protocolNumber = protocolNumber
    }

    /// A socket known to be one, of a kind the tracer could not read (`/proc/PID/fd/N` said `socket:[…]`).
    public static let unknown = SocketKind(family: .other(-1), type: .other(-1), protocolNumber: nil)

    /// An IPv4 or IPv6 stream socket with the TCP protocol (0 means the default, TCP, for a stream).
    public var isTCP: Bool {
        (family == .inet || family == .inet6) && type == .stream && (protocolNumber ?? 0 == 0 || protocolNumber == 6)
    }

    public var description: String { isTCP ? "TCP/\(family == .inet ? "IPv4" : "IPv6")" : "\(family) \(type)" }
}
