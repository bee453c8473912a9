import TraceSockets

/// A socket option of `setsockopt`/`getsockopt`: the level and name, known ones by their C names.
public struct SocketOptionName: Sendable, Hashable, CustomStringConvertible {
    public let level: Int32
    public let option: Int32

    public init(level: Int32, option: Int32) {
        self.level = level
        self.option = option
    }

    public static let socketLevel: Int32 = 1
    public static let ipLevel: Int32 = 0
    public static let tcpLevel: Int32 = 6
    public static let ipv6Level: Int32 = 41

    public static let reuseAddress = SocketOptionName(level: socketLevel, option: 2)
    public static let type = SocketOptionName(level: socketLevel, option: 3)
    public static let error = SocketOptionName(level: socketLevel, option: 4)
    public static let broadcast = SocketOptionName(level: socketLevel, option: 6)
    public static let sendBuffer = SocketOptionName(level: socketLevel, option: 7)
    public static let receiveBuffer = SocketOptionName(level: socketLevel, option: 8)
    public static let keepAlive = SocketOptionName(level: socketLevel, option: 9)
    public static let linger = SocketOptionName(level: socketLevel, option: 13)
    public static let reusePort = SocketOptionName(level: socketLevel, option: 15)
    public static let receiveTimeout = SocketOptionName(level: socketLevel, option: 20)
    public static let sendTimeout = SocketOptionName(level: socketLevel, option: 21)
    public static let acceptsConnections = SocketOptionName(level: socketLevel, option: 30)
    public static let noDelay = SocketOptionName(level: tcpLevel, option: 1)
    public static let maximumSegment = SocketOptionName(level: tcpLevel, option: 2)
    public static let cork = SocketOptionName(level: tcpLevel, option: 3)
    public static let keepIdle = SocketOptionName(level: tcpLevel, option: 4)
    public static let keepInterval = SocketOptionName(level: tcpLevel, option: 5)
    public static let keepCount = SocketOptionName(level: tcpLevel, option: 6)
    public static let tcpInfo = SocketOptionName(level: tcpLevel, option: 11)
    public static let quickAck = SocketOptionName(level: tcpLevel, option: 12)
    public static let congestion = SocketOptionName(level: tcpLevel, option: 13)
    public static let userTimeout = SocketOptionName(level: tcpLevel, option: 18)
    public static let fastOpen = SocketOptionName(level: tcpLevel, option: 23)
    public static let ipv6Only = SocketOptionName(level: ipv6Level, option: 26)

    private static let names: [SocketOptionName: String] = [
        .reuseAddress: "SO_REUSEADDR", .type: "SO_TYPE", .error: "SO_ERROR", .broadcast: "SO_BROADCAST",
        .sendBuffer: "SO_SNDBUF", .receiveBuffer: "SO_RCVBUF", .keepAlive: "SO_KEEPALIVE", .linger: "SO_LINGER",
        .reusePort: "SO_REUSEPORT", .receiveTimeout: "SO_RCVTIMEO", .sendTimeout: "SO_SNDTIMEO",
        .acceptsConnections: "SO_ACCEPTCONN", .noDelay: "TCP_NODELAY", .maximumSegment: "TCP_MAXSEG",
        .cork: "TCP_CORK", .keepIdle: "TCP_KEEPIDLE", .keepInterval: "TCP_KEEPINTVL", .keepCount: "TCP_KEEPCNT",
        .tcpInfo: "TCP_INFO", .quickAck: "TCP_QUICKACK", .congestion: "TCP_CONGESTION",
        .userTimeout: "TCP_USER_TIMEOUT", .fastOpen: "TCP_FASTOPEN", .ipv6Only: "IPV6_V6ONLY",
    ]

    /// `SO_REUSEADDR`, `TCP_NODELAY`; `level 1 option 99` for one this table does not know.
    public var name: String { SocketOptionName.names[self] ?? "level \(level) option \(option)" }
    public var description: String { name }

    /// How the option's value is laid out in memory.
    var layout: SocketOptionValue.Layout {
        switch self {
        case .linger: return .linger
        case .receiveTimeout, .sendTimeout: return .timeval
        case .congestion: return .text
        case .error: return .errno
        case .tcpInfo: return .bytes
        default: return SocketOptionName.names[self] != nil ? .integer : .bytes
        }
    }
}

/// The value given to `setsockopt`, or read back by `getsockopt`.
public enum SocketOptionValue: Sendable, Hashable, CustomStringConvertible {
    case integer(Int32)
    /// `struct linger`.
    case linger(enabled: Bool, seconds: Int32)
    /// A `struct timeval`, in microseconds.
    case duration(microseconds: Int64)
    case text(String)
    /// SO_ERROR: the error pending on the socket; nil when there is none (the value 0).
    case pendingError(Errno?)
    /// Anything else, raw (at most 64 bytes).
    case bytes([UInt8])

    enum Layout { case integer, linger, timeval, text, errno, bytes }

    init(layout: Layout, bytes: [UInt8]) {
        func int32(_ at: Int) -> Int32? {
            bytes.count >= at + 4 ? bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: Int32.self) } : nil
        }
        func int64(_ at: Int) -> Int64? {
            bytes.count >= at + 8 ? bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: Int64.self) } : nil
        }
        switch layout {
        case .integer:
            if let value = int32(0) { self = .integer(value); return }
        case .linger:
            if let on = int32(0), let seconds = int32(4) { self = .linger(enabled: on != 0, seconds: seconds); return }
        case .timeval:
            if let seconds = int64(0), let micro = int64(8) { self = .duration(microseconds: seconds &* 1_000_000 &+ micro); return }
        case .text:
            self = .text(String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self))
            return
        case .errno:
            if let value = int32(0) { self = .pendingError(value == 0 ? nil : Errno(rawValue: value)); return }
        case .bytes:
            break
        }
        self = .bytes(Array(bytes.prefix(64)))
    }

    public var description: String {
        switch self {
        case .integer(let value): return String(value)
        case .linger(let enabled, let seconds): return "{onoff=\(enabled ? 1 : 0), linger=\(seconds)}"
        case .duration(let microseconds): return "\(microseconds) µs"
        case .text(let text): return "\"\(text)\""
        case .pendingError(let error): return error?.name ?? "0"
        case .bytes(let bytes): return "\(bytes.count) bytes"
        }
    }
}
