/// Flags of `send`/`recv` and their relatives (`MSG_*`), with Linux's values.
public struct MessageFlags: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let outOfBand = MessageFlags(rawValue: 0x1)
    public static let peek = MessageFlags(rawValue: 0x2)
    public static let dontRoute = MessageFlags(rawValue: 0x4)
    public static let truncate = MessageFlags(rawValue: 0x20)
    public static let dontWait = MessageFlags(rawValue: 0x40)
    public static let endOfRecord = MessageFlags(rawValue: 0x80)
    public static let waitAll = MessageFlags(rawValue: 0x100)
    public static let more = MessageFlags(rawValue: 0x8000)
    public static let noSignal = MessageFlags(rawValue: 0x4000)
    public static let errorQueue = MessageFlags(rawValue: 0x2000)
    public static let closeOnExec = MessageFlags(rawValue: 0x4000_0000)

    static let names: [(MessageFlags, String)] = [
        (.outOfBand, "MSG_OOB"), (.peek, "MSG_PEEK"), (.dontRoute, "MSG_DONTROUTE"), (.truncate, "MSG_TRUNC"),
        (.dontWait, "MSG_DONTWAIT"), (.endOfRecord, "MSG_EOR"), (.waitAll, "MSG_WAITALL"), (.more, "MSG_MORE"),
        (.noSignal, "MSG_NOSIGNAL"), (.errorQueue, "MSG_ERRQUEUE"), (.closeOnExec, "MSG_CMSG_CLOEXEC"),
    ]

    /// `MSG_DONTWAIT|MSG_NOSIGNAL`; `0` when empty.
    public var description: String { FlagNames.text(rawValue, MessageFlags.names.map { ($0.0.rawValue, $0.1) }) }
}

/// The flags `socket()`, `socketpair()` and `accept4()` take beside the type (`SOCK_NONBLOCK`, `SOCK_CLOEXEC`).
public struct SocketFlags: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let nonBlocking = SocketFlags(rawValue: 0x800)
    public static let closeOnExec = SocketFlags(rawValue: 0x80000)

    public var description: String {
        FlagNames.text(rawValue, [(SocketFlags.nonBlocking.rawValue, "SOCK_NONBLOCK"),
                                  (SocketFlags.closeOnExec.rawValue, "SOCK_CLOEXEC")])
    }
}

/// What `poll` asks for and reports (`POLLIN`, `POLLOUT`, ...); `select` and `epoll` map onto the same bits.
public struct PollEvents: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let readable = PollEvents(rawValue: 0x1)
    public static let urgent = PollEvents(rawValue: 0x2)
    public static let writable = PollEvents(rawValue: 0x4)
    public static let error = PollEvents(rawValue: 0x8)
    public static let hangUp = PollEvents(rawValue: 0x10)
    public static let invalid = PollEvents(rawValue: 0x20)
    public static let peerClosedWriting = PollEvents(rawValue: 0x2000)

    public var description: String {
        FlagNames.text(Int32(bitPattern: rawValue), [(0x1, "POLLIN"), (0x2, "POLLPRI"), (0x4, "POLLOUT"), (0x8, "POLLERR"),
                                                     (0x10, "POLLHUP"), (0x20, "POLLNVAL"), (0x2000, "POLLRDHUP")])
    }
}

enum FlagNames {
    /// `A|B|0x100` for the bits of `value`, in the table's order, unknown bits in hexadecimal; `0` for none.
    static func text(_ value: Int32, _ table: [(Int32, String)]) -> String {
        var names: [String] = []
        var rest = value
        for (bit, name) in table where value & bit == bit && bit != 0 {
            names.append(name)
            rest &= ~bit
        }
        if rest != 0 { names.append("0x" + String(UInt32(bitPattern: rest), radix: 16)) }
        return names.isEmpty ? "0" : names.joined(separator: "|")
    }
}
